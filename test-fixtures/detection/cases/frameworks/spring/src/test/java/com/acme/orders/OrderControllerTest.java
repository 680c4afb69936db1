package com.acme.orders;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(OrderController.class)
class OrderControllerTest {

    @Autowired // expect-no-pattern: spring/structural/field-injection
    private MockMvc mvc;

    @Test
    void getsAnOrder() throws Exception {
        mvc.perform(get("/api/orders/1")).andExpect(status().isOk());
    }
}
