package user_store // expect-pattern: structural/go-package-name

type Store struct{}
