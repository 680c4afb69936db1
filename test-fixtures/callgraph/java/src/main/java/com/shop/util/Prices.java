package com.shop.util;

public final class Prices {
    private Prices() {}

    public static long total(int quantity) {
        return withTax(quantity * 250L);
    }

    private static long withTax(long cents) {
        return cents + cents / 5;
    }

    public static String tag(String label) {
        return "[" + label + "]";
    }

    static long unusedDiscount(long cents) {
        return cents / 10;
    }
}
