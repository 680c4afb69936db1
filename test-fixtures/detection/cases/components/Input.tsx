import React, { forwardRef, useId, useMemo } from "react";

type InputProps = { label: string; items: string[] };

export const Input = forwardRef<HTMLInputElement, InputProps>(({ label }, ref) => { // expect-pattern: components/forward-ref, components/function-component, components/props-destructured
  const id = useId();
  return (
    <label htmlFor={id}>
      {label}
      <input id={id} ref={ref} />
    </label>
  );
});

export const Tags: React.FC<InputProps> = (props) => { // expect-pattern: components/function-component, components/props-object
  const tags = props.items.map((tag) => <span {...tagProps(tag)} />); // expect-no-pattern: components/list-item-without-key
  return <div>{tags}</div>;
};

export const Menu = ({ items }: InputProps) => { // expect-pattern: components/props-destructured  expect-no-pattern: components/props-object
  const sorted = useMemo(() => [...items].sort(), [items]); // expect-no-pattern: components/hook-in-condition
  const rows = [];
  for (const item of sorted) {
    rows.push(useMemo(() => item.toUpperCase(), [item])); // expect-pattern: components/hook-in-condition
  }
  return (
    <ol>
      {sorted.map((item, index) => { // expect-pattern: components/list-item-without-key
        const label = `${index + 1}. ${item}`;
        return <li>{label}</li>;
      })}
    </ol>
  );
};

export const ref = React.createRef(); // expect-no-pattern: components/forward-ref
