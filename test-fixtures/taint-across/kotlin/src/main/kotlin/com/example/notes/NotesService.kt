package com.example.notes

import org.springframework.jdbc.core.JdbcTemplate
import org.springframework.stereotype.Service

@Service
class NotesService(private val jdbcTemplate: JdbcTemplate) {

    fun byAuthor(author: String): List<Map<String, Any>> {
        return jdbcTemplate.queryForList("SELECT * FROM notes WHERE author = '$author'") // drift-expect: flow sql_query
    }

    fun archive(name: String): Int {
        val process = Runtime.getRuntime().exec(arrayOf("tar", "czf", "/srv/archive/$name.tgz", "/srv/notes")) // drift-expect: flow os_command
        return process.waitFor()
    }
}
