package samples

import (
	"fmt"
	"strings"
)

// Sample is a named built-in text.
type Sample struct {
	Name  string
	About string
	Text  string
}

// Book is the chapter's example sentence.
const Book = "Your journey starts with one step"

var all = []Sample{
	{Name: "book", About: "the chapter's example sentence", Text: Book},
}

// All returns every sample, the book's first.
func All() []Sample { return append([]Sample(nil), all...) }

// Get returns the sample with the given name.
func Get(name string) (Sample, error) {
	for _, s := range all {
		if s.Name == name {
			return s, nil
		}
	}
	names := make([]string, len(all))
	for i, s := range all {
		names[i] = s.Name
	}
	return Sample{}, fmt.Errorf("unknown sample %q (have %s)", name, strings.Join(names, ", "))
}
