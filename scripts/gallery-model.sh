#!/bin/sh
# gallery-model.sh renders model mode's views into docs/gallery/model/ with
# `attnscope render --model`, on the induction probe, with --layer/--head
# set to the checkpoint's best induction head (highest `induction` score in
# `attnscope export`).
#
# The checkpoint, in order of preference:
#   - MODEL, when set: a real checkpoint (a file, a folder or a hub cache
#     name such as gpt2); say so where the images are shown;
#   - with PyTorch in PYTHON (default /usr/bin/python3): the tiny GPT-2 that
#     scripts/trainind/train.py trains on repeated random words (a few
#     minutes of CPU), kept in TRAINED (default
#     ${XDG_CACHE_HOME:-~/.cache}/attnscope/trainind) and retrained only when
#     missing or older than train.py;
#   - otherwise a random 6-layer, 8-head GPT-2 of width 64 this script writes
#     (random weights: the images show the screens, not what trained heads
#     do).
set -eu
cd "$(dirname "$0")/.."
out=docs/gallery/model
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bin=$tmp/attnscope
go build -o "$bin" .
py=${PYTHON:-/usr/bin/python3}
model=${MODEL:-}
if [ -z "$model" ] && "$py" -c 'import torch' 2>/dev/null; then
	model=${TRAINED:-${XDG_CACHE_HOME:-$HOME/.cache}/attnscope/trainind}
	if [ ! -f "$model/model.safetensors" ] || [ scripts/trainind/train.py -nt "$model/model.safetensors" ]; then
		"$py" scripts/trainind/train.py "$model"
	fi
	echo "trained checkpoint: $model ($(cat "$model/train.json" | "$py" -c 'import json,sys; t=json.load(sys.stdin); print(t["args"]["steps"], "steps,", t["seconds"], "s")'))"
fi
if [ -z "$model" ]; then
	model=$tmp/random-gpt2
	go run ./internal/tinygpt/cmd/tinygpt -layers 6 -heads 8 -d 64 -context 1024 -seed 1 "$model"
fi
# The best induction head, as L H (layer 3, head 2 when no python3 reads the export).
best=$("$bin" export --model "$model" --sample induction | { python3 -c '
import json, sys
m = json.load(sys.stdin)["tensors"]["model.metrics.induction"]["data"]
s, l, h = max((v, l, h) for l, row in enumerate(m) for h, v in enumerate(row))
print(l, h)
print(f"best induction head: L{l}H{h} {s:.3f}", file=sys.stderr)' 2>&3 || echo 3 2; } 3>&2)
set -- $best
layer=$1 head=$2
for view in overview head query metrics; do
	file=$out/$view.png
	"$bin" render --model "$model" --sample induction --stage "$view" --layer "$layer" --head "$head" \
		--width 120 --height 40 --color truecolor --format png --scale 1 --out "$file"
	echo "$file"
done
