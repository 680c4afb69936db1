package com.example.shop;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class OrderController {
    private final OrderService orderService;
    private final ExportService exportService;

    public OrderController(OrderService orderService, ExportService exportService) {
        this.orderService = orderService;
        this.exportService = exportService;
    }

    @GetMapping("/orders")
    public Object orders(@RequestParam String customer) {
        return orderService.ordersOf(customer);
    }

    @GetMapping("/orders/by-id")
    public Object order(@RequestParam String id) {
        return orderService.orderById(Long.parseLong(id));
    }

    @GetMapping("/orders/export")
    public String export(@RequestParam String format) {
        return exportService.export(format);
    }

    @GetMapping("/orders/count")
    public int count(@RequestParam String status) {
        return orderService.countLabel(status).length();
    }
}
