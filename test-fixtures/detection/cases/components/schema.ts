// Generic factories in a plain .ts file: their type parameters are not JSX.
import type { Top, Codec } from "./schema-types";

export function Opaque<Self, Brand>() { // expect-no-pattern: components/function-component
  return <S extends Top>(schema: S): Codec<Self, S, Brand> => wrap(schema);
}

export const Setting = <Id extends string>(id: Id) => <A>(options: { default: A }) => ({ // expect-no-pattern: components/function-component
  id,
  ...options,
});

export const Service = <Self>() => <const Name extends string>(name: Name) => makeService<Self>(name); // expect-no-pattern: components/function-component
