package com.example.ticketing.event;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import com.example.ticketing.common.ConflictException;
import com.example.ticketing.common.NotFoundException;
import com.example.ticketing.venue.Venue;
import com.example.ticketing.venue.VenueService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creating, publishing and rescheduling events.
 */
@Service
@Transactional(readOnly = true)
public class EventService {

    private static final Logger log = LoggerFactory.getLogger(EventService.class);

    private final EventRepository events;
    private final VenueService venues;
    private final Clock clock;

    public EventService(EventRepository events, VenueService venues, Clock clock) {
        this.events = events;
        this.venues = venues;
        this.clock = clock;
    }

    public Page<Event> upcoming(Pageable pageable) {
        return events.findByStatusAndStartsAtAfter(Event.Status.ON_SALE, Instant.now(clock), pageable);
    }

    public List<Event> upcomingIn(String city) {
        return events.findUpcomingInCity(city, Instant.now(clock));
    }

    public Event get(Long id) {
        return events.findById(id).orElseThrow(() -> new NotFoundException("Event", id));
    }

    @Transactional
    public Event create(EventRequest request) {
        Venue venue = venues.get(request.venueId());
        if (request.capacity() > venue.getSeats()) {
            throw new ConflictException("Venue " + venue.getName() + " has only " + venue.getSeats() + " seats");
        }
        Event event = events.save(new Event(request.title(), venue, request.startsAt(), request.price(), request.capacity()));
        log.info("Created event {} at venue {}", event.getId(), venue.getId());
        return event;
    }

    @Transactional
    public Event update(Long id, EventRequest request) {
        Event event = get(id);
        event.update(request.title(), request.price(), request.capacity());
        log.info("Updated event {}", id);
        return event;
    }

    @Transactional
    public Event publish(Long id) {
        Event event = get(id);
        event.publish();
        log.info("Event {} is on sale", id);
        return event;
    }

    @Transactional
    public Event reschedule(Long id, Instant startsAt) {
        Event event = get(id);
        Instant previous = event.getStartsAt();
        event.reschedule(startsAt);
        log.info("Event {} moved from {} to {}", id, previous, startsAt);
        return event;
    }

    @Transactional
    public void delete(Long id) {
        Event event = get(id);
        if (event.getCapacity() != event.getRemaining()) {
            throw new ConflictException("Event " + id + " has bookings and cannot be deleted");
        }
        events.delete(event);
    }
}
