import { render, screen } from "@testing-library/react";
import { OrderRow } from "./OrderList";

test("shows the reference", () => {
  render(<OrderRow order={{ id: "1", reference: "A-1", total: 3 }} />); // expect-pattern: react/testing/testing-library
  expect(screen.getByText("A-1")).toBeInTheDocument(); // expect-no-pattern: react/testing/testing-library
});
