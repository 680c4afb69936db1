package com.example.ticketing.booking;

import java.math.BigDecimal;
import java.time.Instant;

import com.example.ticketing.event.Event;
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

@Entity
@Table(name = "bookings")
public class Booking {

    public enum Status { HELD, CONFIRMED, CANCELLED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    private Event event;

    @Column(nullable = false, length = 120)
    private String customer;

    @Column(nullable = false, length = 254)
    private String email;

    private int seats;

    @Column(nullable = false, precision = 12, scale = 2)
    private BigDecimal amount;

    @Enumerated(EnumType.STRING)
    private Status status = Status.HELD;

    private String paymentReference;

    @Column(nullable = false)
    private Instant heldUntil;

    private Instant checkedInAt;

    protected Booking() {
    }

    public Booking(Event event, String customer, String email, int seats, Instant heldUntil) {
        this.event = event;
        this.customer = customer;
        this.email = email;
        this.seats = seats;
        this.amount = event.getPrice().multiply(BigDecimal.valueOf(seats));
        this.heldUntil = heldUntil;
    }

    public Long getId() {
        return id;
    }

    public Event getEvent() {
        return event;
    }

    public String getCustomer() {
        return customer;
    }

    public String getEmail() {
        return email;
    }

    public int getSeats() {
        return seats;
    }

    public BigDecimal getAmount() {
        return amount;
    }

    public Status getStatus() {
        return status;
    }

    public Instant getHeldUntil() {
        return heldUntil;
    }

    public Instant getCheckedInAt() {
        return checkedInAt;
    }

    public void checkIn(Instant at) {
        this.checkedInAt = at;
    }

    public void confirm(String paymentReference) {
        this.status = Status.CONFIRMED;
        this.paymentReference = paymentReference;
    }

    public void cancel() {
        this.status = Status.CANCELLED;
    }

    public void changeSeats(int seats) {
        this.seats = seats;
        this.amount = event.getPrice().multiply(BigDecimal.valueOf(seats));
    }
}
