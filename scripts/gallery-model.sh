#!/bin/sh
# gallery-model.sh renders model mode's views into docs/gallery/model/ with
# `attnscope render --model`. By default the checkpoint is a random
# 6-layer, 8-head GPT-2 of width 64 that this script writes (random weights:
# the images show the screens, not what a trained model's heads do); set
# MODEL to a real checkpoint (a file, a folder or a hub cache name such as
# gpt2) to draw that one instead, and say so where the images are shown.
set -eu
cd "$(dirname "$0")/.."
out=docs/gallery/model
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bin=$tmp/attnscope
go build -o "$bin" .
model=${MODEL:-}
if [ -z "$model" ]; then
	model=$tmp/random-gpt2
	go run ./internal/tinygpt/cmd/tinygpt -layers 6 -heads 8 -d 64 -context 1024 -seed 1 "$model"
fi
for view in overview head query metrics; do
	file=$out/$view.png
	"$bin" render --model "$model" --sample induction --stage "$view" --layer 3 --head 2 \
		--width 120 --height 40 --color truecolor --format png --scale 1 --out "$file"
	echo "$file"
done
