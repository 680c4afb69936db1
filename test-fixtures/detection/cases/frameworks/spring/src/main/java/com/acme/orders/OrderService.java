package com.acme.orders;

import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@RequiredArgsConstructor
public class OrderService { // expect-no-pattern: spring/structural/constructor-injection

    private final OrderRepository repository;

    @Transactional(readOnly = true) // expect-pattern: spring/data_access/transactional
    public OrderDto find(Long id) {
        return repository.findById(id).map(OrderDto::from).orElseThrow();
    }

    @Transactional // expect-pattern: spring/data_access/transactional
    public OrderDto create(CreateOrderRequest request) {
        return OrderDto.from(repository.save(request.toEntity()));
    }
}
