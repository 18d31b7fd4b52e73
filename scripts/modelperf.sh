#!/bin/sh
# modelperf.sh measures model mode as a user meets it, whole processes on a
# GPT-2-small-shaped checkpoint, next to PyTorch in the same run:
#
#   1. to the first picture: `attnscope render --model DIR --stage overview
#      --text "<10 words>"` against `torch_gpt2.py time DIR 12 1` (import,
#      load, one forward pass keeping every attention), both with hyperfine;
#   2. peak RSS of `attnscope render --model DIR --stage VIEW` at T = 1024
#      (the text cut to the context) for every view, next to the
#      checkpoint's size.
#
#   scripts/modelperf.sh [DIR]
#
# DIR (default /tmp/gpt2small) is made with `torch_gpt2.py make DIR` when it
# has no model.safetensors. TORCH_GPT2 is the PyTorch anchor script (default
# ../shared/bench/torch_gpt2.py), PYTHON its interpreter (default
# /usr/bin/python3), RUNS hyperfine's runs (default 5). The load average is
# printed before and after: on a shared machine, compare figures of one run.
set -eu
cd "$(dirname "$0")/.."
dir=${1:-/tmp/gpt2small}
torch=${TORCH_GPT2:-../shared/bench/torch_gpt2.py}
python=${PYTHON:-/usr/bin/python3}
runs=${RUNS:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bin=$tmp/attnscope
go build -o "$bin" .
if [ ! -f "$dir/model.safetensors" ]; then
	"$python" "$torch" make "$dir"
fi
uptime
words="the cat sat on the mat because it was tired today"
hyperfine -N --warmup 1 --runs "$runs" \
	"$bin render --model $dir --stage overview --text '$words' --format text" \
	"$python $torch time $dir 12 1"
# About 1,700 tokens of prose: cut to the context of 1024.
head -c 6000 README.md >"$tmp/long.txt"
size=$(wc -c <"$dir/model.safetensors")
echo "checkpoint: $((size / 1000000)) MB; target: peak RSS ≤ $((size / 1000000 + 300)) MB"
for view in tokens overview head query metrics next; do
	/usr/bin/time -f "peak RSS, T = 1024, $view: %M KB, %e s" "$bin" render --model "$dir" --stage "$view" \
		--text - --format text --width 120 --height 40 <"$tmp/long.txt" 2>&1 >/dev/null | grep -v '^attnscope: note'
done
uptime
