package com.example.ticketing.booking;

import java.security.Principal;
import java.util.List;

import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/bookings")
public class BookingController {

    private final BookingService bookingService;

    public BookingController(BookingService bookingService) {
        this.bookingService = bookingService;
    }

    @GetMapping
    public List<Booking> mine(Principal principal) {
        return bookingService.mine(principal.getName());
    }

    @GetMapping("/{id}")
    public Booking get(@PathVariable Long id, Principal principal) {
        return bookingService.get(id, principal.getName());
    }

    @PostMapping
    public ResponseEntity<Booking> hold(@Valid @RequestBody BookingRequest request, Principal principal) {
        return ResponseEntity.status(HttpStatus.CREATED).body(bookingService.hold(request, principal.getName()));
    }

    @PostMapping("/{id}/payment")
    public Booking confirm(@PathVariable Long id, @Valid @RequestBody BookingRequest.Payment payment,
            Principal principal) {
        return bookingService.confirm(id, principal.getName(), payment.paymentReference());
    }

    // Planted: the only request body bound without @Valid (the @Min/@Max on seats are never checked).
    @PatchMapping("/{id}/seats")
    public Booking changeSeats(@PathVariable Long id, @RequestBody BookingRequest.SeatChange change,
            Principal principal) {
        return bookingService.changeSeats(id, principal.getName(), change.seats());
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> cancel(@PathVariable Long id, Principal principal) {
        bookingService.cancel(id, principal.getName());
        return ResponseEntity.noContent().build();
    }
}
