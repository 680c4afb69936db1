package com.example.ticketing.common;

/**
 * The request clashes with the current state (sold out, already cancelled, ...); answered with 409.
 */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }

    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
