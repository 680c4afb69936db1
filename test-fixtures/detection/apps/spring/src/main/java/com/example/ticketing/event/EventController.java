package com.example.ticketing.event;

import java.util.List;

import jakarta.validation.Valid;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/events")
public class EventController {

    private final EventService eventService;

    public EventController(EventService eventService) {
        this.eventService = eventService;
    }

    @GetMapping
    public Page<Event> upcoming(Pageable pageable) {
        return eventService.upcoming(pageable);
    }

    @GetMapping(params = "city")
    public List<Event> upcomingIn(@RequestParam String city) {
        return eventService.upcomingIn(city);
    }

    @GetMapping("/{id}")
    public Event get(@PathVariable Long id) {
        return eventService.get(id);
    }

    @PostMapping
    @PreAuthorize("hasRole('ORGANISER')")
    public ResponseEntity<Event> create(@Valid @RequestBody EventRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(eventService.create(request));
    }

    @PutMapping("/{id}")
    @PreAuthorize("hasRole('ORGANISER')")
    public Event update(@PathVariable Long id, @Valid @RequestBody EventRequest request) {
        return eventService.update(id, request);
    }

    @PostMapping("/{id}/publish")
    @PreAuthorize("hasRole('ORGANISER')")
    public Event publish(@PathVariable Long id) {
        return eventService.publish(id);
    }

    @PatchMapping("/{id}/schedule")
    @PreAuthorize("hasRole('ORGANISER')")
    public Event reschedule(@PathVariable Long id, @Valid @RequestBody EventRequest.Reschedule request) {
        return eventService.reschedule(id, request.startsAt());
    }

    @DeleteMapping("/{id}")
    @PreAuthorize("hasRole('ORGANISER')")
    public ResponseEntity<Void> delete(@PathVariable Long id) {
        eventService.delete(id);
        return ResponseEntity.noContent().build();
    }
}
