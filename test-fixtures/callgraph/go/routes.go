package main

import (
	"net/http"
	"sort"
)

// Registered by name: a route handler nothing calls directly.
func health(w http.ResponseWriter, r *http.Request) {
	w.Write([]byte(status()))
}

func status() string {
	return "ok"
}

func byLength(names []string) {
	sort.Slice(names, func(i, j int) bool { return shorter(names[i], names[j]) })
}

func shorter(a, b string) bool {
	return len(a) < len(b)
}

func routes(mux *http.ServeMux) {
	mux.HandleFunc("/health", health)
	byLength(nil)
}
