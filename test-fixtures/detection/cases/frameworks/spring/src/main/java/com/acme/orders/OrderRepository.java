package com.acme.orders;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface OrderRepository extends JpaRepository<Order, Long> { // expect-pattern: spring/data_access/jpa-repository

    @Query("select o from Order o where o.customer.id = :customerId")
    List<Order> findByCustomer(Long customerId);
}

interface OrderNumbers extends Comparable<OrderNumbers> { // expect-no-pattern: spring/data_access/jpa-repository
}
