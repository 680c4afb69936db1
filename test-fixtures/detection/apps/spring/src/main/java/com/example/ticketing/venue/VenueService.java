package com.example.ticketing.venue;

import java.util.List;

import com.example.ticketing.common.ConflictException;
import com.example.ticketing.common.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional(readOnly = true)
public class VenueService {

    private static final Logger log = LoggerFactory.getLogger(VenueService.class);

    private final VenueRepository venues;

    public VenueService(VenueRepository venues) {
        this.venues = venues;
    }

    public List<Venue> list(String city) {
        return city == null ? venues.findAll() : venues.findByCityIgnoreCaseOrderByName(city);
    }

    public Venue get(Long id) {
        return venues.findById(id).orElseThrow(() -> new NotFoundException("Venue", id));
    }

    @Transactional
    public Venue create(VenueRequest request) {
        if (venues.existsByNameIgnoreCaseAndCityIgnoreCase(request.name(), request.city())) {
            throw new ConflictException("Venue " + request.name() + " already exists in " + request.city());
        }
        Venue venue = venues.save(new Venue(request.name(), request.city(), request.seats()));
        log.info("Created venue {} in {}", venue.getId(), venue.getCity());
        return venue;
    }

    @Transactional
    public Venue update(Long id, VenueRequest request) {
        Venue venue = get(id);
        venue.update(request.name(), request.city(), request.seats());
        return venue;
    }
}
