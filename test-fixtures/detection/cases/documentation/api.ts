/// <reference types="node" />
// expect-no-pattern: documentation/doc-comment
import { db } from "./db";

// expect-pattern: documentation/doc-comment
/** Loads a user by id. */
export async function loadUser(id: string) {
  return db.users.find(id);
}

// expect-pattern: documentation/doc-comment, documentation/deprecated-marker
/**
 * Saves a user.
 * @deprecated use upsertUser
 */
export async function saveUser(user: User) {
  validate(user); // FIXME: validate the email too  expect-pattern: documentation/todo-comment
  return db.users.save(user);
}

// expect-no-pattern: documentation/doc-comment, documentation/todo-comment
// Plain comment, not a doc comment.
export const VERSION = "1.0.0";

// expect-no-pattern: documentation/todo-comment
/* TODOS are tracked in the issue tracker */
export const PHONE_FORMAT = "XXX-XXX-XXXX";
