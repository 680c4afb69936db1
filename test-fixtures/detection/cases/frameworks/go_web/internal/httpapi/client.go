package httpapi

import (
	"fmt"
	"net/http"
	"strings"
)

// Not a web framework: an HTTP client and a string builder with look-alike names.
func fetch(c *http.Client, b *strings.Builder) error {
	resp, err := c.Get("/status") // expect-no-pattern: go_web/api/router-route
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b.String() // expect-no-pattern: go_web/api/string-response
	fmt.Println(b.Len())
	return nil
}
