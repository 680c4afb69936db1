package com.example.ticketing.notification;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import com.example.ticketing.booking.Booking;
import com.example.ticketing.config.TicketingProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Sends booking confirmations by mail.
 */
@Component
public class TicketMailer {

    private static final Logger log = LoggerFactory.getLogger(TicketMailer.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm 'UTC'");

    private final JavaMailSender mailSender;
    private final TicketingProperties properties;

    public TicketMailer(JavaMailSender mailSender, TicketingProperties properties) {
        this.mailSender = mailSender;
        this.properties = properties;
    }

    public void sendConfirmation(Booking booking) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(properties.mail().from());
        message.setTo(booking.getEmail());
        message.setSubject("Your tickets for " + booking.getEvent().getTitle());
        message.setText("Booking " + booking.getId() + ": " + booking.getSeats() + " seats on "
                + WHEN.format(booking.getEvent().getStartsAt().atOffset(ZoneOffset.UTC)) + ".");
        // Planted: a failed send is swallowed; nobody learns the customer got no tickets.
        try {
            mailSender.send(message);
            log.info("Sent confirmation of booking {}", booking.getId());
        } catch (MailException e) {
        }
    }
}
