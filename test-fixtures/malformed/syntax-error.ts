// Intentionally broken TypeScript: unclosed brace, missing paren, stray tokens.
import { readFile } from "fs/promises";

export interface Coupon {
  code: string;
  percentOff: number;
}

export class CouponBook {
  private coupons = new Map<string, Coupon>();

  add(coupon: Coupon): void {
    this.coupons.set(coupon.code, coupon);
  }

  // ERROR: missing closing paren in the condition
  apply(code: string, totalCents: number): number {
    const coupon = this.coupons.get(code;
    if (!coupon {
      return totalCents;
    }
    return Math.round(totalCents * (1 - coupon.percentOff / 100));
  }

  // ERROR: stray tokens after the parameter list
  async load(path: string) ]] => {
    const raw = await readFile(path, "utf8");
    JSON.parse(raw).forEach((c: Coupon) => this.add(c));
  }

  // ERROR: unclosed method body (no closing brace for the class either)
  size(): number {
    return this.coupons.size;

export function valid(): string {
  return "this function is fine";
}
