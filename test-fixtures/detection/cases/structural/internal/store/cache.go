package storeCache // expect-pattern: structural/go-package-name
