import { logger } from "./log";

export async function load(id: string) {
  try {
    return await fetchUser(id);
  } catch (err) {} // expect-pattern: errors/catch-swallowed  expect-no-pattern: errors/catch-rethrows, errors/catch-logs
}

export async function save(user: User) {
  try {
    await store(user);
  } catch (err) { // expect-pattern: errors/catch-logs  expect-no-pattern: errors/catch-swallowed
    logger.error("save failed", err);
  }
}

export function parse(text: string) {
  try {
    return JSON.parse(text);
  } catch (err) { // expect-pattern: errors/catch-rethrows  expect-no-pattern: errors/catch-logs
    throw new ParseError(`bad JSON: ${err}`); // expect-pattern: errors/throw-error-object
  }
}

export function check(value: number) {
  if (value < 0) {
    throw "negative"; // expect-pattern: errors/throw-literal  expect-no-pattern: errors/throw-error-object
  }
  // expect-no-pattern: errors/throw-literal
  throw new RangeError("too big");
}

export class ParseError extends Error {} // expect-pattern: errors/custom-error-class
// expect-no-pattern: errors/custom-error-class
export class Parser extends Base {}
