package style

import (
	"testing"

	"github.com/attnscope/attnscope/themes"
)

func TestHelpFollowsTheTheme(t *testing.T) {
	for _, th := range []themes.Theme{themes.Dark(), themes.Light()} {
		h := Help(th)
		if h.ShortKey.GetForeground() != th.Text || h.ShortDesc.GetForeground() != th.Muted {
			t.Errorf("%s: help styles do not use the theme's colours", th.Name)
		}
	}
}
