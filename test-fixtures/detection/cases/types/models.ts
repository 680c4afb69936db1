export interface User { // expect-pattern: types/interface-shape  expect-no-pattern: types/type-alias-shape
  id: string;
  name: string;
  manager?: User;
}

export type Order = { // expect-pattern: types/type-alias-shape  expect-no-pattern: types/interface-shape
  id: string;
  lines: OrderLine[];
};

export type Status = "draft" | "paid" | "shipped"; // expect-no-pattern: types/type-alias-shape
export type ReadonlyUser = Readonly<User>; // expect-no-pattern: types/type-alias-shape

export function parse(raw: string): unknown { // expect-pattern: types/unknown-type, types/return-type-annotated  expect-no-pattern: types/return-type-inferred
  return JSON.parse(raw);
}

export function legacyParse(raw: string): any { // expect-pattern: types/explicit-any  expect-no-pattern: types/unknown-type
  return JSON.parse(raw);
}

export function managerName(user: User) { // expect-pattern: types/return-type-inferred  expect-no-pattern: types/return-type-annotated
  return user.manager!.name; // expect-pattern: types/non-null-assertion
}

export function displayName(user: User): string {
  const company = "Anywhere"; // expect-no-pattern: types/explicit-any, types/non-null-assertion
  return user.name !== "" ? user.name : company; // expect-no-pattern: types/non-null-assertion
}

export function isUser(value: unknown): value is User { // expect-pattern: types/return-type-annotated
  return typeof value === "object" && value !== null && "id" in value;
}

export class UserStore {
  private users = new Map<string, User>();

  constructor(private readonly api: Api) {} // expect-no-pattern: types/return-type-inferred, types/return-type-annotated

  get size(): number { // expect-pattern: types/return-type-annotated
    return this.users.size;
  }

  set current(user: User) { // expect-no-pattern: types/return-type-inferred
    this.users.set("current", user);
  }

  async load(id: string): Promise<User> { // expect-pattern: types/return-type-annotated
    const data = (await this.api.get(id)) as User;
    return data;
  }

  remember(user: User) { // expect-pattern: types/return-type-inferred
    this.users.set(user.id, user);
    const metadata: Record<string, any> = {}; // expect-pattern: types/explicit-any
    return metadata;
  }
}

// Mapped types have no interface equivalent: they are not the object-shape habit.
export type Partialized<T> = { [K in keyof T]?: T[K] }; // expect-no-pattern: types/type-alias-shape
export type Frozen<T> = { readonly [K in keyof T]: T[K] }; // expect-no-pattern: types/type-alias-shape
export type Mutable<T> = { -readonly [K in keyof T]-?: T[K] }; // expect-no-pattern: types/type-alias-shape
export type Getters<T> = { [K in keyof T as `get${Capitalize<string & K>}`]: () => T[K] }; // expect-no-pattern: types/type-alias-shape
export type Flags = { [key: string]: boolean }; // expect-pattern: types/type-alias-shape
export type Line = { readonly sku: string; inStock: boolean }; // expect-pattern: types/type-alias-shape
