package com.example.ticketing.config;

import java.time.Duration;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings under {@code ticketing.*} in application.yml.
 */
@Validated
@ConfigurationProperties(prefix = "ticketing")
public record TicketingProperties(Mail mail, Holds holds) {

    public record Mail(@Email String from) {
    }

    public record Holds(@NotNull Duration ttl) {
    }
}
