/// <reference types="node" />
// expect-no-pattern: documentation/doc-comment
import { db } from "./db";

/** Loads a user by id. */ // expect-pattern: documentation/doc-comment
export async function loadUser(id: string) {
  return db.users.find(id);
}

/** expect-pattern: documentation/doc-comment, documentation/deprecated-marker
 * Saves a user.
 * @deprecated use upsertUser
 */
export async function saveUser(user: User) {
  // FIXME: no validation // expect-pattern: documentation/todo-comment
  return db.users.save(user);
}

// Plain comment, not a doc comment. // expect-no-pattern: documentation/doc-comment, documentation/todo-comment
export const VERSION = "1.0.0";

/* TODOS are tracked in the issue tracker */ // expect-no-pattern: documentation/todo-comment
export const PHONE_FORMAT = "XXX-XXX-XXXX";
