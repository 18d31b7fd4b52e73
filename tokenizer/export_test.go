package tokenizer

import "github.com/charmbracelet/x/ansi"

// resetCache forgets every loaded encoder (tests and load benchmarks).
func resetCache() {
	cacheMu.Lock()
	cache = map[string]*slot{}
	cacheMu.Unlock()
}

// lipglossWidth is how lipgloss.Width measures one line.
func lipglossWidth(s string) int { return ansi.StringWidth(s) }
