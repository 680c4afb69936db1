import type { ReactNode } from "react";

export function Opaque<Self, Brand>() { // expect-no-pattern: react/components/function-component
  return <S extends Top>(schema: S): Codec<Self, S, Brand> => wrap(schema);
}

export const Setting = <Id extends string>(id: Id) => <A>(options: { default: A; render?: () => ReactNode }) => ({ id, ...options }); // expect-no-pattern: react/components/function-component
