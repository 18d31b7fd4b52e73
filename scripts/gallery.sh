#!/bin/sh
# gallery.sh renders one PNG per stage of the book example into docs/gallery/
# for the README, with `attnscope render` (the TUI's own Update and View).
# Rerun it whenever the UI changes; `go test ./cli -run Gallery` fails while
# a committed image is out of date. Also run by `go generate ./render`.
#
# The images depend only on the flags below: change them here and in
# galleryArgs (cli/render_cmd_test.go) together.
set -eu
cd "$(dirname "$0")/.."
out=docs/gallery
mkdir -p "$out"
bin=$(mktemp -d)/attnscope
trap 'rm -rf "$(dirname "$bin")"' EXIT
go build -o "$bin" .
i=0
for stage in $("$bin" render --list-stages); do
	i=$((i + 1))
	file=$(printf '%s/%02d-%s.png' "$out" "$i" "$stage")
	"$bin" render --stage "$stage" --width 100 --height 30 --color truecolor --format png --scale 1 --out "$file"
	echo "$file"
done

# An index to link from the README.
{
	echo "# Gallery"
	echo
	echo "Every stage of the book example at 100×30, drawn by \`attnscope render\` (the TUI's"
	echo "own screen). Regenerate with \`scripts/gallery.sh\` or \`go generate ./render\`."
	echo
	i=0
	for stage in $("$bin" render --list-stages); do
		i=$((i + 1))
		printf '## %d. %s\n\n![%s](%02d-%s.png)\n\n' "$i" "$stage" "$stage" "$i" "$stage"
	done
} >"$out/README.md"
