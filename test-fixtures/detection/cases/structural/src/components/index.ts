export * from "./Button"; // expect-pattern: structural/barrel-reexport  expect-no-pattern: structural/named-export
export { Modal, type ModalProps } from "./Modal"; // expect-pattern: structural/barrel-reexport  expect-no-pattern: structural/named-export
export * as icons from "./icons"; // expect-pattern: structural/barrel-reexport
export const VERSION = "2.1.0"; // expect-no-pattern: structural/barrel-reexport
