package com.acme.orders;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

@ResponseStatus(HttpStatus.NOT_FOUND)
public class OrderNotFound extends RuntimeException {
    private final Long id;

    public OrderNotFound(Long id) { // expect-no-pattern: spring/structural/constructor-injection
        super("order " + id + " not found");
        this.id = id;
    }
}
