// A fixture for the store tests: the go tool ignores testdata/ directories.
package bad_pkg // expect-no-pattern: structural/go-package-name

func Fixture() string { return "fixture" }
