package com.shop.service;

import com.shop.model.Order;
import com.shop.repo.OrderRepository;
import com.shop.util.Prices;
import org.springframework.stereotype.Service;

@Service
public class OrderService extends BaseService {
    private final OrderRepository orderRepository;

    public OrderService(OrderRepository orderRepository) {
        this.orderRepository = orderRepository;
    }

    public Order place(String id, int quantity) {
        Order order = new Order(id, quantity);
        orderRepository.store(order);
        audit("placed " + id);
        return order;
    }

    public long quote(int quantity) {
        return Prices.total(quantity);
    }

    public Order find(String id) {
        return orderRepository.byId(id);
    }

    public java.util.List<String> labels(java.util.List<String> ids) {
        return ids.stream().map(this::label).map(Prices::tag).toList();
    }

    private String label(String id) {
        return "order " + id;
    }
}
