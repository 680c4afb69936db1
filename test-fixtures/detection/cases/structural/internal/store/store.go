package store // expect-no-pattern: structural/go-package-name

type Store struct{}
