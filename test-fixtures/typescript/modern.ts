// TypeScript 4.7-5.x syntax: variance annotations, const type parameters, auto-accessors,
// satisfies, using, overloads as call signatures, inline imported types and tagged templates
// with type arguments.
import { sql } from './db'

export type * from './models'
export type * as loaders from './loader'

export interface Producer<out T> {
  make(): T
}

export interface Consumer<in T> {
  take(value: T): void
}

export interface Cell<in out T> {
  get(): T
  set(value: T): void
}

export interface Parameter {
  name: string
  in: 'query' | 'path'
}

export const makeBy: {
  <A>(f: (i: number) => A): (n: number) => Array<A>
  <A>(n: number, f: (i: number) => A): Array<A>
} = (...args: Array<unknown>) => args as never

export class Counter<in out T> {
  accessor count = 0
  static accessor shared: Counter<unknown> | undefined

  constructor(readonly label: T) {}

  increment(): number {
    this.count += 1
    return this.count
  }
}

export function tuple<const T extends readonly unknown[]>(...items: T): T {
  return items
}

export const settings = { port: 8080, host: 'localhost' } satisfies Record<string, string | number>

export type Loader = import('./loader').Loader<string>
export type Keys = keyof import('./loader').Options
export type Message<P extends string = ''> = `use \`new\` for ${P}`

export async function findUser(id: number): Promise<{ id: number } | undefined> {
  using lock = acquire()
  const rows = await sql<{ id: number }>`SELECT id FROM users WHERE id = ${id}`
  try {
    return rows[0]
  } catch (error) {
    throw new Error(`lookup failed: ${String(error)}`)
  } finally {
    lock[Symbol.dispose]()
  }
}

function acquire(): Disposable {
  return { [Symbol.dispose]: () => undefined }
}
