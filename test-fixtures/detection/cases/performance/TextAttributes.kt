package app.text

class TextAttributes {
    fun features(value: String): List<String> {
        val out = mutableListOf<String>()
        // The regex is built once, for the loop's iterable, not on every iteration.
        for (part in value.split("-".toRegex())) { // expect-no-pattern: performance/regex-compile-in-loop
            out.add(part.trim())
        }
        return out
    }

    fun decorations(value: String?): Set<String> {
        val out = mutableSetOf<String>()
        if (value != null) {
            for (part in // expect-no-pattern: performance/regex-compile-in-loop
                value
                    .split("-".toRegex())
                    .dropLastWhile { it.isEmpty() }
                    .toTypedArray()) {
                if ("underline" == part) out.add(part)
            }
        }
        return out
    }

    fun words(lines: List<String>): Int {
        var count = 0
        for (line in lines) { // expect-pattern: performance/regex-compile-in-loop
            count += Regex("\\s+").split(line).size
        }
        return count
    }

    fun grid(rows: List<List<String>>): Int {
        var count = 0
        for (row in rows) { // expect-pattern: performance/regex-compile-in-loop
            for (cell in row) { // expect-no-pattern: performance/regex-compile-in-loop
                if ("\\d+".toRegex().matches(cell)) count++
            }
        }
        return count
    }
}
