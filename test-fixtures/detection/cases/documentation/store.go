package store

// expect-pattern: documentation/doc-comment
// Open opens the store at path.
// It creates the file when missing.
func Open(path string) (*Store, error) { // expect-no-pattern: documentation/doc-comment
	return open(path)
}

// expect-no-pattern: documentation/doc-comment
// helper comment
func open(path string) (*Store, error) {
	return nil, nil
}

// expect-pattern: documentation/deprecated-marker
// Deprecated: use Open.
func Load(path string) (*Store, error) { return Open(path) }
