package com.example.ticketing.event;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.Instant;

import com.example.ticketing.common.NotFoundException;
import com.example.ticketing.venue.Venue;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.mock.mockito.MockBean;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(EventController.class)
class EventControllerTest {

    @Autowired
    private MockMvc mvc;

    @MockBean
    private EventService eventService;

    @Test
    @WithMockUser
    void returnsAnEvent() throws Exception {
        Event event = new Event("Quartet", new Venue("Hall", "Leeds", 200), Instant.parse("2030-01-01T19:00:00Z"),
                new BigDecimal("25.00"), 100);
        when(eventService.get(4L)).thenReturn(event);

        mvc.perform(get("/api/v1/events/4"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.title").value("Quartet"));
    }

    @Test
    @WithMockUser
    void answersNotFoundForAnUnknownEvent() throws Exception {
        when(eventService.get(9L)).thenThrow(new NotFoundException("Event", 9L));

        mvc.perform(get("/api/v1/events/9")).andExpect(status().isNotFound());
    }

    @Test
    @WithMockUser(roles = "ORGANISER")
    void rejectsAnInvalidEvent() throws Exception {
        mvc.perform(post("/api/v1/events").with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"title\": \"\", \"capacity\": 0}"))
                .andExpect(status().isBadRequest());
    }

    @Test
    @WithMockUser(roles = "ORGANISER")
    void createsAnEvent() throws Exception {
        Event event = new Event("Trio", new Venue("Hall", "Leeds", 200), Instant.parse("2030-02-01T19:00:00Z"),
                new BigDecimal("18.00"), 120);
        when(eventService.create(any())).thenReturn(event);

        mvc.perform(post("/api/v1/events").with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"title": "Trio", "venueId": 1, "startsAt": "2030-02-01T19:00:00Z",
                                 "price": 18.00, "capacity": 120}
                                """))
                .andExpect(status().isCreated());
    }
}
