package com.example.cart;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CartServiceTest {

    @Test // expect-no-pattern: testing/skipped-test
    void addsItems() {
        assertEquals(2, new CartService().add("a").add("b").size());
    }

    @Disabled("waiting for the tax service") // expect-pattern: testing/skipped-test
    @Test
    void computesTax() {
        assertEquals(20, new CartService().tax());
    }

    @Ignore // expect-pattern: testing/skipped-test
    @Test
    void legacyTotals() {
    }

    @DisabledOnOs(OS.WINDOWS) // expect-no-pattern: testing/skipped-test
    @Test
    void usesPosixPaths() {
    }
}
