import { Component } from "ecsy";

export class Velocity extends Component<Velocity> { // expect-no-pattern: components/class-component
  x = 0;
}
