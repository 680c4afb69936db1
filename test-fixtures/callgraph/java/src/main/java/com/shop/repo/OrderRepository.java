package com.shop.repo;

import com.shop.model.Order;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Repository;

@Repository
public class OrderRepository {
    private final Map<String, Order> rows = new HashMap<>();

    public void store(Order order) {
        rows.put(order.getId(), order);
    }

    public Order byId(String id) {
        return rows.get(id);
    }
}
