package settings_test

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/attnscope/attnscope/compute"
	"github.com/attnscope/attnscope/themes"
	"github.com/attnscope/attnscope/ui/settings"
)

// The root model forwards keys to a focused panel and runs the returned
// Cmd; a ChangedMsg means "recompute with this configuration".
func ExampleModel_Update() {
	m := settings.New(compute.DefaultConfig(), "gpt2", themes.Default)
	m.Focus()
	down := tea.KeyPressMsg{Code: tea.KeyDown}
	right := tea.KeyPressMsg{Code: tea.KeyRight}

	m, _ = m.Update(down) // d_in
	m, _ = m.Update(down) // d_out
	m, cmd := m.Update(right)
	fmt.Println("d_out 3:", cmd == nil, m.Err()) // 2 heads do not divide 3: nothing sent
	m, cmd = m.Update(right)
	msg := cmd().(settings.ChangedMsg)
	fmt.Println("d_out 4:", msg.Config.DOut, msg.Config.Heads, m.Changed())
	// Output:
	// d_out 3: true --heads: must divide --d-out (3), got 2
	// d_out 4: 4 2 [d_out]
}
