// Package export writes one configuration's tensors — the configuration,
// the tokens and every intermediate tensor by the names docs/stages.md
// lists (compute.Result.Tensors, the catalogue the screens read too) — as
// JSON, CSV or NumPy NPZ.
//
// A Document is built from a compute.Result (New) or from a pipeline.Scene
// (FromScene, which takes scene.Result: the request's one configuration,
// never book mode's per-stage results). Tensors lists the tensors in their
// documented order; JSON, CSV and NPZ (or Write with a format name) encode it:
//
//   - JSON: {"config", "tokens", "tensors"}, each tensor {"shape", "data"}
//     with data nested by shape, float32 values in their shortest exact
//     decimal form and −∞ as the string "-Inf".
//   - CSV: a "# config" block, a "# tokens" block, then one block per
//     tensor headed "# NAME shape A×B", rows along the last dimension.
//   - NPZ: what numpy.savez writes (a zip of version 1.0 .npy files), one
//     '<f4' array per tensor plus token_ids, token_bytes_hex, tokens.text,
//     tokens.label and config.
//
// Every format is streamed to the writer: no tensor is held as text or
// bytes, stacked heads are never copied, and a tensor the Result computes
// on demand is fetched only when it is written, so one is held at a time
// (the README has the sizes and peaks). Golden files hold the exact bytes
// of two exports, which the streamed bytes must equal (go test ./export
// -update rewrites them).
//
// testdata/book_cases.json lists the book configurations and the reference
// tensors they reproduce. The
// export of random configurations is checked against chapter 3's PyTorch
// modules by scripts/torchcheck (its cases, testdata/torch_cases.json at the
// repository root, run in CI through check_export.py).
//
// Imports: pipeline, compute and the standard library.
package export
