package pipeline

import (
	"fmt"
	"strings"
)

// Stage is one of SPEC §4's twelve stages.
type Stage int

const (
	StageTokens Stage = iota
	StageEmbeddings
	StageScores
	StageSoftmax
	StageContext
	StageQKV
	StageScaled
	StageWeights
	StageCausal
	StageDropout
	StageHeads
	StageOutput
	NumStages = int(StageOutput) + 1
)

var stageNames = [NumStages]string{
	"tokens", "embeddings", "scores", "softmax", "context", "qkv",
	"scaled", "weights", "causal", "dropout", "heads", "output",
}

var stageTitles = [NumStages]string{
	"Tokens", "Embeddings", "Attention scores", "Softmax", "Context vectors",
	"Query, key, value", "Scaled scores", "Attention weights", "Causal mask",
	"Dropout", "Heads", "Output",
}

// Name is the stage's command-line name, e.g. "scores".
func (s Stage) Name() string { return stageNames[s] }

// Title is the stage's human title, e.g. "Attention scores".
func (s Stage) Title() string { return stageTitles[s] }

func (s Stage) String() string { return s.Name() }

// StageNames lists every stage name in order.
func StageNames() []string { return append([]string(nil), stageNames[:]...) }

// ParseStage accepts a stage name or its 1-based number.
func ParseStage(s string) (Stage, error) {
	for i, n := range stageNames {
		if s == n || s == fmt.Sprint(i+1) {
			return Stage(i), nil
		}
	}
	return 0, fmt.Errorf("unknown stage %q (want one of %s, or 1–%d)", s, strings.Join(stageNames[:], ", "), NumStages)
}
