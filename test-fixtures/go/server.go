package shipping

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
)

// APIError is written to clients as JSON.
type APIError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

func (e *APIError) Error() string { return fmt.Sprintf("%d: %s", e.Code, e.Message) }

// Server exposes shipments over HTTP.
type Server struct {
	tracker *Tracker
	mux     *http.ServeMux
}

// NewServer wires routes for the tracker.
func NewServer(t *Tracker) *Server {
	s := &Server{tracker: t, mux: http.NewServeMux()}
	s.mux.HandleFunc("/shipments", s.handleCreate)
	s.mux.HandleFunc("/shipments/status", s.handleStatus)
	s.mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	})
	return s
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	defer func() {
		if rec := recover(); rec != nil {
			writeJSON(w, http.StatusInternalServerError, &APIError{Code: 500, Message: "internal error"})
		}
	}()
	s.mux.ServeHTTP(w, r)
}

type createRequest struct {
	ID       string  `json:"id"`
	Carrier  string  `json:"carrier"`
	WeightKg float64 `json:"weight_kg"`
	To       Address `json:"to"`
}

func (s *Server) handleCreate(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		writeJSON(w, http.StatusMethodNotAllowed, &APIError{405, "use POST"})
		return
	}
	defer r.Body.Close()

	var req createRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		writeJSON(w, http.StatusBadRequest, &APIError{400, err.Error()})
		return
	}
	shipment, err := NewShipment(req.ID, req.Carrier, req.WeightKg, req.To)
	if err != nil {
		writeJSON(w, http.StatusUnprocessableEntity, &APIError{422, err.Error()})
		return
	}
	if err := s.tracker.Track(shipment); errors.Is(err, ErrUnknownCarrier) {
		writeJSON(w, http.StatusBadRequest, &APIError{400, "unknown carrier " + strconv.Quote(req.Carrier)})
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"id": shipment.ID, "cost_cents": shipment.Cost()})
}

func (s *Server) handleStatus(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("id")
	s.tracker.mu.RLock()
	shipment, ok := s.tracker.shipments[id]
	s.tracker.mu.RUnlock()
	if !ok {
		writeJSON(w, http.StatusNotFound, &APIError{404, "no shipment " + id})
		return
	}
	writeJSON(w, http.StatusOK, struct {
		ID     string  `json:"id"`
		Status string  `json:"status"`
		Events []Event `json:"events"`
	}{shipment.ID, shipment.Status().String(), shipment.History()})
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	if err := json.NewEncoder(w).Encode(v); err != nil {
		var apiErr *APIError
		if errors.As(err, &apiErr) {
			http.Error(w, apiErr.Message, apiErr.Code)
		}
	}
}
