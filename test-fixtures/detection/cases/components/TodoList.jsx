import React, { Component, useState, useEffect } from "react";

export function TodoList({ todos, onToggle }) { // expect-pattern: components/function-component, components/props-destructured  expect-no-pattern: components/props-object, components/class-component
  const [filter, setFilter] = useState("all"); // expect-no-pattern: components/hook-in-condition
  if (filter === "done") {
    const [count] = useState(0); // expect-pattern: components/hook-in-condition
  }
  return (
    <ul>
      {todos.map((todo) => ( // expect-pattern: components/list-item-without-key
        <li onClick={() => onToggle(todo.id)}>{todo.title}</li>
      ))}
    </ul>
  );
}

export function KeyedList(props) { // expect-pattern: components/function-component, components/props-object  expect-no-pattern: components/props-destructured
  return (
    <ul>
      {props.items.map((item) => ( // expect-no-pattern: components/list-item-without-key
        <li key={item.id}>{item.label}</li>
      ))}
    </ul>
  );
}

export function formatTitle(todo) { // expect-no-pattern: components/function-component, components/props-object
  return todo.title.trim();
}

export function Counter() { // expect-pattern: components/function-component  expect-no-pattern: components/props-destructured, components/props-object
  const [count, setCount] = useState(0);
  useEffect(() => {
    document.title = `${count} clicks`;
  }, [count]);
  const labels = ["a", "b"].map((label) => label.toUpperCase()); // expect-no-pattern: components/list-item-without-key
  return <button onClick={() => setCount(count + 1)}>{labels.join(",")}</button>;
}

export class LegacyCounter extends Component { // expect-pattern: components/class-component  expect-no-pattern: components/function-component
  state = { count: 0 };

  render() {
    return <span>{this.state.count}</span>;
  }
}
