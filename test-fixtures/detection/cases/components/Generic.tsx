import React from "react";

// A .tsx file can hold JSX, but a curried generic factory is not a component.
export const Service = <Self,>() => <const Name extends string>(name: Name) => makeService<Self>(name); // expect-no-pattern: components/function-component

export function Opaque<Self>() { // expect-no-pattern: components/function-component
  return <S extends Schema>(schema: S) => brand<Self, S>(schema);
}

export const Pick = <T,>() => <K extends keyof T = keyof T>(keys: K[]) => keys; // expect-no-pattern: components/function-component

export const List = <T,>({ items }: { items: T[] }) => ( // expect-pattern: components/function-component
  <ul>
    {items.map((item, index) => (
      <li key={index}>{String(item)}</li>
    ))}
  </ul>
);

export function Badge({ label }: { label: string }) { // expect-pattern: components/function-component
  return (
    // a comment before the element
    <span className="badge">{label}</span>
  );
}

export function Toggle({ on }: { on: boolean }) { // expect-pattern: components/function-component
  return <input type="checkbox" checked={on} readOnly />;
}

export const Empty = () => <></>; // expect-pattern: components/function-component
