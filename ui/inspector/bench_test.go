package inspector

import (
	"testing"

	"github.com/attnscope/attnscope/pipeline"
	"github.com/attnscope/attnscope/themes"
)

// BenchmarkSetCell256x768 is one cursor move on a long, wide input (the
// inspector rebuilds and lays out its text on every move).
func BenchmarkSetCell256x768(b *testing.B) {
	r := randResult(256, 768)
	m := New(themes.Default)
	m.SetSize(60, 30)
	stages := []pipeline.Stage{pipeline.StageScores, pipeline.StageSoftmax, pipeline.StageContext, pipeline.StageWeights}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		m.SetCell(stages[i%len(stages)].Def(), r, 0, i%256, (i*7)%256, nil)
	}
}

func BenchmarkView(b *testing.B) {
	m := New(themes.Default)
	m.SetSize(60, 30)
	m.SetCell(pipeline.StageWeights.Def(), bookResults(b)["rand123"], 0, 1, 0, bookLabels)
	for b.Loop() {
		_ = m.View()
	}
}
