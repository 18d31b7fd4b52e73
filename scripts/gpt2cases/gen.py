#!/usr/bin/python3
"""gen.py OUT_DIR — tiny GPT-2-shaped checkpoints in every format and naming attnscope reads, plus
the float32 values each must load as (expected.json). See README.md beside this script.

Two weight sets:
  A: d=8, 2 heads, 2 layers, V=97, P=16, qkv biases, tied head (lm_head only where a case adds one)
  B: d=12, 3 heads, 2 layers, V=97, P=16, no qkv biases, untied out_head (the book's default)
expected.json holds, per case, the Hugging Face-named tensors in Conv1D layout ([in, out]) after
rounding through the file's dtype, so a loader must reproduce them exactly.
"""
import collections
import hashlib
import json
import os
import shutil
import struct
import sys

import torch

V, P, L = 97, 16, 2


def weights(seed, d, qkv_bias):
    g = torch.Generator().manual_seed(seed)
    r = lambda *s, sc=0.3: torch.randn(*s, generator=g) * sc
    sd = {"wte.weight": r(V, d, sc=0.5), "wpe.weight": r(P, d, sc=0.2)}
    for i in range(L):
        p = f"h.{i}."
        sd[p + "ln_1.weight"] = 1 + r(d, sc=0.1)
        sd[p + "ln_1.bias"] = r(d, sc=0.1)
        sd[p + "attn.c_attn.weight"] = r(d, 3 * d)
        if qkv_bias:
            sd[p + "attn.c_attn.bias"] = r(3 * d, sc=0.2)
        sd[p + "attn.c_proj.weight"] = r(d, d)
        sd[p + "attn.c_proj.bias"] = r(d, sc=0.1)
        sd[p + "ln_2.weight"] = 1 + r(d, sc=0.1)
        sd[p + "ln_2.bias"] = r(d, sc=0.1)
        sd[p + "mlp.c_fc.weight"] = r(d, 4 * d)
        sd[p + "mlp.c_fc.bias"] = r(4 * d, sc=0.1)
        sd[p + "mlp.c_proj.weight"] = r(4 * d, d)
        sd[p + "mlp.c_proj.bias"] = r(d, sc=0.1)
    sd["ln_f.weight"] = 1 + r(d, sc=0.1)
    sd["ln_f.bias"] = r(d, sc=0.1)
    return sd


def rounded(sd, dtype):
    t = {"F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16}[dtype]
    return {k: v.to(t).to(torch.float32) for k, v in sd.items()}


def to_book(sd, d, head):
    """The book's GPTModel names, nn.Linear layout ([out, in])."""
    b = {"tok_emb.weight": sd["wte.weight"], "pos_emb.weight": sd["wpe.weight"]}
    for i in range(L):
        p, q = f"h.{i}.", f"trf_blocks.{i}."
        W = sd[p + "attn.c_attn.weight"]
        for j, n in enumerate(("W_query", "W_key", "W_value")):
            b[q + f"att.{n}.weight"] = W[:, j * d:(j + 1) * d].T.contiguous()
            if p + "attn.c_attn.bias" in sd:
                b[q + f"att.{n}.bias"] = sd[p + "attn.c_attn.bias"][j * d:(j + 1) * d].clone()
        b[q + "att.out_proj.weight"] = sd[p + "attn.c_proj.weight"].T.contiguous()
        b[q + "att.out_proj.bias"] = sd[p + "attn.c_proj.bias"]
        b[q + "ff.layers.0.weight"] = sd[p + "mlp.c_fc.weight"].T.contiguous()
        b[q + "ff.layers.0.bias"] = sd[p + "mlp.c_fc.bias"]
        b[q + "ff.layers.2.weight"] = sd[p + "mlp.c_proj.weight"].T.contiguous()
        b[q + "ff.layers.2.bias"] = sd[p + "mlp.c_proj.bias"]
        b[q + "norm1.scale"] = sd[p + "ln_1.weight"]
        b[q + "norm1.shift"] = sd[p + "ln_1.bias"]
        b[q + "norm2.scale"] = sd[p + "ln_2.weight"]
        b[q + "norm2.shift"] = sd[p + "ln_2.bias"]
    b["final_norm.scale"] = sd["ln_f.weight"]
    b["final_norm.shift"] = sd["ln_f.bias"]
    b["out_head.weight"] = head.clone()
    return b


def raw(t, dtype):
    if dtype == "F32":
        return t.contiguous().numpy().astype("<f4").tobytes()
    if dtype == "F16":
        return t.to(torch.float16).contiguous().numpy().astype("<f2").tobytes()
    if dtype == "BF16":
        return t.to(torch.bfloat16).view(torch.int16).contiguous().numpy().astype("<i2").tobytes()
    raise ValueError(dtype)


def write_safetensors(path, sd, dtype="F32", pad=True, extra=None):
    """pad=False leaves the data region at an offset that is not a multiple of 4."""
    items = [(k, sd[k], dtype) for k in sorted(sd)] + [(k, v, "F32") for k, v in sorted((extra or {}).items())]
    hdr, off, blobs = {"__metadata__": {"format": "pt"}}, 0, []
    for k, t, dt in items:
        b = raw(t, dt)
        hdr[k] = {"dtype": dt, "shape": list(t.shape), "data_offsets": [off, off + len(b)]}
        off += len(b)
        blobs.append(b)
    h = json.dumps(hdr, separators=(",", ":")).encode()
    if pad:
        h += b" " * ((8 - len(h) % 8) % 8)
    elif len(h) % 4 == 0:
        h += b" "
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)) + h + b"".join(blobs))


