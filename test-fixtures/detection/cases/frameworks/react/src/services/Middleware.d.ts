import type { ReactNode } from "react";

export declare const Service: <Self, Config = {}>() => <const Name extends string>(name: Name) => ServiceClass<Self, Name, Config>; // expect-no-pattern: react/components/function-component
export declare const Problem: <const Tag extends string, Fields>(tag: Tag) => ProblemClass<Tag, Fields>; // expect-no-pattern: react/components/function-component
export declare const Layout: (props: { children: ReactNode }) => ReactNode;
