package main

import (
	"fmt"
	"net/http"

	"example.com/shop/internal/store"
)

func main() {
	s := store.New()
	http.HandleFunc("/items", handler(s))
	routes(http.DefaultServeMux)
	fmt.Println(describe(s))
}

func handler(s *store.Store) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.Add(r.URL.Query().Get("name"))
	}
}

func describe(s *store.Store) string {
	return fmt.Sprintf("%d items", s.Count())
}
