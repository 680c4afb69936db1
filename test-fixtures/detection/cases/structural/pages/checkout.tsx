import { CartSummary } from "../src/features/cart/CartSummary";

export default function CheckoutPage() { // expect-no-pattern: structural/default-export
  return <CartSummary />;
}
