package com.example.ticketing.booking;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

public record BookingRequest(
        @NotNull Long eventId,
        @NotBlank @Email String email,
        @Min(1) @Max(10) int seats) {

    public record Payment(@NotBlank String paymentReference) {
    }

    public record SeatChange(@Min(1) @Max(10) int seats) {
    }
}
