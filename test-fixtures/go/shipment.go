// Package shipping tracks parcels from warehouse to customer.
package shipping

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Status is the lifecycle state of a shipment.
type Status int

const (
	StatusPending Status = iota
	StatusInTransit
	StatusDelivered
	StatusReturned
)

var statusNames = map[Status]string{
	StatusPending:   "pending",
	StatusInTransit: "in_transit",
	StatusDelivered: "delivered",
	StatusReturned:  "returned",
}

func (s Status) String() string {
	if name, ok := statusNames[s]; ok {
		return name
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// ErrInvalidTransition is returned when a status change is not allowed.
var ErrInvalidTransition = errors.New("shipping: invalid status transition")

// Address is a postal destination.
type Address struct {
	Street  string `json:"street"`
	City    string `json:"city"`
	Postal  string `json:"postal_code"`
	Country string `json:"country"`
}

func (a Address) String() string {
	return strings.Join([]string{a.Street, a.Postal + " " + a.City, a.Country}, ", ")
}

// Shipment is a single parcel.
type Shipment struct {
	ID        string
	Carrier   string
	WeightKg  float64
	To        Address
	status    Status
	history   []Event
	createdAt time.Time
}

// Event is a timestamped status change.
type Event struct {
	At     time.Time
	Status Status
	Note   string
}

// NewShipment creates a pending shipment.
func NewShipment(id, carrier string, weightKg float64, to Address) (*Shipment, error) {
	if weightKg <= 0 || weightKg > 31.5 {
		return nil, fmt.Errorf("shipment %s: weight %.2fkg out of range", id, weightKg)
	}
	s := &Shipment{ID: id, Carrier: carrier, WeightKg: weightKg, To: to, createdAt: time.Now()}
	s.record(StatusPending, "created")
	return s, nil
}

// Status returns the current status.
func (s *Shipment) Status() Status { return s.status }

// Advance moves the shipment to the next status.
func (s *Shipment) Advance(next Status, note string) error {
	allowed := map[Status][]Status{
		StatusPending:   {StatusInTransit},
		StatusInTransit: {StatusDelivered, StatusReturned},
	}
	for _, candidate := range allowed[s.status] {
		if candidate == next {
			s.record(next, note)
			return nil
		}
	}
	return fmt.Errorf("%w: %s -> %s", ErrInvalidTransition, s.status, next)
}

func (s *Shipment) record(st Status, note string) {
	s.status = st
	s.history = append(s.history, Event{At: time.Now().UTC(), Status: st, Note: note})
}

// History returns a copy of the event log.
func (s *Shipment) History() []Event {
	out := make([]Event, len(s.history))
	copy(out, s.history)
	return out
}

// Cost estimates the shipping price in cents.
func (s *Shipment) Cost() int64 {
	base := int64(499)
	perKg := int64(s.WeightKg * 120)
	if s.To.Country != "DE" {
		base += 1_000
	}
	return base + perKg
}
