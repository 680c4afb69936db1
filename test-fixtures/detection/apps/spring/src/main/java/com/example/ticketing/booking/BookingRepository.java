package com.example.ticketing.booking;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface BookingRepository extends JpaRepository<Booking, Long> {

    List<Booking> findByCustomerOrderByIdDesc(String customer);

    Optional<Booking> findByIdAndCustomer(Long id, String customer);

    List<Booking> findByEventIdAndCheckedInAtIsNotNull(Long eventId);

    List<Booking> findByStatusAndHeldUntilBefore(Booking.Status status, Instant cutoff);
}
