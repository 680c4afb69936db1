package app.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

public class OrderController {
    public ResponseEntity<Order> create(Order order) {
        Order saved = service.save(order);
        return ResponseEntity.status(HttpStatus.CREATED).body(saved); // expect-pattern: api/status-code-named  expect-no-pattern: api/status-code-literal
    }

    public ResponseEntity<Void> remove(long id) {
        service.delete(id);
        return ResponseEntity.status(204).build(); // expect-pattern: api/status-code-literal
    }

    public ResponseEntity<Order> find(long id) {
        return ResponseEntity.ok(service.find(id)); // expect-no-pattern: api/status-code-literal, api/status-code-named
    }
}
