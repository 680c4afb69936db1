package store

// Open opens the store at path. expect-pattern: documentation/doc-comment
// It creates the file when missing.
func Open(path string) (*Store, error) { // expect-no-pattern: documentation/doc-comment
	return open(path)
}

// helper comment expect-no-pattern: documentation/doc-comment
func open(path string) (*Store, error) {
	return nil, nil
}

// Deprecated: use Open. // expect-pattern: documentation/deprecated-marker
func Load(path string) (*Store, error) { return Open(path) }
