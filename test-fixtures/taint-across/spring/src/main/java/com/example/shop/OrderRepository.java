package com.example.shop;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
public class OrderRepository {
    private final JdbcTemplate jdbcTemplate;

    public OrderRepository(JdbcTemplate jdbcTemplate) {
        this.jdbcTemplate = jdbcTemplate;
    }

    public Object findByCustomer(String customer) {
        String sql = "SELECT * FROM orders WHERE customer = '" + customer + "'";
        return jdbcTemplate.queryForList(sql); // drift-expect: flow sql_query
    }

    public Object findByCustomerSafely(String customer) {
        return jdbcTemplate.queryForList("SELECT * FROM orders WHERE customer = ?", customer);
    }
}