def write_config(folder, d, H):
    cfg = {"model_type": "gpt2", "vocab_size": V, "n_embd": d, "n_head": H, "n_layer": L,
           "n_positions": P, "n_ctx": P, "layer_norm_epsilon": 1e-5, "activation_function": "gelu_new"}
    with open(os.path.join(folder, "config.json"), "w") as f:
        json.dump(cfg, f, indent=2)


def write_hparams(folder, d, H):
    hp = {"n_vocab": V, "n_ctx": P, "n_embd": d, "n_head": H, "n_layer": L}
    with open(os.path.join(folder, "hparams.json"), "w") as f:
        json.dump(hp, f, indent=2)


def write_pth(path, sd, legacy=False):
    """As model.state_dict() saves: an OrderedDict carrying _metadata."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    d = collections.OrderedDict((k, v.clone()) for k, v in sd.items())
    d._metadata = collections.OrderedDict({"": {"version": 1}, "trf_blocks.0": {"version": 1}})
    torch.save(d, path, _use_new_zipfile_serialization=not legacy)


def write_sharded(folder, sd):
    keys = sorted(sd)
    half = len(keys) // 2
    wm = {}
    for n, part in enumerate((keys[:half], keys[half:]), 1):
        name = f"model-0000{n}-of-00002.safetensors"
        write_safetensors(os.path.join(folder, name), {k: sd[k] for k in part}, pad=(n == 1))
        wm.update({k: name for k in part})
    with open(os.path.join(folder, "model.safetensors.index.json"), "w") as f:
        json.dump({"metadata": {"total_size": 0}, "weight_map": wm}, f, indent=1)


def write_hub(hub, repo, sd, d, H):
    base = os.path.join(hub, "models--" + repo.replace("/", "--"))
    sha = hashlib.sha1(repo.encode()).hexdigest()
    snap, blobs = os.path.join(base, "snapshots", sha), os.path.join(base, "blobs")
    for p in (snap, blobs, os.path.join(base, "refs")):
        os.makedirs(p, exist_ok=True)
    with open(os.path.join(base, "refs", "main"), "w") as f:
        f.write(sha)
    write_safetensors(os.path.join(blobs, "tmp"), sd)
    write_config(blobs, d, H)
    for name, tmp in (("model.safetensors", "tmp"), ("config.json", "config.json")):
        src = os.path.join(blobs, tmp)
        h = hashlib.sha256(open(src, "rb").read()).hexdigest()
        os.replace(src, os.path.join(blobs, h))
        os.symlink(os.path.join("..", "..", "blobs", h), os.path.join(snap, name))


def flat(sd):
    return {k: {"shape": list(v.shape), "data": [float(x) for x in v.flatten().tolist()]} for k, v in sd.items()}


def main(out):
    if os.path.isdir(out):
        for e in os.listdir(out):
            p = os.path.join(out, e)
            shutil.rmtree(p) if os.path.isdir(p) and not os.path.islink(p) else os.remove(p)
    os.makedirs(out, exist_ok=True)
    A = weights(1, 8, True)
    g = torch.Generator().manual_seed(3)
    A_head = torch.randn(V, 8, generator=g) * 0.5
    B = weights(2, 12, False)
    g = torch.Generator().manual_seed(4)
    B_head = torch.randn(V, 12, generator=g) * 0.5
    j = lambda *p: os.path.join(out, *p)
    masks = {f"h.{i}.attn.bias": torch.tril(torch.ones(P, P)).view(1, 1, P, P) for i in range(L)}
    masks.update({f"h.{i}.attn.masked_bias": torch.tensor(-1e4) for i in range(L)})
    cases = {}
    write_safetensors(j("hf_f32", "model.safetensors"), A)
    write_config(j("hf_f32"), 8, 2)
    cases["hf_f32"] = {"set": "A_F32", "head": ""}
    write_safetensors(j("hf_f16", "model.safetensors"), A, "F16", pad=False)
    write_config(j("hf_f16"), 8, 2)
    cases["hf_f16"] = {"set": "A_F16", "head": ""}
    write_safetensors(j("hf_bf16", "model.safetensors"), A, "BF16")
    cases["hf_bf16"] = {"set": "A_BF16", "head": ""}
    pre = {"transformer." + k: v for k, v in A.items()}
    pre["lm_head.weight"] = A_head
    write_safetensors(j("hf_prefix", "model.safetensors"), pre, pad=False,
                      extra={"transformer." + k: v for k, v in masks.items()})
    write_config(j("hf_prefix"), 8, 2)
    cases["hf_prefix"] = {"set": "A_F32", "head": "A_head"}
    write_pth(j("hf_bin", "pytorch_model.bin"), dict(A, **masks))
    write_config(j("hf_bin"), 8, 2)
    cases["hf_bin"] = {"set": "A_F32", "head": ""}
    write_sharded(j("sharded"), A)
    write_config(j("sharded"), 8, 2)
    cases["sharded"] = {"set": "A_F32", "head": ""}
    write_hub(j("hub"), "openai-community/tiny-gpt2", A, 8, 2)
    cases["hub"] = {"set": "A_F32", "head": ""}

    write_safetensors(j("book_st", "model.safetensors"), to_book(A, 8, A["wte.weight"]))
    write_hparams(j("book_st"), 8, 2)
    cases["book_st"] = {"set": "A_F32", "head": ""}
    bmask = {f"trf_blocks.{i}.att.mask": torch.triu(torch.ones(P, P), diagonal=1) for i in range(L)}
    Bb = dict(to_book(B, 12, B_head), **bmask)
    write_pth(j("book_pth", "model.pth"), Bb)
    write_pth(j("book_legacy", "model.pth"), Bb, legacy=True)
    write_hparams(j("book_legacy"), 12, 3)
    cases["book_pth"] = cases["book_legacy"] = {"set": "B", "head": "B_head"}
    sets = {"A_F32": flat(A), "A_F16": flat(rounded(A, "F16")), "A_BF16": flat(rounded(A, "BF16")), "B": flat(B)}
    heads = {"A_head": flat({"h": A_head})["h"], "B_head": flat({"h": B_head})["h"]}
    expected = {"cases": cases, "sets": sets, "heads": heads}
    with open(j("expected.json"), "w") as f:
        json.dump(expected, f, separators=(",", ":"))
    print(f"{len(cases)} cases written to {out}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
