import React, { useEffect, useReducer } from "react";
import PropTypes from "prop-types";
import { formatCents, overdue } from "./billing.js";

const initialState = { status: "idle", invoices: [], error: null, filter: "all" };

function reducer(state, action) {
  switch (action.type) {
    case "loading":
      return { ...state, status: "loading" };
    case "loaded":
      return { ...state, status: "ready", invoices: action.invoices };
    case "failed":
      return { ...state, status: "error", error: action.error };
    case "filter":
      return { ...state, filter: action.filter };
    default:
      throw new Error(`unknown action ${action.type}`);
  }
}

function InvoiceRow({ invoice, onPay }) {
  const late = overdue([invoice]).length > 0;
  return (
    <li className={late ? "invoice invoice--late" : "invoice"}>
      <span className="invoice__id">{invoice.id.slice(0, 8)}</span>
      <span className="invoice__total">{formatCents(invoice.total())}</span>
      {invoice.balance > 0 ? (
        <button type="button" onClick={() => onPay(invoice)}>
          Pay {formatCents(invoice.balance)}
        </button>
      ) : (
        <em>paid</em>
      )}
    </li>
  );
}

InvoiceRow.propTypes = {
  invoice: PropTypes.object.isRequired,
  onPay: PropTypes.func.isRequired,
};

export default function InvoiceList({ fetchInvoices, ledger, pageSize = 20 }) {
  const [state, dispatch] = useReducer(reducer, initialState);

  useEffect(() => {
    let cancelled = false;
    dispatch({ type: "loading" });
    fetchInvoices({ limit: pageSize })
      .then((invoices) => {
        if (!cancelled) dispatch({ type: "loaded", invoices });
      })
      .catch((error) => dispatch({ type: "failed", error }));
    return () => {
      cancelled = true;
    };
  }, [fetchInvoices, pageSize]);

  const pay = async (invoice) => {
    try {
      await ledger.charge(invoice, "tok_visa");
    } catch (error) {
      dispatch({ type: "failed", error });
    }
  };

  const visible =
    state.filter === "overdue" ? overdue(state.invoices) : state.invoices;

  if (state.status === "loading") return <p>Loading invoices…</p>;
  if (state.status === "error") return <p role="alert">{String(state.error)}</p>;

  return (
    <div>
      <select
        value={state.filter}
        onChange={(e) => dispatch({ type: "filter", filter: e.target.value })}
      >
        <option value="all">All</option>
        <option value="overdue">Overdue</option>
      </select>
      <ul>
        {visible.map((inv) => (
          <InvoiceRow key={inv.id} invoice={inv} onPay={pay} />
        ))}
      </ul>
      <footer>{visible.length} of {state.invoices.length} invoices</footer>
    </div>
  );
}

InvoiceList.propTypes = {
  fetchInvoices: PropTypes.func.isRequired,
  ledger: PropTypes.shape({ charge: PropTypes.func }).isRequired,
  pageSize: PropTypes.number,
};
