// Not React: a store with hook-like names.
import { useState, render } from "./tiny-store";
import { EventEmitter } from "events";

const [count, setCount] = useState(0); // expect-no-pattern: react/components/use-state
render("#app"); // expect-no-pattern: react/testing/testing-library

export class Bus extends EventEmitter {} // expect-no-pattern: react/components/class-component
