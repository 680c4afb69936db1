package com.example.ticketing.event;

import java.math.BigDecimal;
import java.time.Instant;

import com.example.ticketing.venue.Venue;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "events")
public class Event {

    public enum Status { DRAFT, ON_SALE, CANCELLED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 200)
    private String title;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    private Venue venue;

    @Column(nullable = false)
    private Instant startsAt;

    @Column(nullable = false, precision = 10, scale = 2)
    private BigDecimal price;

    private int capacity;

    private int sold;

    @Enumerated(EnumType.STRING)
    private Status status = Status.DRAFT;

    @Version
    private long version;

    protected Event() {
    }

    public Event(String title, Venue venue, Instant startsAt, BigDecimal price, int capacity) {
        this.title = title;
        this.venue = venue;
        this.startsAt = startsAt;
        this.price = price;
        this.capacity = capacity;
    }

    public Long getId() {
        return id;
    }

    public String getTitle() {
        return title;
    }

    public Venue getVenue() {
        return venue;
    }

    public Instant getStartsAt() {
        return startsAt;
    }

    public BigDecimal getPrice() {
        return price;
    }

    public int getCapacity() {
        return capacity;
    }

    public int getRemaining() {
        return capacity - sold;
    }

    public Status getStatus() {
        return status;
    }

    public void reserve(int seats) {
        if (status != Status.ON_SALE) {
            throw new IllegalStateException("Event " + id + " is not on sale");
        }
        if (seats > getRemaining()) {
            throw new IllegalStateException("Only " + getRemaining() + " seats left");
        }
        sold += seats;
    }

    public void release(int seats) {
        sold = Math.max(0, sold - seats);
    }

    public void reschedule(Instant startsAt) {
        this.startsAt = startsAt;
    }

    public void publish() {
        status = Status.ON_SALE;
    }

    public void update(String title, BigDecimal price, int capacity) {
        this.title = title;
        this.price = price;
        this.capacity = capacity;
    }
}
