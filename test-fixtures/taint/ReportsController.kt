package com.example.reports

import org.springframework.jdbc.core.JdbcTemplate
import org.springframework.web.bind.annotation.GetMapping
import org.springframework.web.bind.annotation.RequestParam
import org.springframework.web.bind.annotation.RestController
import java.io.File
import javax.servlet.http.HttpServletResponse

@RestController
class ReportsController(private val jdbcTemplate: JdbcTemplate) {

    @GetMapping("/reports")
    fun reports(@RequestParam owner: String): List<Map<String, Any>> {
        val sql = "SELECT * FROM reports WHERE owner = '$owner'"
        return jdbcTemplate.queryForList(sql) // drift-expect: flow sql_query
    }

    @GetMapping("/reports/safe")
    fun reportsSafe(@RequestParam owner: String): List<Map<String, Any>> {
        return jdbcTemplate.queryForList("SELECT * FROM reports WHERE owner = ?", owner)
    }

    @GetMapping("/reports/count")
    fun count(@RequestParam limit: String): List<Map<String, Any>> {
        val n = limit.toInt()
        return jdbcTemplate.queryForList("SELECT * FROM reports LIMIT $n")
    }

    @GetMapping("/reports/export")
    fun export(@RequestParam format: String): Int {
        val process = Runtime.getRuntime().exec("report-export --format $format") // drift-expect: flow os_command
        return process.waitFor()
    }

    @GetMapping("/reports/next")
    fun next(@RequestParam target: String, response: HttpServletResponse) {
        response.sendRedirect(target) // drift-expect: flow http_redirect
    }

    @GetMapping("/reports/home")
    fun home(response: HttpServletResponse) {
        val target = "/home"
        response.sendRedirect(target)
    }
}
