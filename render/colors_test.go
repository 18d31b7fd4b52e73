package render

import (
	"bytes"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/attnscope/attnscope/themes"
)

// lightModel draws one word and reports the light theme.
type lightModel struct{}

func (lightModel) Init() tea.Cmd                         { return nil }
func (m lightModel) Update(tea.Msg) (tea.Model, tea.Cmd) { return m, nil }
func (lightModel) View() tea.View                        { return tea.NewView("light") }
func (lightModel) Theme() themes.Theme                   { return themes.Light() }

func TestPageColoursFollowTheModelsTheme(t *testing.T) {
	v := pageColors(lightModel{}, lightModel{}.View())
	var b bytes.Buffer
	if err := Encode(&b, v, Options{Width: 8, Height: 2, Format: "png"}); err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, b.Bytes())
	want := toRGBA(themes.Light().Background)
	if got := rgbaAt(img, 8*CellWidth-1, 2*CellHeight-1); got != want {
		t.Errorf("page = %v, want the light theme's background %v", got, want)
	}
	_, dark := defaultColors()
	if want == dark {
		t.Fatal("test is vacuous: light and dark backgrounds are equal")
	}
	// A view's own colours win over the theme's.
	v2 := lightModel{}.View()
	v2.BackgroundColor = themes.Dark().Background
	if got := pageColors(lightModel{}, v2).BackgroundColor; got != themes.Dark().Background {
		t.Errorf("the view's background was replaced: %v", got)
	}
}
