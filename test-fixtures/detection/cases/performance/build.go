package build

import (
	"regexp"
	"strings"
)

func Names(items []Item) string {
	s := ""
	for _, it := range items { // expect-pattern: performance/regex-compile-in-loop
		re := regexp.MustCompile(`\s+`)
		s += "," + re.ReplaceAllString(it.Name, "_") // expect-pattern: performance/string-concat-in-loop
	}
	var b strings.Builder
	for _, it := range items { // expect-no-pattern: performance/regex-compile-in-loop
		b.WriteString(it.Name) // expect-no-pattern: performance/string-concat-in-loop
	}
	return s + b.String()
}

func Fields(line string) []string {
	var out []string
	// The separator regex is compiled once, for the range expression.
	for _, f := range regexp.MustCompile(`,\s*`).Split(line, -1) { // expect-no-pattern: performance/regex-compile-in-loop
		out = append(out, f)
	}
	return out
}
