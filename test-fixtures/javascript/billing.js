// Billing engine: invoices, line items and payment reconciliation (ES modules).
import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import config, { TAX_RATES } from "./config.cjs";

export const CURRENCY = "EUR";
const CENTS = 100;

export class BillingError extends Error {
  constructor(message, { code = "BILLING_FAILED", cause } = {}) {
    super(message, { cause });
    this.name = "BillingError";
    this.code = code;
  }
}

export class Invoice {
  #lines = [];
  static count = 0;

  constructor(customerId, issuedAt = new Date()) {
    this.id = randomUUID();
    this.customerId = customerId;
    this.issuedAt = issuedAt;
    this.paidCents = 0;
    Invoice.count += 1;
  }

  addLine(description, quantity, unitPrice) {
    if (quantity <= 0) {
      throw new BillingError(`quantity must be positive: ${quantity}`, { code: "BAD_QTY" });
    }
    this.#lines.push({ description, quantity, unitCents: Math.round(unitPrice * CENTS) });
    return this;
  }

  get lines() {
    return this.#lines.slice();
  }

  subtotal() {
    return this.#lines.reduce((acc, l) => acc + l.quantity * l.unitCents, 0);
  }

  total(region = "default") {
    const rate = TAX_RATES[region] ?? TAX_RATES.default;
    return Math.round(this.subtotal() * (1 + rate));
  }

  get balance() {
    return this.total() - this.paidCents;
  }

  toJSON() {
    return { id: this.id, customerId: this.customerId, total: this.total(), lines: this.lines };
  }
}

export class RecurringInvoice extends Invoice {
  constructor(customerId, intervalDays = 30) {
    super(customerId);
    this.intervalDays = intervalDays;
  }

  nextIssueDate() {
    const next = new Date(this.issuedAt.getTime());
    next.setDate(next.getDate() + this.intervalDays);
    return next;
  }
}

export class PaymentLedger extends EventEmitter {
  constructor(gateway) {
    super();
    this.gateway = gateway;
    this.entries = new Map();
  }

  async charge(invoice, cardToken) {
    let receipt = null;
    try {
      receipt = await this.gateway.charge({
        amount: invoice.balance,
        currency: CURRENCY,
        source: cardToken,
        retries: config.maxRetries,
      });
      invoice.paidCents += receipt.amount;
      this.entries.set(invoice.id, receipt);
      this.emit("paid", invoice.id, receipt.amount);
    } catch (err) {
      this.emit("failed", invoice.id, err);
      throw new BillingError("charge failed", { code: "GATEWAY", cause: err });
    } finally {
      this.emit("settled", invoice.id);
    }
    return receipt;
  }
}

export function formatCents(cents, locale = "de-DE") {
  return new Intl.NumberFormat(locale, { style: "currency", currency: CURRENCY }).format(cents / CENTS);
}

export const overdue = (invoices, now = Date.now()) =>
  invoices.filter((inv) => inv.balance > 0 && now - inv.issuedAt.getTime() > 0x5265c00 * 30);

export default { Invoice, RecurringInvoice, PaymentLedger, formatCents };
