/**
 * Inventory domain model and in-memory store for the warehouse service.
 */
import { EventEmitter } from "events";
import type { Logger } from "./logger";

export type Sku = string;

export enum StockStatus {
  InStock = "IN_STOCK",
  LowStock = "LOW_STOCK",
  OutOfStock = "OUT_OF_STOCK",
}

export interface InventoryItem {
  readonly sku: Sku;
  name: string;
  quantity: number;
  unitPriceCents: number;
  tags?: string[];
}

export interface Repository<T, K> {
  get(key: K): T | undefined;
  save(item: T): void;
  all(): T[];
}

export class InventoryError extends Error {
  constructor(public readonly sku: Sku, message: string) {
    super(`[${sku}] ${message}`);
    this.name = "InventoryError";
  }
}

function sealed(constructor: Function): void {
  Object.seal(constructor);
  Object.seal(constructor.prototype);
}

export const LOW_STOCK_THRESHOLD = 5;
const MAX_QUANTITY = 10_000;

@sealed
export class InventoryStore
  extends EventEmitter
  implements Repository<InventoryItem, Sku>
{
  private readonly items = new Map<Sku, InventoryItem>();
  protected restockCount = 0;

  constructor(private readonly logger: Logger) {
    super();
  }

  public get(sku: Sku): InventoryItem | undefined {
    return this.items.get(sku);
  }

  public save(item: InventoryItem): void {
    if (item.quantity < 0 || item.quantity > MAX_QUANTITY) {
      throw new InventoryError(item.sku, `invalid quantity ${item.quantity}`);
    }
    this.items.set(item.sku, { ...item });
    this.emit("saved", item.sku);
  }

  public all(): InventoryItem[] {
    return Array.from(this.items.values()).sort((a, b) =>
      a.name.localeCompare(b.name),
    );
  }

  public restock(sku: Sku, amount: number): number {
    const item = this.get(sku);
    if (!item) {
      throw new InventoryError(sku, "unknown sku");
    }
    item.quantity = Math.min(item.quantity + amount, MAX_QUANTITY);
    this.restockCount += 1;
    this.logger.info(`restocked ${sku} by ${amount}`);
    return item.quantity;
  }

  public status(sku: Sku): StockStatus {
    const quantity = this.get(sku)?.quantity ?? 0;
    if (quantity === 0) return StockStatus.OutOfStock;
    return quantity <= LOW_STOCK_THRESHOLD
      ? StockStatus.LowStock
      : StockStatus.InStock;
  }

  static fromJson(raw: string, logger: Logger): InventoryStore {
    const store = new InventoryStore(logger);
    try {
      const parsed = JSON.parse(raw) as InventoryItem[];
      parsed.forEach((item) => store.save(item));
    } catch (err) {
      logger.error(`failed to load inventory: ${(err as Error).message}`);
      throw err;
    } finally {
      logger.debug("inventory load finished");
    }
    return store;
  }
}

export function totalValueCents(items: ReadonlyArray<InventoryItem>): number {
  return items.reduce((sum, item) => sum + item.quantity * item.unitPriceCents, 0);
}

export default InventoryStore;
