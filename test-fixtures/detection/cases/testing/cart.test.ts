import { describe, it, expect, beforeEach } from "vitest";
import { Cart } from "../src/cart";

describe("Cart", () => { // expect-no-pattern: testing/it-block, testing/test-block, testing/focused-test
  let cart: Cart;

  beforeEach(() => {
    cart = new Cart();
  });

  it("starts empty", () => { // expect-pattern: testing/it-block  expect-no-pattern: testing/test-block, testing/focused-test
    expect(cart.items).toHaveLength(0);
  });

  it("adds an item", () => { // expect-pattern: testing/it-block
    cart.add({ sku: "A1", price: 10 });
    expect(cart.total()).toBe(10);
  });

  it.only("applies a discount", () => { // expect-pattern: testing/focused-test  expect-no-pattern: testing/it-block
    cart.add({ sku: "A1", price: 10 });
    cart.discount(0.5);
    expect(cart.total()).toBe(5);
  });

  it.skip("ships abroad", () => { // expect-pattern: testing/skipped-test  expect-no-pattern: testing/focused-test
    expect(cart.shipping("FR")).toBe(12);
  });

  xit("rounds totals", () => { // expect-pattern: testing/skipped-test
    expect(cart.total()).toBe(0);
  });
});

fdescribe("Checkout", () => { // expect-pattern: testing/focused-test
  test("needs an address", () => { // expect-pattern: testing/test-block  expect-no-pattern: testing/it-block
    const pattern = /^\d{5}$/;
    expect(pattern.test("12345")).toBe(true); // expect-no-pattern: testing/test-block
  });
});

export function fit(model: Model, data: number[]) { // expect-no-pattern: testing/focused-test
  return model.fit(data); // expect-no-pattern: testing/focused-test
}
