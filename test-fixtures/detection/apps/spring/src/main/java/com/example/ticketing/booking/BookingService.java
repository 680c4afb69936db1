package com.example.ticketing.booking;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import com.example.ticketing.common.ConflictException;
import com.example.ticketing.common.NotFoundException;
import com.example.ticketing.config.TicketingProperties;
import com.example.ticketing.event.Event;
import com.example.ticketing.event.EventRepository;
import com.example.ticketing.notification.TicketMailer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Holding seats, confirming paid bookings and releasing the holds nobody paid for.
 */
@Service
@Transactional
public class BookingService {

    private static final Logger log = LoggerFactory.getLogger(BookingService.class);

    private final BookingRepository bookings;
    private final EventRepository events;
    private final TicketMailer mailer;
    private final TicketingProperties properties;
    private final Clock clock;

    public BookingService(BookingRepository bookings, EventRepository events, TicketMailer mailer,
            TicketingProperties properties, Clock clock) {
        this.bookings = bookings;
        this.events = events;
        this.mailer = mailer;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<Booking> mine(String customer) {
        return bookings.findByCustomerOrderByIdDesc(customer);
    }

    @Transactional(readOnly = true)
    public Booking get(Long id, String customer) {
        return bookings.findByIdAndCustomer(id, customer).orElseThrow(() -> new NotFoundException("Booking", id));
    }

    public Booking hold(BookingRequest request, String customer) {
        Event event = events.findForUpdate(request.eventId())
                .orElseThrow(() -> new NotFoundException("Event", request.eventId()));
        try {
            event.reserve(request.seats());
        } catch (IllegalStateException e) {
            throw new ConflictException(e.getMessage(), e);
        }
        Instant heldUntil = Instant.now(clock).plus(properties.holds().ttl());
        Booking booking = bookings.save(new Booking(event, customer, request.email(), request.seats(), heldUntil));
        log.info("Booking {} holds {} seats of event {} until {}", booking.getId(), request.seats(), event.getId(), heldUntil);
        return booking;
    }

    public Booking confirm(Long id, String customer, String paymentReference) {
        Booking booking = get(id, customer);
        if (booking.getStatus() != Booking.Status.HELD) {
            throw new ConflictException("Booking " + id + " is " + booking.getStatus());
        }
        booking.confirm(paymentReference);
        try {
            bookings.saveAndFlush(booking);
        } catch (ObjectOptimisticLockingFailureException e) {
            throw new ConflictException("Booking " + id + " was changed concurrently", e);
        }
        mailer.sendConfirmation(booking);
        log.info("Booking {} confirmed with payment {}", id, paymentReference);
        return booking;
    }

    public Booking changeSeats(Long id, String customer, int seats) {
        Booking booking = get(id, customer);
        if (booking.getStatus() != Booking.Status.HELD) {
            throw new ConflictException("Only held bookings can change seats");
        }
        Event event = events.findForUpdate(booking.getEvent().getId())
                .orElseThrow(() -> new NotFoundException("Event", booking.getEvent().getId()));
        event.release(booking.getSeats());
        try {
            event.reserve(seats);
        } catch (IllegalStateException e) {
            event.reserve(booking.getSeats());
            throw new ConflictException(e.getMessage(), e);
        }
        booking.changeSeats(seats);
        log.info("Booking {} now holds {} seats", id, seats);
        return booking;
    }

    public void cancel(Long id, String customer) {
        Booking booking = get(id, customer);
        if (booking.getStatus() == Booking.Status.CANCELLED) {
            throw new ConflictException("Booking " + id + " is already cancelled");
        }
        booking.getEvent().release(booking.getSeats());
        booking.cancel();
        // Planted: a message built by concatenation where every other log call passes parameters.
        log.info("Booking " + id + " cancelled by " + customer);
    }

    public Booking checkIn(Long id, String gate) {
        Booking booking = bookings.findById(id).orElseThrow(() -> new NotFoundException("Booking", id));
        if (booking.getStatus() != Booking.Status.CONFIRMED || booking.getCheckedInAt() != null) {
            throw new ConflictException("Booking " + id + " cannot be checked in");
        }
        booking.checkIn(Instant.now(clock));
        log.info("Booking {} checked in at gate {}", id, gate);
        return booking;
    }

    @Transactional(readOnly = true)
    public List<Booking> checkedIn(Long eventId) {
        return bookings.findByEventIdAndCheckedInAtIsNotNull(eventId);
    }

    public int releaseExpiredHolds() {
        List<Booking> expired = bookings.findByStatusAndHeldUntilBefore(Booking.Status.HELD, Instant.now(clock));
        for (Booking booking : expired) {
            booking.getEvent().release(booking.getSeats());
            booking.cancel();
        }
        return expired.size();
    }
}
