package com.example.shop.orders;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An order placed by a customer, made of priced lines.
 */
public class Order implements Comparable<Order> {

    public enum Status {
        NEW, PAID, SHIPPED, CANCELLED;

        public boolean isFinal() {
            return this == SHIPPED || this == CANCELLED;
        }
    }

    public static final class Line {
        private final String sku;
        private final int quantity;
        private final BigDecimal unitPrice;

        public Line(String sku, int quantity, BigDecimal unitPrice) {
            if (quantity <= 0) {
                throw new IllegalArgumentException("quantity must be > 0, got " + quantity);
            }
            this.sku = Objects.requireNonNull(sku, "sku");
            this.quantity = quantity;
            this.unitPrice = unitPrice;
        }

        public BigDecimal total() {
            return unitPrice.multiply(BigDecimal.valueOf(quantity));
        }

        public String getSku() {
            return sku;
        }
    }

    private static long nextId = 1L;

    private final long id;
    private final String customerEmail;
    private final List<Line> lines = new ArrayList<>();
    protected Status status = Status.NEW;
    private final Instant createdAt;

    public Order(String customerEmail) {
        this.id = nextId++;
        this.customerEmail = customerEmail;
        this.createdAt = Instant.now();
    }

    public Order addLine(String sku, int quantity, String price) {
        lines.add(new Line(sku, quantity, new BigDecimal(price)));
        return this;
    }

    public BigDecimal total() {
        return lines.stream()
                .map(Line::total)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public List<Line> getLines() {
        return Collections.unmodifiableList(lines);
    }

    public long getId() {
        return id;
    }

    public String getCustomerEmail() {
        return customerEmail;
    }

    public Status getStatus() {
        return status;
    }

    void transition(Status next) {
        if (status.isFinal()) {
            throw new IllegalStateException("order " + id + " is already " + status);
        }
        this.status = next;
    }

    @Override
    public int compareTo(Order other) {
        return createdAt.compareTo(other.createdAt);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof Order)) return false;
        return id == ((Order) o).id;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }

    @Override
    public String toString() {
        return String.format("Order[%d, %s, %s]", id, status, total());
    }
}
