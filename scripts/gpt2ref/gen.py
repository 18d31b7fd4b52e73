#!/usr/bin/python3
"""Tiny seeded GPT-2 models and their PyTorch forward passes, for compute's GPT-2 tests.

Writes compute/testdata/gpt2_<name>.json for each case below: the model's configuration, every
weight (Hugging Face GPT-2 layout, Conv1D: y = x·W + b), the token ids, and what PyTorch computes
from them in float32: every layer's attention probabilities [H, T, T], queries/keys/values of
layer 0 [H, T, hd], the final LayerNorm output [T, d], the last position's logits [V], the five
most likely next tokens with their softmax probabilities, and the five head scores [L, H].

Float tensors are stored as base64 of little-endian float32 (exact and compact); small ones as
JSON numbers too. Each file also records, per tensor, the largest difference between this float32
forward pass and the same pass in float64: the noise floor any float32 implementation lives with.

    /usr/bin/python3 scripts/gpt2ref/gen.py        # from the repository root
"""
import base64
import json
import math
import os

import torch

CASES = [
    # name, seed, V, d, H, L, ctx, qkv_bias, ids
    dict(name="tiny", seed=11, V=97, d=16, H=4, L=2, ctx=32, qkv_bias=True,
         ids=[5, 17, 42, 8, 5, 17, 42, 8, 90, 3, 5, 17, 42, 8, 60, 3, 3, 71, 5, 17]),
    dict(name="nobias", seed=23, V=97, d=24, H=3, L=2, ctx=32, qkv_bias=False,
         ids=[(i * 37 + 11) % 97 if i % 9 < 6 else (i * 5) % 13 for i in range(32)]),
]


def make_weights(c):
    """Random GPT-2 weights under Hugging Face names, float32, scaled so attention is neither flat
    nor one-hot."""
    g = torch.Generator().manual_seed(c["seed"])
    V, d, L, ctx = c["V"], c["d"], c["L"], c["ctx"]
    r = lambda *s, sc: torch.randn(*s, generator=g) * sc
    sd = {"wte.weight": r(V, d, sc=0.5), "wpe.weight": r(ctx, d, sc=0.2)}
    for i in range(L):
        p = f"h.{i}."
        sd[p + "ln_1.weight"] = 1 + r(d, sc=0.1)
        sd[p + "ln_1.bias"] = r(d, sc=0.1)
        sd[p + "attn.c_attn.weight"] = r(d, 3 * d, sc=3 / math.sqrt(d))
        sd[p + "attn.c_attn.bias"] = r(3 * d, sc=0.2) if c["qkv_bias"] else torch.zeros(3 * d)
        sd[p + "attn.c_proj.weight"] = r(d, d, sc=1 / math.sqrt(d))
        sd[p + "attn.c_proj.bias"] = r(d, sc=0.1)
        sd[p + "ln_2.weight"] = 1 + r(d, sc=0.1)
        sd[p + "ln_2.bias"] = r(d, sc=0.1)
        sd[p + "mlp.c_fc.weight"] = r(d, 4 * d, sc=1 / math.sqrt(d))
        sd[p + "mlp.c_fc.bias"] = r(4 * d, sc=0.1)
        sd[p + "mlp.c_proj.weight"] = r(4 * d, d, sc=0.5 / math.sqrt(d))
        sd[p + "mlp.c_proj.bias"] = r(d, sc=0.1)
    sd["ln_f.weight"] = 1 + r(d, sc=0.1)
    sd["ln_f.bias"] = r(d, sc=0.1)
    return sd


def gelu_tanh(x):
    return 0.5 * x * (1 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3))))


def forward(sd, ids, H, eps=1e-5):
    """GPT-2 in eval mode, as Hugging Face's GPT2LMHeadModel computes it (tied head)."""
    d = sd["wte.weight"].shape[1]
    L = sum(1 for k in sd if k.endswith(".ln_1.weight"))
    T, hd = len(ids), d // H
    ln = lambda x, a, b: torch.nn.functional.layer_norm(x, (d,), a, b, eps)
    x = sd["wte.weight"][ids] + sd["wpe.weight"][:T]
    causal = torch.tril(torch.ones(T, T, dtype=torch.bool))
    atts, qkvs = [], []
    for i in range(L):
        p = f"h.{i}."
        h = ln(x, sd[p + "ln_1.weight"], sd[p + "ln_1.bias"])
        qkv = h @ sd[p + "attn.c_attn.weight"] + sd[p + "attn.c_attn.bias"]
        q, k, v = (t.view(T, H, hd).permute(1, 0, 2) for t in qkv.split(d, dim=-1))
        qkvs.append((q, k, v))
        s = (q @ k.transpose(-1, -2)) / math.sqrt(hd)
        a = torch.softmax(s.masked_fill(~causal, -math.inf), dim=-1)
        atts.append(a)
        o = (a @ v).permute(1, 0, 2).reshape(T, d)
        x = x + o @ sd[p + "attn.c_proj.weight"] + sd[p + "attn.c_proj.bias"]
        h = ln(x, sd[p + "ln_2.weight"], sd[p + "ln_2.bias"])
        m = gelu_tanh(h @ sd[p + "mlp.c_fc.weight"] + sd[p + "mlp.c_fc.bias"])
        x = x + m @ sd[p + "mlp.c_proj.weight"] + sd[p + "mlp.c_proj.bias"]
    final = ln(x, sd["ln_f.weight"], sd["ln_f.bias"])
    return atts, qkvs, final, final[-1] @ sd["wte.weight"].T


