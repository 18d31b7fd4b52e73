package samples

import (
	"embed"
	"fmt"
	"strings"
)

// Sample is a named built-in text.
type Sample struct {
	Name  string // what --sample takes
	About string // one line saying why it is interesting
	Text  string
}

// Book is the chapter's example sentence, the "book" sample.
const Book = "Your journey starts with one step"

//go:embed texts/*.txt texts/index.tsv
var texts embed.FS

var all = mustLoad()

// mustLoad reads the index and the texts. They are compiled in and checked
// by the tests, so a problem here is a build defect, reported at start-up.
func mustLoad() []Sample {
	s, err := load()
	if err != nil {
		panic("samples: " + err.Error())
	}
	return s
}

func load() ([]Sample, error) {
	index, err := texts.ReadFile("texts/index.tsv")
	if err != nil {
		return nil, err
	}
	var out []Sample
	for line := range strings.SplitSeq(string(index), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, about, ok := strings.Cut(line, "\t")
		if !ok || name == "" || about == "" {
			return nil, fmt.Errorf("index.tsv: malformed line %q", line)
		}
		b, err := texts.ReadFile("texts/" + name + ".txt")
		if err != nil {
			return nil, fmt.Errorf("index.tsv names %q: %w", name, err)
		}
		// one final newline is the file's, not the sample's
		text := strings.TrimSuffix(string(b), "\n")
		out = append(out, Sample{Name: name, About: about, Text: text})
	}
	return out, nil
}

// All returns every sample, the book's first.
func All() []Sample { return append([]Sample(nil), all...) }

// Names returns the sample names in order.
func Names() []string {
	names := make([]string, len(all))
	for i, s := range all {
		names[i] = s.Name
	}
	return names
}

// Get returns the sample with the given name.
func Get(name string) (Sample, error) {
	for _, s := range all {
		if s.Name == name {
			return s, nil
		}
	}
	return Sample{}, fmt.Errorf("unknown sample %q (have %s)", name, strings.Join(Names(), ", "))
}
