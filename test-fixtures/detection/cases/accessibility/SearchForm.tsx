import React from "react";

export function SearchForm({ hidden }: { hidden: boolean }) {
  return (
    <form>
      <input
        type="search"
        tabIndex={3} // expect-pattern: accessibility/positive-tabindex
      />
      <input
        type="text"
        tabIndex={0} // expect-no-pattern: accessibility/positive-tabindex
      />
      <div
        tabIndex={-1} // expect-no-pattern: accessibility/positive-tabindex
      />
      <div
        tabIndex="2" // expect-pattern: accessibility/positive-tabindex
      />
    </form>
  );
}

export function Toolbar({ collapsed }: { collapsed: boolean }) {
  const hiddenButton = <button aria-hidden="true">Menu</button>; // expect-pattern: accessibility/aria-hidden-focusable
  const inertButton = <button aria-hidden="true" tabIndex={-1}>Menu</button>; // expect-no-pattern: accessibility/aria-hidden-focusable
  const visibleButton = <button aria-hidden={false}>Menu</button>; // expect-no-pattern: accessibility/aria-hidden-focusable
  const hiddenIcon = <span aria-hidden="true">★</span>; // expect-no-pattern: accessibility/aria-hidden-focusable
  const hiddenInput = <input aria-hidden />; // expect-pattern: accessibility/aria-hidden-focusable
  return <div>{hiddenButton}{inertButton}{visibleButton}{hiddenIcon}{hiddenInput}</div>;
}
