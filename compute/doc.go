// Package compute is the tensor math of attnscope: PyTorch's CPU random
// number generator and every module of chapter 3's attention, from raw
// dot-product scores to multi-head output, and a GPT-2
// forward pass for model mode.
//
// Imports: the standard library and gonum only (with the openblas build
// tag also internal/openblas: cgo and gonum.org/v1/netlib). No I/O, no
// terminal code.
//
// # Entry points
//
//   - DrawParams(cfg) draws every module's weights (Params: the single
//     module, the wrapper's heads, MHAParams), and Params.Trace(x) runs the
//     forward passes, recording every intermediate into a Result (Simple,
//     Single, Wrapper, MHA). Run(x, cfg) does both. Where weights come from
//     is kept apart from the forward pass, so another source of weights (a
//     checkpoint) can share the pass.
//   - Result.Tensors is the catalogue of a Result's tensors by name (the
//     names export writes, docs/stages.md); Result.Matrix reads one by a
//     reference such as "mha.attn_weights[h]". Projections, contexts,
//     causal and dropped weights and outputs are kept by Trace; the other
//     T×T tensors (scores, scaled and unmasked weights, masked scores, the
//     simple method, the masks) are computed when first read and returned
//     again while anyone holds them (a weak pointer; the masks are kept),
//     so a Result costs what Trace keeps plus what its readers hold.
//     Single.Cell and MHA.Cell give one cell's ingredients (q_i, k_j,
//     products, score, mask, weight, the dropout draw) for an inspector.
//   - Generator is torch.manual_seed's mt19937 with PyTorch's transforms:
//     Float32 (torch.rand), Float64, Uniform (fused, as the AVX2 kernel),
//     Rand, Linear (nn.Linear's init) and DropoutKeep (nn.Dropout's masks on
//     the default and the legacy MKL Bernoulli paths). Weights and masks
//     are bit-identical to PyTorch's on x86-64.
//   - MHAParams.Forward: the efficient multi-head module's forward pass
//     alone, keeping no intermediate (the speed benchmark); MHAParams.Trace
//     keeps them.
//   - GPT2Params.Trace(ctx, ids, opt) runs a GPT-2-family model forward
//     (eval mode, float32; docs/model-mode.md) and returns a GPT2Trace:
//     every block's residual input, the final LayerNorm output, the last
//     position's logits (TopK gives the likeliest next tokens with their
//     probabilities) and the five head scores of every head, computed
//     during the pass. GPT2Trace.Layer(l) recomputes one block's weights,
//     queries, keys and values from its kept input (a few recent layers
//     are cached: all of GPT-2 small's attention at T = 1024 would be
//     600 MB); GPT2Layer.Cell gives one weight's ingredients.
//     TraceOptions.OnStart hands over the trace being filled in (a viewer
//     may draw layer l+1 once OnLayer(l) has reported block l, from its
//     own goroutine); a cancelled context stops the pass between blocks. GPT2Params.Validate checks
//     shapes; Trace returns errors (never panics) for bad ids, lengths
//     and shapes.
//
// # Draw order
//
// Each module has its own generator seeded with Config.Seed, as
// torch.manual_seed(seed); module = M(...); module(x): init draws in
// construction order (DrawParams), then the forward pass's dropout draws
// (Trace, from the generator as construction left it). Single:
// W_query, W_key, W_value (torch.rand, or nn.Linear weight then bias), then
// one [T, T] mask. Wrapper: every head's W_query, W_key, W_value (head 0
// first), then head 0's mask, head 1's…. MHA: W_query, W_key, W_value,
// out_proj weight and bias, then one [heads, T, T] mask. DropoutSeed
// reseeds the module's generator just before its first dropout draw. With
// p = 0 nothing is drawn and the mask is all ones.
//
// # Precision
//
// Tensors are float32, as PyTorch's. Matrix products accumulate in float32,
// as PyTorch's CPU BLAS does: on x86-64 with AVX2 and FMA through this
// package's packed 6×16 micro-kernel (kernel_amd64.s; one fused
// multiply-add chain per entry), elsewhere through gonum's Sgemm. Built
// with the tag openblas (cgo; apt-get install libopenblas-dev), every
// product goes to OpenBLAS's sgemm instead, through gonum's netlib
// bindings (internal/openblas links it; OpenBLAS runs single-threaded and
// compute parallelises over heads and row blocks). The
// causal softmax takes its exponents in float32 (AVX2 Cephes expf, within
// 2.5e-7 relative; math.Exp otherwise) and sums them before one
// multiplication by the reciprocal; the unmasked softmax rows use
// math.Exp in float64.
//
// Against PyTorch's printed reference tensors (testdata/ch03_reference.json)
// the worst absolute error is a few 1e-7, far inside the 1e-5 + 1e-5·max
// the tests allow (reference_test.go measures it).
//
// # Cost
//
// Causal attention is computed in blocks of 48 query rows against only the
// keys they may see (the masked half of Q·Kᵀ is never computed), with the
// scale, mask, softmax and dropout fused per row and heads in parallel.
// The README's performance table has the measurements; the benchmarks in
// bench_test.go and memory_test.go reproduce them.
//
// A GPT-2 block is five passes: LayerNorm fused into the pass that forms
// its input (residual additions and biases included), the q | k | v
// product, the heads in parallel (causal blocks as above, with each
// row's head-score sums taken from the softmax), the output projection,
// and the MLP (bias and GELU fused in one pass over its hidden layer).
// Rows are split over goroutines in every elementwise pass and the
// working memory is reused from pass to pass. The logits of the last
// position alone are one matrix-vector product, rows in parallel.
//
// Of the T×T tensors Trace keeps only the causal weights of each wrapper
// head, of the single module (when it is not wrapper head 0) and of each
// MHA head, and with p > 0 their dropped weights and drawn masks;
// everything else T×T is computed on demand and can be collected once no
// reader holds it (TestRunKeepsOnlyCausalWeights counts them;
// BenchmarkRunLive reports the heap a Result holds). A reader holding
// every tensor at once holds about 8 T×T tensors per single-head module
// and 4 per MHA head; Footprint estimates that bound and Run refuses more
// than MaxFloats.
//
// # Conventions, in the manner of gonum's mat
//
//   - Matrices are dense, row-major float32 (PyTorch's default dtype).
//     Weights W are d_in × d_out (Q = X·W; nn.Linear's weight transposed).
//   - A method's receiver is its destination.
//   - Shape mismatches are programmer errors and panic with a message that
//     starts with "compute:"; problems with data or configuration are
//     returned as errors.
//   - Softmax is the stable form: each row's maximum is subtracted first.
//   - Params and Results are read-only: matrices may be shared between
//     modules.
package compute
