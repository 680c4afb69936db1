import type { Effect } from "./effect";

export function wrap(effect: Effect<number, import("./errors").ParseError>): void {} // expect-no-pattern: performance/dynamic-import
export type Page = import("./pages").Page; // expect-no-pattern: performance/dynamic-import

export async function loadPage(name: string): Promise<import("./pages").Page> { // expect-no-pattern: performance/dynamic-import
  const pages = await import("./pages"); // expect-pattern: performance/dynamic-import
  return pages.byName(name);
}
