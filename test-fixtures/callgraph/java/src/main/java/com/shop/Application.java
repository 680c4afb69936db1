package com.shop;

import com.shop.repo.OrderRepository;
import com.shop.service.OrderService;

public class Application {
    public static void main(String[] args) {
        OrderService service = new OrderService(new OrderRepository());
        System.out.println(service.quote(3));
    }
}
