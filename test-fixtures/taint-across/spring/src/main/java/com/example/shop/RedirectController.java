package com.example.shop;

import java.io.IOException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
public class RedirectController {
    @GetMapping("/continue")
    public void next(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String target = request.getParameter("next");
        forward(response, target);
        forward(response, "/home");
    }

    private void forward(HttpServletResponse response, String target) throws IOException {
        response.sendRedirect(target); // drift-expect: flow http_redirect
    }
}
