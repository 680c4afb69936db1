package store_test // expect-no-pattern: structural/go-package-name

import "testing"

func TestStore(t *testing.T) {}
