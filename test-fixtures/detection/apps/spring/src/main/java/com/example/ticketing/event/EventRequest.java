package com.example.ticketing.event;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

public record EventRequest(
        @NotBlank @Size(max = 200) String title,
        @NotNull Long venueId,
        @NotNull @Future Instant startsAt,
        @NotNull @PositiveOrZero BigDecimal price,
        @Positive int capacity) {

    public record Reschedule(@NotNull @Future Instant startsAt) {
    }
}
