package com.example.users;

import jakarta.persistence.EntityManager;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

@Service
public class SpringUserService {
    private final UserRepository userRepository;
    private final EntityManager entityManager;
    private final JdbcTemplate jdbcTemplate;

    public SpringUserService(UserRepository userRepository, EntityManager entityManager, JdbcTemplate jdbcTemplate) {
        this.userRepository = userRepository;
        this.entityManager = entityManager;
        this.jdbcTemplate = jdbcTemplate;
    }

    public User byEmail(String email) {
        return userRepository.findByEmail(email); // drift-expect: select user
    }

    public User store(User user) {
        return userRepository.save(user); // drift-expect: upsert user
    }

    public Account account(long id) {
        return entityManager.find(Account.class, id); // drift-expect: select Account
    }

    public int rename(long id, String name) {
        return jdbcTemplate.update("UPDATE users SET name = '" + name + "' WHERE id = " + id); // drift-expect: raw_query users unsafe
    }
}
