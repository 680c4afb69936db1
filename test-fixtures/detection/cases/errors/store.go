package store

import "fmt"

func Load(id string) (*Item, error) {
	item, err := db.Find(id)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", id, err) // expect-pattern: errors/go-wrapped  expect-no-pattern: errors/go-bare-return
	}
	return item, nil // expect-no-pattern: errors/go-bare-return
}

func Save(item *Item) error {
	if err := db.Save(item); err != nil {
		return err // expect-pattern: errors/go-bare-return  expect-no-pattern: errors/go-wrapped
	}
	return nil
}
