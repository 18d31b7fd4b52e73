// Package render draws one TUI screen without a terminal (SPEC §6): it
// replays keys through the root model's Update, takes the same View the TUI
// shows, and writes it as ANSI, plain text, SVG, PNG or HTML.
//
// Imports: ui, pipeline, themes and the Charm cell-buffer libraries.
package render
