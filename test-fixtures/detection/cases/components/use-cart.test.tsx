import { renderHook } from "@testing-library/react";
import { useCart } from "./useCart";

for (const size of [1, 2, 3]) {
  renderHook(() => useCart(size)); // expect-no-pattern: components/hook-in-condition
}
