// Package picker is the TUI's sample picker: a list of the built-in samples
// (samples.All) with a preview of the highlighted one's text. Enter picks
// (PickedMsg), esc cancels (ClosedMsg).
//
// Sample text is shown through Safe, so no control byte, bidi override or
// invalid UTF-8 from a sample reaches the terminal.
//
// Imports: samples, themes and the Charm libraries.
package picker
