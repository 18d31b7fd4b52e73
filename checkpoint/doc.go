// Package checkpoint finds and reads GPT-2-family weights into
// compute.GPT2Params: the resolution of a model argument (a file, a folder,
// a name in the Hugging Face hub cache), the safetensors format (single and
// sharded), torch.save files (.pth, .pt, pytorch_model.bin; zip and legacy),
// config.json and hparams.json, and the two tensor namings (Hugging Face's
// GPT-2 and the book's GPTModel). docs/model-mode.md ("Checkpoints")
// describes the formats, namings, resolution order and errors.
//
// Weights are memory-mapped where the platform allows: float32 tensors whose
// data is 4-byte aligned in the file are used in place, everything else
// (float16, bfloat16, misaligned float32, transposed nn.Linear weights) is
// converted once into memory outside the Go heap. Model.Close releases both.
//
// Every error Open returns is about its input (a missing or malformed file,
// an unsupported configuration) and matches ErrInput under errors.Is; the
// command line reports such errors as usage errors. Errors are one line and
// name the file and, where there is one, the tensor.
//
// It may import the standard library, compute (for its types only),
// checkpoint/hub (where the hub cache is) and github.com/nlpodyssey/gopickle
// (the pickle virtual machine under torch.save files). It does no
// arithmetic beyond dtype conversion and transposition.
package checkpoint
