package build

import (
	"regexp"
	"strings"
)

func Names(items []Item) string {
	s := ""
	for _, it := range items {
		re := regexp.MustCompile(`\s+`) // expect-pattern: performance/regex-compile-in-loop
		s += "," + re.ReplaceAllString(it.Name, "_") // expect-pattern: performance/string-concat-in-loop
	}
	var b strings.Builder
	for _, it := range items {
		b.WriteString(it.Name) // expect-no-pattern: performance/string-concat-in-loop
	}
	return s + b.String()
}
