package com.example.shop;

import org.springframework.stereotype.Service;

@Service
public class OrderService {
    private final OrderRepository repository;

    public OrderService(OrderRepository repository) {
        this.repository = repository;
    }

    public Object ordersOf(String customer) {
        String name = customer.trim();
        return repository.findByCustomer(name);
    }

    public Object orderById(long id) {
        return repository.findByCustomer(String.valueOf(id));
    }

    public String countLabel(String status) {
        return "status: " + status;
    }
}
