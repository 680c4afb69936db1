import React from "react";
import { formatPrice } from "../../lib/format"; // expect-pattern: structural/deep-relative-import  expect-no-pattern: structural/alias-import
import { useCart } from "./useCart"; // expect-no-pattern: structural/deep-relative-import, structural/alias-import
import { Button } from "@/components/Button"; // expect-pattern: structural/alias-import  expect-no-pattern: structural/deep-relative-import
import { track } from "@acme/analytics"; // expect-no-pattern: structural/alias-import
import type { Cart } from "../types"; // expect-no-pattern: structural/deep-relative-import

export interface CartSummaryProps { // expect-no-pattern: structural/named-export, structural/default-export
  cart: Cart;
}

export const FREE_SHIPPING = 50; // expect-pattern: structural/named-export  expect-no-pattern: structural/default-export

export function CartSummary({ cart }: CartSummaryProps) { // expect-pattern: structural/named-export
  const { total } = useCart(cart);
  track("cart_viewed");
  return (
    <div>
      {formatPrice(total)}
      <Button>Checkout</Button>
    </div>
  );
}

export default CartSummary; // expect-pattern: structural/default-export  expect-no-pattern: structural/named-export
