package com.example.shop.orders;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Generic repository contract plus a thread-safe in-memory implementation.
 */
public interface OrderRepository extends Repository<Order, Long> {

    List<Order> findByStatus(Order.Status status);

    default long countOpen() {
        return findAll().stream().filter(o -> !o.getStatus().isFinal()).count();
    }

    static OrderRepository inMemory() {
        return new InMemoryOrderRepository();
    }
}

interface Repository<T, ID> {
    Optional<T> findById(ID id);

    Collection<T> findAll();

    T save(T entity);

    boolean delete(ID id);
}

@FunctionalInterface
interface Specification<T> extends Predicate<T> {
    static <T> Specification<T> all() {
        return t -> true;
    }
}

@Deprecated(since = "2.1", forRemoval = false)
class InMemoryOrderRepository implements OrderRepository {

    private final Map<Long, Order> store = new HashMap<>();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    @Override
    public Optional<Order> findById(Long id) {
        lock.readLock().lock();
        try {
            return Optional.ofNullable(store.get(id));
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public Collection<Order> findAll() {
        lock.readLock().lock();
        try {
            return List.copyOf(store.values());
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public Order save(Order order) {
        lock.writeLock().lock();
        try {
            store.put(order.getId(), order);
            return order;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public boolean delete(Long id) {
        lock.writeLock().lock();
        try {
            return store.remove(id) != null;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public List<Order> findByStatus(Order.Status status) {
        return findMatching(o -> o.getStatus() == status);
    }

    public <S extends Specification<Order>> List<Order> findMatching(S spec) {
        return findAll().stream().filter(spec).sorted().collect(Collectors.toList());
    }
}
