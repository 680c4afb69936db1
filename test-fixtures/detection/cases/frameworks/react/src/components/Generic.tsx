import React from "react";

export const Service = <Self,>() => <const Name extends string>(name: Name) => makeService<Self>(name); // expect-no-pattern: react/components/function-component

export const Select = <T,>({ options }: { options: T[] }) => ( // expect-pattern: react/components/function-component
  <select>
    {options.map((option, index) => (
      <option key={index}>{String(option)}</option>
    ))}
  </select>
);
