package shipping

import (
	"context"
	"errors"
	"log"
	"sync"
	"time"
)

// Carrier is implemented by each delivery company integration.
type Carrier interface {
	Name() string
	Poll(ctx context.Context, shipmentID string) (Status, error)
}

// Notifier receives status updates.
type Notifier interface {
	Notify(s *Shipment, ev Event) error
}

// ErrUnknownCarrier is returned when no carrier is registered under a name.
var ErrUnknownCarrier = errors.New("shipping: unknown carrier")

// Tracker polls carriers concurrently.
type Tracker struct {
	mu        sync.RWMutex
	carriers  map[string]Carrier
	shipments map[string]*Shipment
	notifier  Notifier
	interval  time.Duration
}

// NewTracker builds a Tracker with the given polling interval.
func NewTracker(n Notifier, interval time.Duration) *Tracker {
	return &Tracker{
		carriers:  make(map[string]Carrier),
		shipments: make(map[string]*Shipment),
		notifier:  n,
		interval:  interval,
	}
}

// Register adds a carrier integration.
func (t *Tracker) Register(c Carrier) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.carriers[c.Name()] = c
}

// Track starts following a shipment.
func (t *Tracker) Track(s *Shipment) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if _, ok := t.carriers[s.Carrier]; !ok {
		return ErrUnknownCarrier
	}
	t.shipments[s.ID] = s
	return nil
}

// PollOnce queries every tracked shipment in parallel.
func (t *Tracker) PollOnce(ctx context.Context) (updated int, err error) {
	t.mu.RLock()
	snapshot := make([]*Shipment, 0, len(t.shipments))
	for _, s := range t.shipments {
		snapshot = append(snapshot, s)
	}
	t.mu.RUnlock()

	var wg sync.WaitGroup
	results := make(chan error, len(snapshot))
	for _, s := range snapshot {
		wg.Add(1)
		go func(s *Shipment) {
			defer wg.Done()
			defer func() {
				if r := recover(); r != nil {
					log.Printf("carrier %s panicked for %s: %v", s.Carrier, s.ID, r)
					results <- errors.New("carrier panic")
				}
			}()
			results <- t.pollShipment(ctx, s)
		}(s)
	}
	wg.Wait()
	close(results)

	var errs []error
	for e := range results {
		if e == nil {
			updated++
			continue
		}
		errs = append(errs, e)
	}
	return updated, errors.Join(errs...)
}

func (t *Tracker) pollShipment(ctx context.Context, s *Shipment) error {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()

	status, err := t.carriers[s.Carrier].Poll(ctx, s.ID)
	if err != nil {
		return err
	}
	if status == s.Status() {
		return nil
	}
	if err := s.Advance(status, "carrier update"); err != nil {
		return err
	}
	hist := s.History()
	return t.notifier.Notify(s, hist[len(hist)-1])
}

// Run polls until the context is cancelled.
func (t *Tracker) Run(ctx context.Context) {
	ticker := time.NewTicker(t.interval)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
			if n, err := t.PollOnce(ctx); err != nil {
				log.Printf("poll: %d updated, errors: %v", n, err)
			}
		}
	}
}
