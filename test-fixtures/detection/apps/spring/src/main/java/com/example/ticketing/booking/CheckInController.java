package com.example.ticketing.booking;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Door staff scanning bookings in at the venue.
 */
@RestController
@RequestMapping("/api/v1/check-ins")
@PreAuthorize("hasRole('STAFF')")
public class CheckInController {

    public record CheckInRequest(@NotNull Long bookingId, @NotBlank String gate) {
    }

    private final BookingService bookingService;

    public CheckInController(BookingService bookingService) {
        this.bookingService = bookingService;
    }

    @PostMapping
    public ResponseEntity<Booking> checkIn(@Valid @RequestBody CheckInRequest request) {
        Booking booking = bookingService.checkIn(request.bookingId(), request.gate());
        return ResponseEntity.status(HttpStatus.CREATED).body(booking);
    }

    @GetMapping
    public List<Booking> checkedIn(@RequestParam Long eventId) {
        return bookingService.checkedIn(eventId);
    }
}
