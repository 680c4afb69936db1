package app.orders;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class OrderService {
    private static final Logger log = LoggerFactory.getLogger(OrderService.class); // expect-pattern: logging/logger-named-by-module
    private static final Logger audit = LoggerFactory.getLogger("audit"); // expect-pattern: logging/logger-named-by-string

    public void place(Order order) {
        log.info("placing order {} for {}", order.getId(), order.getCustomer()); // expect-pattern: logging/logger-call, logging/parameterized-message
        log.info("placed order " + order.getId()); // expect-pattern: logging/interpolated-message  expect-no-pattern: logging/parameterized-message
        System.out.println("placed " + order.getId()); // expect-pattern: logging/print-output  expect-no-pattern: logging/logger-call
        log.debug(String.format("total %s", order.getTotal())); // expect-pattern: logging/interpolated-message
        try {
            charge(order);
        } catch (PaymentException e) {
            e.printStackTrace(); // expect-pattern: logging/print-output
        }
    }
}
