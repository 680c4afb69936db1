package com.shop.model;

public class Order {
    private final String id;
    private final int quantity;

    public Order(String id, int quantity) {
        this.id = id;
        this.quantity = quantity;
    }

    public String getId() {
        return id;
    }

    public int getQuantity() {
        return quantity;
    }
}
