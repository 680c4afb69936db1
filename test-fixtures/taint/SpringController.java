package com.example.web;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SpringController {
    private Connection connection;

    @GetMapping("/accounts")
    public ResultSet accounts(@RequestParam String owner) throws Exception {
        Statement statement = connection.createStatement();
        return statement.executeQuery("SELECT * FROM accounts WHERE owner = '" + owner + "'"); // drift-expect: flow sql_query
    }

    @GetMapping("/accounts/by-id")
    public ResultSet byId(@RequestParam String id) throws Exception {
        long key = Long.parseLong(id);
        Statement statement = connection.createStatement();
        return statement.executeQuery("SELECT * FROM accounts WHERE id = " + key);
    }

    @GetMapping("/run")
    public void run(HttpServletRequest request) throws IOException {
        String command = request.getParameter("cmd");
        Runtime.getRuntime().exec(command); // drift-expect: flow os_command
    }

    @GetMapping("/go")
    public void go(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String target = request.getParameter("next");
        response.sendRedirect(target); // drift-expect: flow http_redirect
    }

    @GetMapping("/report")
    public ResultSet report() throws Exception {
        String table = "reports";
        Statement statement = connection.createStatement();
        return statement.executeQuery("SELECT * FROM " + table);
    }
}
