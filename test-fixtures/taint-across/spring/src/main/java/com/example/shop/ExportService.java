package com.example.shop;

import java.io.IOException;
import org.springframework.stereotype.Service;

@Service
public class ExportService {
    public String export(String format) {
        try {
            Process process = Runtime.getRuntime().exec("convert orders.csv orders." + format); // drift-expect: flow os_command
            return String.valueOf(process.waitFor());
        } catch (IOException | InterruptedException e) {
            return "failed";
        }
    }
}
