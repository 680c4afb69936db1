import React, { useCallback, useEffect, useMemo, useState } from "react";
import type { FC, ReactNode } from "react";
import { InventoryItem, StockStatus } from "./inventory";

export interface StockTableProps {
  items: InventoryItem[];
  title?: string;
  onRestock?: (sku: string, amount: number) => Promise<void>;
  footer?: ReactNode;
}

type SortKey = "name" | "quantity" | "unitPriceCents";

const currency = new Intl.NumberFormat("en-US", {
  style: "currency",
  currency: "USD",
});

function statusFor(quantity: number): StockStatus {
  if (quantity === 0) return StockStatus.OutOfStock;
  return quantity < 5 ? StockStatus.LowStock : StockStatus.InStock;
}

const StatusBadge: FC<{ quantity: number }> = ({ quantity }) => {
  const status = statusFor(quantity);
  const color = status === StockStatus.InStock ? "green" : "orange";
  return (
    <span className={`badge badge-${color}`} data-status={status}>
      {status.replace("_", " ").toLowerCase()}
    </span>
  );
};

export function StockTable({
  items,
  title = "Stock levels",
  onRestock,
  footer,
}: StockTableProps): JSX.Element {
  const [sortKey, setSortKey] = useState<SortKey>("name");
  const [busySku, setBusySku] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    document.title = `${title} (${items.length})`;
  }, [title, items.length]);

  const sorted = useMemo(
    () =>
      [...items].sort((a, b) =>
        sortKey === "name"
          ? a.name.localeCompare(b.name)
          : a[sortKey] - b[sortKey],
      ),
    [items, sortKey],
  );

  const handleRestock = useCallback(
    async (sku: string) => {
      if (!onRestock) return;
      setBusySku(sku);
      try {
        await onRestock(sku, 10);
        setError(null);
      } catch (err) {
        setError(err instanceof Error ? err.message : String(err));
      } finally {
        setBusySku(null);
      }
    },
    [onRestock],
  );

  return (
    <section className="stock-table">
      <h2>{title}</h2>
      {error && <p role="alert">{error}</p>}
      <table>
        <thead>
          <tr>
            <th onClick={() => setSortKey("name")}>Name</th>
            <th onClick={() => setSortKey("quantity")}>Qty</th>
            <th onClick={() => setSortKey("unitPriceCents")}>Price</th>
            <th>Status</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {sorted.map((item) => (
            <tr key={item.sku}>
              <td>{item.name}</td>
              <td>{item.quantity}</td>
              <td>{currency.format(item.unitPriceCents / 100)}</td>
              <td>
                <StatusBadge quantity={item.quantity} />
              </td>
              <td>
                <button
                  disabled={busySku === item.sku}
                  onClick={() => void handleRestock(item.sku)}
                >
                  Restock +10
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {footer}
    </section>
  );
}

export default StockTable;
