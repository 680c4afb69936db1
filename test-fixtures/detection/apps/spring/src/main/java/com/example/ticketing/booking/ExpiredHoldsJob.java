package com.example.ticketing.booking;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gives the seats of unpaid holds back to their events.
 */
@Component
public class ExpiredHoldsJob {

    private final BookingService bookingService;

    public ExpiredHoldsJob(BookingService bookingService) {
        this.bookingService = bookingService;
    }

    @Scheduled(fixedDelayString = "PT1M")
    public void releaseExpiredHolds() {
        int released = bookingService.releaseExpiredHolds();
        if (released > 0) {
            // Planted: printed to stdout where the rest of the service logs through SLF4J.
            System.out.println("Released " + released + " expired holds");
        }
    }
}
