package com.acme.orders;

import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.*;

@RestController // expect-pattern: spring/api/rest-controller
@RequestMapping("/api/orders") // expect-no-pattern: spring/api/request-mapping-method, spring/api/method-mapping, spring/api/rest-controller, spring/data_access/transactional
public class OrderController {

    private final OrderService orders;
    private final AuditLog audit;

    public OrderController(OrderService orders, AuditLog audit) { // expect-pattern: spring/structural/constructor-injection  expect-no-pattern: spring/structural/field-injection
        this.orders = orders;
        this.audit = audit;
    }

    @GetMapping("/{id}") // expect-pattern: spring/api/method-mapping  expect-no-pattern: spring/api/request-mapping-method
    public OrderDto get(@PathVariable Long id) { // expect-no-pattern: spring/api/validated-request-body, spring/api/unvalidated-request-body
        return orders.find(id);
    }

    @PostMapping // expect-pattern: spring/api/method-mapping  expect-no-pattern: spring/auth/pre-authorize
    @PreAuthorize("hasRole('CLERK')") // expect-pattern: spring/auth/pre-authorize
    public ResponseEntity<OrderDto> create(@Valid @RequestBody CreateOrderRequest request) { // expect-pattern: spring/api/validated-request-body  expect-no-pattern: spring/api/unvalidated-request-body
        audit.record("order.create");
        return ResponseEntity.status(201).body(orders.create(request));
    }

    @PutMapping("/{id}/note")
    public OrderDto note(@PathVariable Long id, @RequestBody NoteRequest note) { // expect-pattern: spring/api/unvalidated-request-body  expect-no-pattern: spring/api/validated-request-body
        return orders.addNote(id, note);
    }
}
