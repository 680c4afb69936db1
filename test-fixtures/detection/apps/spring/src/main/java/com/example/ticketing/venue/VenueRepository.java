package com.example.ticketing.venue;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

public interface VenueRepository extends JpaRepository<Venue, Long> {

    List<Venue> findByCityIgnoreCaseOrderByName(String city);

    boolean existsByNameIgnoreCaseAndCityIgnoreCase(String name, String city);
}
