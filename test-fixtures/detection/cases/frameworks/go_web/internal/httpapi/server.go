package httpapi

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
)

type Server struct {
	store Store
	log   *slog.Logger
}

// appHandler adapts handlers that return errors.
type appHandler func(w http.ResponseWriter, r *http.Request) error

func (fn appHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) { // expect-no-pattern: go_web/errors/plain-handler
	if err := fn(w, r); err != nil {
		http.Error(w, err.Error(), statusOf(err))
	}
}

func (s *Server) Routes() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/users/", appHandler(s.getUser)) // expect-pattern: go_web/api/nethttp-route
	mux.HandleFunc("/healthz", s.health) // expect-pattern: go_web/api/nethttp-route
	s.log.Handle(nil, slog.Record{}) // expect-no-pattern: go_web/api/nethttp-route
	s.store.Use("primary") // expect-no-pattern: go_web/api/router-middleware
	return requestID(mux)
}

func (s *Server) getUser(w http.ResponseWriter, r *http.Request) error { // expect-pattern: go_web/errors/error-returning-handler  expect-no-pattern: go_web/errors/plain-handler
	user, err := s.store.User(r.Context(), r.URL.Path[len("/users/"):])
	if err != nil {
		return err
	}
	return json.NewEncoder(w).Encode(user)
}

func (s *Server) health(w http.ResponseWriter, r *http.Request) { // expect-pattern: go_web/errors/plain-handler  expect-no-pattern: go_web/errors/error-returning-handler
	if err := s.store.Ping(r.Context()); err != nil {
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func requestID(next http.Handler) http.Handler { // expect-pattern: go_web/api/nethttp-middleware
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Request-Id", newID())
		next.ServeHTTP(w, r)
	})
}

func decode(r *http.Request, into any) error { // expect-no-pattern: go_web/errors/error-returning-handler, go_web/api/nethttp-middleware
	if r.Body == nil {
		return errors.New("empty body")
	}
	return json.NewDecoder(r.Body).Decode(into)
}
