package com.example.ticketing.common;

/**
 * A requested resource does not exist; answered with 404.
 */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String resource, Object id) {
        super(resource + " " + id + " not found");
    }
}