def head_scores(atts, ids):
    """The five per-head scores [L, H]: detectors are sum(A⊙P)/sum(A) over the whole pattern."""
    T = len(ids)
    prev = torch.zeros(T, T, dtype=torch.float64)
    dup = torch.zeros(T, T, dtype=torch.float64)
    ind = torch.zeros(T, T, dtype=torch.float64)
    for i in range(T):
        if i > 0:
            prev[i, i - 1] = 1
        for j in range(i):
            if ids[j] == ids[i]:
                dup[i, j] = 1
        for j in range(1, i + 1):
            if ids[j - 1] == ids[i]:
                ind[i, j] = 1
    out = {k: [] for k in ("previous_token", "duplicate_token", "induction", "first_token", "entropy")}
    for a in atts:
        a = a.double()
        tot = a.sum(dim=(1, 2))
        out["previous_token"].append(((a * prev).sum(dim=(1, 2)) / tot).tolist())
        out["duplicate_token"].append(((a * dup).sum(dim=(1, 2)) / tot).tolist())
        out["induction"].append(((a * ind).sum(dim=(1, 2)) / tot).tolist())
        out["first_token"].append(a[:, :, 0].mean(dim=1).tolist())
        plogp = torch.where(a > 0, a * torch.log(a), torch.zeros_like(a))
        out["entropy"].append((-plogp.sum(dim=2)).mean(dim=1).tolist())
    return out


def enc(t):
    t = t.detach().to(torch.float32).contiguous()
    return {"shape": list(t.shape), "f32": base64.b64encode(t.numpy().astype("<f4").tobytes()).decode()}


def maxdiff(a, b):
    return float((a.double() - b.double()).abs().max())


def build(c):
    sd = make_weights(c)
    ids = c["ids"]
    atts, qkvs, final, logits = forward(sd, ids, c["H"])
    atts64, _, final64, logits64 = forward({k: v.double() for k, v in sd.items()}, ids, c["H"])
    probs = torch.softmax(logits.double(), dim=-1)
    top = torch.topk(logits, 6)
    gaps = (top.values[:-1] - top.values[1:]).tolist()
    assert min(gaps) > 1e-3, f"top-5 logits too close to order reliably: {gaps}"
    q, k, v = qkvs[0]
    return {
        "config": {k: c[k] for k in ("V", "d", "H", "L", "ctx", "qkv_bias")} | {"eps": 1e-5},
        "ids": ids,
        "weights": {n: enc(t) for n, t in sorted(sd.items())},
        "expected": {
            "attentions": [enc(a) for a in atts],
            "layer0": {"queries": enc(q), "keys": enc(k), "values": enc(v)},
            "final": enc(final),
            "logits": enc(logits),
            "next_ids": top.indices[:5].tolist(),
            "next_probs": probs[top.indices[:5]].tolist(),
            "metrics": head_scores(atts, ids),
        },
        "float32_vs_float64": {
            "attentions": max(maxdiff(a, b) for a, b in zip(atts, atts64)),
            "final": maxdiff(final, final64),
            "logits": maxdiff(logits, logits64),
        },
        "torch": torch.__version__,
    }


def main():
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "compute", "testdata")
    torch.set_num_threads(1)
    for c in CASES:
        doc = build(c)
        path = os.path.join(root, f"gpt2_{c['name']}.json")
        with open(path, "w") as f:
            json.dump(doc, f, indent=1)
            f.write("\n")
        print(f"wrote {os.path.relpath(path)}: {os.path.getsize(path)} bytes, float32 vs float64 {doc['float32_vs_float64']}")


if __name__ == "__main__":
    main()
