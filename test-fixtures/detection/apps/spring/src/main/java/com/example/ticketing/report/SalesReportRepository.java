package com.example.ticketing.report;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Sales figures straight from SQL: aggregates over many bookings that JPA would load one by one.
 */
@Repository
public class SalesReportRepository {

    public record EventSales(long eventId, String title, long seats, BigDecimal revenue) {
    }

    public record CitySales(String city, long bookings, BigDecimal revenue) {
    }

    private final JdbcTemplate jdbcTemplate;

    public SalesReportRepository(JdbcTemplate jdbcTemplate) {
        this.jdbcTemplate = jdbcTemplate;
    }

    public List<EventSales> salesByEvent(Instant from, Instant to) {
        return jdbcTemplate.query("""
                SELECT e.id, e.title, SUM(b.seats) AS seats, SUM(b.amount) AS revenue
                FROM bookings b JOIN events e ON e.id = b.event_id
                WHERE b.status = 'CONFIRMED' AND e.starts_at >= ? AND e.starts_at < ?
                GROUP BY e.id, e.title
                ORDER BY revenue DESC
                """,
                (rs, row) -> new EventSales(rs.getLong("id"), rs.getString("title"), rs.getLong("seats"),
                        rs.getBigDecimal("revenue")),
                Timestamp.from(from), Timestamp.from(to));
    }

    public BigDecimal revenueOf(long eventId) {
        return jdbcTemplate.queryForObject(
                "SELECT COALESCE(SUM(amount), 0) FROM bookings WHERE event_id = ? AND status = 'CONFIRMED'",
                BigDecimal.class, eventId);
    }

    public List<CitySales> salesInCity(String city) {
        // Planted: the city goes into the SQL text instead of a bound parameter.
        String sql = "SELECT v.city, COUNT(b.id) AS bookings, SUM(b.amount) AS revenue FROM bookings b "
                + "JOIN events e ON e.id = b.event_id JOIN venues v ON v.id = e.venue_id "
                + "WHERE b.status = 'CONFIRMED' AND lower(v.city) = lower('" + city + "') GROUP BY v.city";
        return jdbcTemplate.query(sql,
                (rs, row) -> new CitySales(rs.getString("city"), rs.getLong("bookings"), rs.getBigDecimal("revenue")));
    }
}
