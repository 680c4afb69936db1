package app;

import java.util.List;
import java.util.regex.Pattern;
import org.springframework.cache.annotation.Cacheable;

public class Report {
    @Cacheable("rates") // expect-pattern: performance/memoization
    public double rate(String currency) {
        return client.fetchRate(currency);
    }

    public char shift(char[] letters) {
        char c = 'a';
        for (char letter : letters) { // expect-no-pattern: performance/regex-compile-in-loop
            c += 'A' - 'a'; // expect-no-pattern: performance/string-concat-in-loop
        }
        return c;
    }

    public String render(List<Line> lines) {
        String out = "";
        long count = 0;
        for (Line line : lines) { // expect-pattern: performance/regex-compile-in-loop
            count += line.getTotal(); // expect-no-pattern: performance/string-concat-in-loop
            out += "total: " + line.getTotal(); // expect-pattern: performance/string-concat-in-loop
            Pattern digits = Pattern.compile("\\d+");
        }
        return out + count;
    }
}
