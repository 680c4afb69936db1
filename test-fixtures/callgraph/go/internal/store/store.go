package store

import "strings"

// Store keeps item names.
type Store struct {
	items []string
}

// New makes an empty store.
func New() *Store {
	return &Store{}
}

// Add stores a normalized name.
func (s *Store) Add(name string) {
	s.items = append(s.items, normalize(name))
}

// Count says how many names are stored.
func (s *Store) Count() int {
	return len(s.items)
}

func normalize(name string) string {
	return trim(strings.ToLower(name))
}

func trim(name string) string {
	return strings.TrimSpace(name)
}

func unused() int {
	return 0
}
