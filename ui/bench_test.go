package ui

import (
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/attnscope/attnscope/compute"
	"github.com/attnscope/attnscope/internal/cputime"
	"github.com/attnscope/attnscope/pipeline"
	"github.com/attnscope/attnscope/ui/settings"
)

// bigScene is T = 256 tokens, d_in = d_out = 768, 12 heads: the
// keystroke benchmark configuration.
func bigScene(b *testing.B) *pipeline.Scene {
	b.Helper()
	words := make([]string, 256)
	for i := range words {
		words[i] = []string{" the", " cat", " sat", " on", " a", " mat", " and", " it", " was", " tired"}[i%10] // one token each in gpt2
	}
	req := pipeline.DefaultRequest()
	req.Text, req.Book = strings.Join(words, ""), false
	req.Config = compute.Config{DIn: 768, DOut: 768, Heads: 12, Init: compute.InitLinear, Seed: 123}
	sc, err := pipeline.Build(req)
	if err != nil {
		b.Fatal(err)
	}
	if len(sc.Tokens) != 256 {
		b.Fatalf("%d tokens, want 256", len(sc.Tokens))
	}
	return sc
}

// BenchmarkKeystroke is Update + View for one key press at 120×40, on the
// heads stage with the all-heads grid of 12 heads shown.
func BenchmarkKeystroke(b *testing.B) {
	sc := bigScene(b)
	base := send(New(sc, pipeline.StageHeads), tea.WindowSizeMsg{Width: 120, Height: 40})
	grid := send(base, keyMsg("g"))
	present := send(New(sc, pipeline.StageCausal, WithPresent(0)), tea.WindowSizeMsg{Width: 120, Height: 40})
	cases := []struct {
		name string
		m    Model
		keys []string
	}{
		{"cursor-move", base, []string{"l", "h"}},
		{"cursor-move-grid", grid, []string{"l", "h"}},
		{"stage-step", base, []string{"n", "p"}},
		{"head-switch", base, []string{">", "<"}},
		{"head-switch-grid", grid, []string{">", "<"}},
		{"present-step", present, []string{"right", "left"}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			timeKeys(b, c.m, keys(c.keys...))
		})
	}
	// A setting change: Update hands the work to a command; the landing of
	// the new scene (sceneMsg) is what the UI thread pays for.
	b.Run("setting-change-landing", func(b *testing.B) {
		timeKeys(b, base, []tea.Msg{sceneMsg{seq: base.build.seq, scene: sc}})
	})
	b.Run("setting-change-update", func(b *testing.B) {
		var tm tea.Model = base
		msg := settings.ChangedMsg{Config: sc.Request.Config, Encoding: "gpt2"}
		b.ReportAllocs()
		for b.Loop() {
			tm, _ = tm.Update(msg)
			_ = tm.View()
		}
	})
}

// timeKeys sends msgs in turn, each followed by View, and reports the
// 99th percentile of the latencies and of the CPU time the UI thread
// spent (the latter is what a key costs on an idle machine).
func timeKeys(b *testing.B, m tea.Model, msgs []tea.Msg) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var lat, cpu []time.Duration
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		t0, c0 := time.Now(), cputime.Thread()
		m, _ = m.Update(msgs[i%len(msgs)])
		_ = m.View()
		lat, cpu = append(lat, time.Since(t0)), append(cpu, cputime.Thread()-c0)
	}
	reportP99(b, lat)
	if len(cpu) > 0 {
		slices.Sort(cpu)
		b.ReportMetric(float64(cpu[(len(cpu)*99)/100].Microseconds())/1000, "p99-cpu-ms")
		b.ReportMetric(float64(cpu[len(cpu)/2].Microseconds())/1000, "p50-cpu-ms")
	}
}

// reportP99 reports the 99th percentile of the measured latencies (the
// target is p99 ≤ 16 ms, one frame).
func reportP99(b *testing.B, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[(len(lat)*99)/100].Microseconds())/1000, "p99-ms")
}
