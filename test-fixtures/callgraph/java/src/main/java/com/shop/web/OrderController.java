package com.shop.web;

import com.shop.model.Order;
import com.shop.service.OrderService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class OrderController {
    private final OrderService orderService;

    public OrderController(OrderService orderService) {
        this.orderService = orderService;
    }

    @PostMapping("/orders/{id}")
    public String create(@PathVariable String id) {
        Order order = orderService.place(id, 1);
        return order.getId();
    }

    @GetMapping("/orders/{id}")
    public String show(@PathVariable String id) {
        return orderService.find(id).getId();
    }
}
