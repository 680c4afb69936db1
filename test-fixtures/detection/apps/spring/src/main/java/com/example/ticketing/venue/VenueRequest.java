package com.example.ticketing.venue;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

public record VenueRequest(
        @NotBlank @Size(max = 160) String name,
        @NotBlank @Size(max = 80) String city,
        @Positive @Max(100_000) int seats) {
}
