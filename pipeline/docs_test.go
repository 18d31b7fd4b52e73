package pipeline

import (
	"os"
	"strings"
	"testing"
)

// TestConfigurationDocListsEveryField: docs/configuration.md names every
// field's flag and range as the table has them.
func TestConfigurationDocListsEveryField(t *testing.T) {
	b, err := os.ReadFile("../docs/configuration.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	for _, f := range Fields {
		if !strings.Contains(doc, "`--"+f.Flag) {
			t.Errorf("docs/configuration.md lacks --%s", f.Flag)
		}
		if f.Kind == KindInt && !strings.Contains(doc, f.Range()) {
			t.Errorf("docs/configuration.md lacks --%s's range %s", f.Flag, f.Range())
		}
		if !f.Limit && !strings.Contains(doc, "`"+f.Key+"`") {
			t.Errorf("docs/configuration.md lacks the export key %s", f.Key)
		}
	}
}
