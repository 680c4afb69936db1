import { createSignal } from "solid-js";

export function SolidList(props) {
  const [items] = createSignal(props.items);
  return <ul>{items().map((item) => <li>{item}</li>)}</ul>; // expect-no-pattern: components/list-item-without-key
}
