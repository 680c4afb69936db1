// Package unicodenames lives in a file whose name mixes Latin diacritics and Greek.
package unicodenames

import "strings"

// Ωμέγα is the last letter of the Greek alphabet.
const Ωμέγα = "Ω"

// Grüße returns a greeting in several scripts.
func Grüße(name string) string {
	parts := []string{"Grüß dich", "Γειά σου", "Привет", "こんにちは"}
	return strings.Join(parts, " / ") + ", " + name + " " + Ωμέγα
}

type Straße struct {
	Name   string
	Länge  float64
	Städte []string
}

func (s Straße) Beschreibung() string {
	return s.Name + " verbindet " + strings.Join(s.Städte, " ↔ ")
}
