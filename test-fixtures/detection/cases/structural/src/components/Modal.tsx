import { Dialog } from "~/ui/dialog"; // expect-pattern: structural/alias-import
export { Dialog } from "~/ui/dialog"; // expect-no-pattern: structural/barrel-reexport, structural/named-export

function Modal() {
  return <Dialog />;
}

export { Modal }; // expect-pattern: structural/named-export
