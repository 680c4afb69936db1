package com.acme.orders;

import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Service;

// expect-pattern: spring/structural/constructor-injection
@Service
@RequiredArgsConstructor
public class PaymentService {
    private final PaymentGateway gateway;

    public Receipt charge(Order order) {
        return gateway.charge(order.total());
    }
}
