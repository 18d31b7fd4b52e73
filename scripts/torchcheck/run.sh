#!/usr/bin/env bash
# Checks the whole attnscope pipeline against PyTorch on random non-book configurations.
#
#   scripts/torchcheck/run.sh            # check against the committed testdata/torch_cases.json
#   scripts/torchcheck/run.sh --regen    # first regenerate it with PyTorch (needs python3-torch)
#
# Checking needs only python3 (stdlib) and ../shared/ref/check_export.py; regenerating needs
# PyTorch with the AVX2 kernel (Debian: apt-get install -y python3-torch, run by /usr/bin/python3).
# Any further arguments go to check_export.py (e.g. --only NAME, --rtol 0).
set -euo pipefail
cd "$(dirname "$0")/../.."
checker=../shared/ref/check_export.py
cases=testdata/torch_cases.json

if [ "${1:-}" = "--regen" ]; then
  shift
  if ! /usr/bin/python3 -c 'import torch' 2>/dev/null; then
    echo "torchcheck: PyTorch is not installed for /usr/bin/python3 (apt-get install -y python3-torch)" >&2
    exit 2
  fi
  /usr/bin/python3 scripts/torchcheck/gen_cases.py --out "$cases"
fi

[ -f "$checker" ] || { echo "torchcheck: $checker not found" >&2; exit 2; }
bin=$(mktemp -d)/attnscope
trap 'rm -rf "$(dirname "$bin")"' EXIT
go build -o "$bin" .
python3 "$checker" "$bin" "$cases" "$@"
