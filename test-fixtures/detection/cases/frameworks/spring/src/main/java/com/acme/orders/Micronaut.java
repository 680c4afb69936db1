package com.acme.orders;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import jakarta.transaction.Transactional;

@Controller("/hello") // expect-no-pattern: spring/api/rest-controller
public class Micronaut {
    @Get
    @Transactional // expect-no-pattern: spring/data_access/transactional
    public String index() {
        return "hi";
    }
}
