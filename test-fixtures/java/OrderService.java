package com.example.shop.orders;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import static java.util.Objects.requireNonNull;

@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@interface Transactional {
    boolean readOnly() default false;

    int timeoutSeconds() default 30;
}

/** Thrown when a payment provider rejects a charge. */
class PaymentDeclinedException extends Exception {
    private final String reason;

    PaymentDeclinedException(String reason, Throwable cause) {
        super("payment declined: " + reason, cause);
        this.reason = reason;
    }

    public String getReason() {
        return reason;
    }
}

interface PaymentGateway {
    String charge(String email, BigDecimal amount) throws PaymentDeclinedException;
}

@Transactional
public class OrderService {

    private static final Logger LOG = Logger.getLogger(OrderService.class.getName());
    private static final BigDecimal FREE_SHIPPING_THRESHOLD = new BigDecimal("49.99");

    private final OrderRepository repository;
    private final PaymentGateway gateway;
    private final Map<Long, String> receipts = new ConcurrentHashMap<>();

    public OrderService(OrderRepository repository, PaymentGateway gateway) {
        this.repository = requireNonNull(repository);
        this.gateway = requireNonNull(gateway);
    }

    @Transactional(timeoutSeconds = 10)
    public String checkout(Order order) throws PaymentDeclinedException {
        BigDecimal amount = order.total();
        if (amount.compareTo(FREE_SHIPPING_THRESHOLD) < 0) {
            amount = amount.add(new BigDecimal("4.95"));
        }
        try {
            String receipt = gateway.charge(order.getCustomerEmail(), amount);
            order.transition(Order.Status.PAID);
            receipts.put(order.getId(), receipt);
            return receipt;
        } catch (PaymentDeclinedException e) {
            LOG.log(Level.WARNING, "declined order " + order.getId() + ": " + e.getReason(), e);
            order.transition(Order.Status.CANCELLED);
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalStateException("gateway failure", e);
        } finally {
            repository.save(order);
        }
    }

    public CompletableFuture<String> checkoutAsync(Order order) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return checkout(order);
            } catch (PaymentDeclinedException e) {
                throw new RuntimeException(e);
            }
        });
    }

    @Transactional(readOnly = true)
    public int shipPaidOrders() {
        int shipped = 0;
        for (Order order : repository.findByStatus(Order.Status.PAID)) {
            order.transition(Order.Status.SHIPPED);
            repository.save(order);
            shipped++;
        }
        LOG.info(() -> "shipped orders: " + repository.countOpen() + " still open");
        return shipped;
    }

    protected String receiptFor(long orderId) {
        return receipts.getOrDefault(orderId, "none");
    }
}
