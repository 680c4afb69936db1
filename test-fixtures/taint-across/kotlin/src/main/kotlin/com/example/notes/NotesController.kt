package com.example.notes

import org.springframework.web.bind.annotation.GetMapping
import org.springframework.web.bind.annotation.RequestParam
import org.springframework.web.bind.annotation.RestController

@RestController
class NotesController(private val notesService: NotesService) {

    @GetMapping("/notes")
    fun notes(@RequestParam author: String): List<Map<String, Any>> {
        return notesService.byAuthor(author)
    }

    @GetMapping("/notes/recent")
    fun recent(@RequestParam days: String): List<Map<String, Any>> {
        return notesService.byAuthor(days.toInt().toString())
    }

    @GetMapping("/notes/archive")
    fun archive(@RequestParam name: String): Int {
        return notesService.archive(name)
    }
}
