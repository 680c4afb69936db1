package com.acme.orders;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;

@Controller // expect-pattern: spring/api/rest-controller
@RequestMapping("/reports")
public class LegacyReportController {

    @Autowired // expect-pattern: spring/structural/field-injection  expect-no-pattern: spring/structural/constructor-injection
    private ReportService reports;

    private final String title = "Reports"; // expect-no-pattern: spring/structural/field-injection

    @RequestMapping(value = "/daily", method = RequestMethod.GET) // expect-pattern: spring/api/request-mapping-method  expect-no-pattern: spring/api/method-mapping
    public String daily(Model model) {
        model.addAttribute("rows", reports.daily());
        return "reports/daily";
    }

    @RequestMapping(path = "/export", method = RequestMethod.POST) // expect-pattern: spring/api/request-mapping-method
    public String export(@RequestBody(required = false) ExportRequest request) { // expect-pattern: spring/api/unvalidated-request-body
        return "redirect:/reports";
    }
}
