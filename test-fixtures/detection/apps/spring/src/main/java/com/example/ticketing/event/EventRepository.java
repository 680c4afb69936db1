package com.example.ticketing.event;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface EventRepository extends JpaRepository<Event, Long> {

    Page<Event> findByStatusAndStartsAtAfter(Event.Status status, Instant after, Pageable pageable);

    @Query("select e from Event e join fetch e.venue v where lower(v.city) = lower(:city) and e.startsAt > :after")
    List<Event> findUpcomingInCity(@Param("city") String city, @Param("after") Instant after);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select e from Event e where e.id = :id")
    Optional<Event> findForUpdate(@Param("id") Long id);
}
