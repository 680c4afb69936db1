import React, { useCallback, useEffect, useMemo, useState } from "react";
import { ThemeContext } from "../theme";
import { fetchOrders, Order } from "../api";

type Props = { customerId: string; pageSize?: number };

export function OrderList({ customerId, pageSize = 20 }: Props) { // expect-pattern: react/components/function-component  expect-no-pattern: react/components/class-component
  const [orders, setOrders] = useState<Order[]>([]); // expect-pattern: react/components/use-state
  const [query, setQuery] = useState(""); // expect-no-pattern: react/performance/memo-hook

  useEffect(() => { // expect-pattern: react/performance/effect-with-deps  expect-no-pattern: react/performance/effect-without-deps
    let cancelled = false;
    fetchOrders(customerId, pageSize).then((rows) => {
      if (!cancelled) setOrders(rows);
    });
    return () => {
      cancelled = true;
    };
  }, [customerId, pageSize]);

  useEffect(() => { // expect-pattern: react/performance/effect-without-deps  expect-no-pattern: react/performance/effect-with-deps
    document.title = `${orders.length} orders`;
  });

  const visible = useMemo( // expect-pattern: react/performance/memo-hook
    () => orders.filter((order) => order.reference.includes(query)),
    [orders, query],
  );
  const onSearch = useCallback((event: React.ChangeEvent<HTMLInputElement>) => setQuery(event.target.value), []); // expect-pattern: react/performance/memo-hook

  const search = <input value={query} onChange={onSearch} />; // expect-no-pattern: react/components/context-provider
  return (
    // expect-pattern: react/components/context-provider
    <ThemeContext.Provider value="compact">
      {search}
      <ul>
        {visible.map((order) => (
          <OrderRow key={order.id} order={order} />
        ))}
      </ul>
    </ThemeContext.Provider>
  );
}

// expect-pattern: react/components/function-component
export const OrderRow = ({ order }: { order: Order }) => (
  <li>{order.reference}</li>
);

const formatTotal = (order: Order) => `${order.total.toFixed(2)} EUR`; // expect-no-pattern: react/components/function-component

export class LegacyBanner extends React.Component<{ text: string }> { // expect-pattern: react/components/class-component  expect-no-pattern: react/components/function-component
  render() {
    return <div className="banner">{this.props.text}</div>;
  }
}
