import InventoryStore, {
  InventoryError,
  InventoryItem,
  Sku,
  totalValueCents,
} from "./inventory";
import * as money from "./money";

export namespace Orders {
  export type OrderId = `ord_${string}`;

  export interface OrderLine {
    sku: Sku;
    quantity: number;
  }

  export type OrderState =
    | { kind: "draft" }
    | { kind: "placed"; placedAt: Date }
    | { kind: "cancelled"; reason: string };

  export abstract class BaseOrder {
    protected lines: OrderLine[] = [];
    public state: OrderState = { kind: "draft" };

    protected constructor(public readonly id: OrderId) {}

    abstract describe(): string;

    addLine(sku: Sku, quantity = 1): this {
      this.lines.push({ sku, quantity });
      return this;
    }

    get lineCount(): number {
      return this.lines.length;
    }
  }

  export class CustomerOrder extends BaseOrder {
    private static sequence = 1000;

    private constructor(id: OrderId, private readonly customerEmail: string) {
      super(id);
    }

    static create(customerEmail: string): CustomerOrder {
      CustomerOrder.sequence += 1;
      return new CustomerOrder(`ord_${CustomerOrder.sequence}`, customerEmail);
    }

    describe(): string {
      return `${this.id} for ${this.customerEmail} (${this.lineCount} lines)`;
    }

    snapshot(): ReadonlyArray<OrderLine> {
      return [...this.lines];
    }
  }
}

export interface PlaceResult {
  orderId: Orders.OrderId;
  totalCents: number;
  warnings: string[];
}

export class OrderService {
  constructor(private readonly store: InventoryStore) {}

  async place(order: Orders.CustomerOrder): Promise<PlaceResult> {
    const warnings: string[] = [];
    const reserved: InventoryItem[] = [];

    for (const line of order.snapshot()) {
      const item = this.store.get(line.sku);
      if (!item) {
        warnings.push(`missing sku ${line.sku}`);
        continue;
      }
      if (item.quantity < line.quantity) {
        throw new InventoryError(line.sku, "insufficient stock");
      }
      reserved.push({ ...item, quantity: line.quantity });
    }

    await this.delay(25);
    order.state = { kind: "placed", placedAt: new Date() };
    return {
      orderId: order.id,
      totalCents: money.applyTax(totalValueCents(reserved), 0.2),
      warnings,
    };
  }

  cancel(order: Orders.CustomerOrder, reason: string): boolean {
    if (order.state.kind !== "draft") {
      return false;
    }
    order.state = { kind: "cancelled", reason };
    return true;
  }

  private delay(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }
}

export async function placeAll(
  service: OrderService,
  orders: Orders.CustomerOrder[],
): Promise<PlaceResult[]> {
  const results = await Promise.allSettled(orders.map((o) => service.place(o)));
  return results
    .filter((r): r is PromiseFulfilledResult<PlaceResult> => r.status === "fulfilled")
    .map((r) => r.value);
}
