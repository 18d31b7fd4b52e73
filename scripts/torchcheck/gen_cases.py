#!/usr/bin/env python3
"""gen_cases.py: expected `attnscope export` documents for random non-book configurations, from PyTorch.

For each case a random configuration (text, encoding, d_in 3-16, d_out, heads, init, qkv-bias, seed,
dropout, dropout seed) is run through chapter 3's own PyTorch classes (SelfAttention_v1/v2,
CausalAttention, MultiHeadAttentionWrapper, MultiHeadAttention, copied below as the book has them),
seeded as SPEC §3 says (each module: torch.manual_seed(--seed), build, [reseed --dropout-seed],
forward), and every SPEC §5 tensor is written, in the format of shared/ref/book_cases.json, so that

    python3 ../shared/ref/check_export.py ./attnscope testdata/torch_cases.json

checks the whole Go pipeline (tokens, embedding inputs, weights, masks and everything downstream)
on inputs the book never printed.

Texts and their token ids/bytes come from shared/ref/tokenizer/expected.jsonl (OpenAI tiktoken's
output, "ordinary" mode, non-holdout entries without special-token text), because tiktoken itself
is not installable here. The inputs are torch.manual_seed(seed); nn.Embedding(n_vocab, d_in)
.weight[ids] (SPEC §2).

Only the non-MKL dropout path (--dropout-rng torch) is generated: Debian's torch has no MKL, so
the legacy MKL Bernoulli path cannot be produced by PyTorch here.

Needs PyTorch with the AVX2 kernel (Debian: apt-get install -y python3-torch; run with
/usr/bin/python3). Deterministic: the same --seed gives the same file.

    /usr/bin/python3 scripts/torchcheck/gen_cases.py [--n 12] [--seed 2026] \
        [--tokens ../shared/ref/tokenizer/expected.jsonl] [--out testdata/torch_cases.json]
"""
import argparse
import json
import math
import os
import random
import sys

import numpy
import torch
import torch.nn as nn

N_VOCAB = {"gpt2": 50257, "r50k_base": 50257, "p50k_base": 50281, "cl100k_base": 100277,
           "o200k_base": 200019}
BOOK_TEXT = "Your journey starts with one step"


# ---- chapter 3's classes, as the book has them -------------------------------------------------

class SelfAttention_v1(nn.Module):
    def __init__(self, d_in, d_out):
        super().__init__()
        self.W_query = nn.Parameter(torch.rand(d_in, d_out))
        self.W_key = nn.Parameter(torch.rand(d_in, d_out))
        self.W_value = nn.Parameter(torch.rand(d_in, d_out))

    def forward(self, x):
        keys = x @ self.W_key
        queries = x @ self.W_query
        values = x @ self.W_value
        attn_scores = queries @ keys.T  # omega
        attn_weights = torch.softmax(attn_scores / keys.shape[-1]**0.5, dim=-1)
        context_vec = attn_weights @ values
        return context_vec


class SelfAttention_v2(nn.Module):
    def __init__(self, d_in, d_out, qkv_bias=False):
        super().__init__()
        self.W_query = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.W_key = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.W_value = nn.Linear(d_in, d_out, bias=qkv_bias)

    def forward(self, x):
        keys = self.W_key(x)
        queries = self.W_query(x)
        values = self.W_value(x)
        attn_scores = queries @ keys.T
        attn_weights = torch.softmax(attn_scores / keys.shape[-1]**0.5, dim=-1)
        context_vec = attn_weights @ values
        return context_vec


class CausalAttention(nn.Module):
    def __init__(self, d_in, d_out, context_length, dropout, qkv_bias=False):
        super().__init__()
        self.d_out = d_out
        self.W_query = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.W_key = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.W_value = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.dropout = nn.Dropout(dropout)  # New
        self.register_buffer('mask', torch.triu(torch.ones(context_length, context_length), diagonal=1))  # New

    def forward(self, x):
        b, num_tokens, d_in = x.shape  # New batch dimension b
        keys = self.W_key(x)
        queries = self.W_query(x)
        values = self.W_value(x)
        attn_scores = queries @ keys.transpose(1, 2)  # Changed transpose
        attn_scores.masked_fill_(  # New, _ ops are in-place
            self.mask.bool()[:num_tokens, :num_tokens], -torch.inf)
        attn_weights = torch.softmax(attn_scores / keys.shape[-1]**0.5, dim=-1)
        attn_weights = self.dropout(attn_weights)  # New
        context_vec = attn_weights @ values
        return context_vec


class MultiHeadAttentionWrapper(nn.Module):
    def __init__(self, d_in, d_out, context_length, dropout, num_heads, qkv_bias=False):
        super().__init__()
        self.heads = nn.ModuleList(
            [CausalAttention(d_in, d_out, context_length, dropout, qkv_bias)
             for _ in range(num_heads)]
        )

    def forward(self, x):
        return torch.cat([head(x) for head in self.heads], dim=-1)


class MultiHeadAttention(nn.Module):
    def __init__(self, d_in, d_out, context_length, dropout, num_heads, qkv_bias=False):
        super().__init__()
        assert (d_out % num_heads == 0), "d_out must be divisible by num_heads"
        self.d_out = d_out
        self.num_heads = num_heads
        self.head_dim = d_out // num_heads
        self.W_query = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.W_key = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.W_value = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.out_proj = nn.Linear(d_out, d_out)
        self.dropout = nn.Dropout(dropout)
        self.register_buffer("mask", torch.triu(torch.ones(context_length, context_length), diagonal=1))

    def forward(self, x):
        b, num_tokens, d_in = x.shape
        keys = self.W_key(x)
        queries = self.W_query(x)
        values = self.W_value(x)
        keys = keys.view(b, num_tokens, self.num_heads, self.head_dim)
        values = values.view(b, num_tokens, self.num_heads, self.head_dim)
        queries = queries.view(b, num_tokens, self.num_heads, self.head_dim)
        keys = keys.transpose(1, 2)
        queries = queries.transpose(1, 2)
        values = values.transpose(1, 2)
        attn_scores = queries @ keys.transpose(2, 3)
        mask_bool = self.mask.bool()[:num_tokens, :num_tokens]
        attn_scores.masked_fill_(mask_bool, -torch.inf)
        attn_weights = torch.softmax(attn_scores / keys.shape[-1]**0.5, dim=-1)
        attn_weights = self.dropout(attn_weights)
        context_vec = (attn_weights @ values).transpose(1, 2)
        context_vec = context_vec.contiguous().view(b, num_tokens, self.d_out)
        context_vec = self.out_proj(context_vec)
        return context_vec


# ---- helpers -----------------------------------------------------------------------------------

def tensor_json(t):
    t = t.detach().to(torch.float32)

    def conv(v):
        if isinstance(v, list):
            return [conv(x) for x in v]
        if math.isinf(v):
            return "-Inf" if v < 0 else "Inf"
        if math.isnan(v):
            return "NaN"
        return float(repr(numpy.float32(v)))  # shortest decimal that reads back as the float32

    return {"shape": list(t.shape), "data": conv(t.tolist())}


def dropout_with_mask(dropout, w):
    """Applies the module's dropout to w and returns (mask, dropped); mask 1 = kept.

    The mask is read by replaying the same draws on a tensor of ones (the draws depend only on
    w's size and p), then the real dropout runs from the same generator state.
    """
    if not dropout.training or dropout.p == 0:
        return torch.ones_like(w), dropout(w)
    state = torch.get_rng_state()
    mask = (dropout(torch.ones_like(w)) != 0).to(torch.float32)
    torch.set_rng_state(state)
    return mask, dropout(w)


def causal_steps(x, queries, keys, values, dropout):
    """CausalAttention.forward op for op on one batch element, keeping every intermediate."""
    T = x.shape[0]
    attn_scores = queries.unsqueeze(0) @ keys.unsqueeze(0).transpose(1, 2)
    mask = torch.triu(torch.ones(T, T), diagonal=1)
    attn_scores.masked_fill_(mask.bool(), -torch.inf)
    causal_weights = torch.softmax(attn_scores / keys.shape[-1]**0.5, dim=-1)
    dmask, dropped = dropout_with_mask(dropout, causal_weights)
    context = dropped @ values.unsqueeze(0)
    return {"causal_mask": mask, "masked_scores": attn_scores[0], "causal_weights": causal_weights[0],
            "dropout_mask": dmask[0], "dropped_weights": dropped[0], "causal_context": context[0]}


def reseed_for_dropout(cfg):
    if cfg["dropout_seed"] is not None:
        torch.manual_seed(cfg["dropout_seed"])


def linear_w(lin):
    return lin.weight.detach().T  # SPEC §5: W is d_in x d_out, Q = X·W


# ---- one configuration -------------------------------------------------------------------------

def inputs_for(cfg, ids):
    if cfg["text"] == BOOK_TEXT and cfg["d_in"] == 3:
        return torch.tensor([[0.43, 0.15, 0.89], [0.55, 0.87, 0.66], [0.57, 0.85, 0.64],
                             [0.22, 0.58, 0.33], [0.77, 0.25, 0.10], [0.05, 0.80, 0.55]])
    torch.manual_seed(cfg["seed"])
    emb = nn.Embedding(N_VOCAB[cfg["encoding"]], cfg["d_in"])
    return emb.weight.detach()[torch.tensor(ids)].clone()


def compute(cfg, ids):
    d_in, d_out, heads, p = cfg["d_in"], cfg["d_out"], cfg["heads"], cfg["dropout"]
    bias = cfg["qkv_bias"]
    x = inputs_for(cfg, ids)
    T = x.shape[0]
    out = {"inputs": x}

    # simplified self-attention
    scores = x @ x.T
    weights = torch.softmax(scores, dim=-1)
    out["simple.attn_scores"] = scores
    out["simple.attn_weights"] = weights
    out["simple.context"] = weights @ x

    # single: SelfAttention_v1 (rand) or SelfAttention_v2/CausalAttention (linear)
    torch.manual_seed(cfg["seed"])
    if cfg["init"] == "rand":
        sa = SelfAttention_v1(d_in, d_out)
        Wq, Wk, Wv = sa.W_query.detach(), sa.W_key.detach(), sa.W_value.detach()
        q, k, v = x @ Wq, x @ Wk, x @ Wv
        drop = nn.Dropout(p)
        ref_context = sa(x).detach()
    else:
        ca = CausalAttention(d_in, d_out, T, p, bias)
        Wq, Wk, Wv = linear_w(ca.W_query), linear_w(ca.W_key), linear_w(ca.W_value)
        q, k, v = ca.W_query(x).detach(), ca.W_key(x).detach(), ca.W_value(x).detach()
        drop = ca.dropout
        after_init = torch.get_rng_state()
        sa2 = SelfAttention_v2(d_in, d_out, bias)  # a check only: its init draws must not count
        torch.set_rng_state(after_init)
        sa2.load_state_dict({n: t for n, t in ca.state_dict().items() if n.startswith("W_")})
        ref_context = sa2(x).detach()
        if bias:
            out["single.b_query"] = ca.W_query.bias.detach()
            out["single.b_key"] = ca.W_key.bias.detach()
            out["single.b_value"] = ca.W_value.bias.detach()
    out["single.W_query"], out["single.W_key"], out["single.W_value"] = Wq, Wk, Wv
    out["single.queries"], out["single.keys"], out["single.values"] = q, k, v
    attn_scores = q @ k.T
    scaled = attn_scores / k.shape[-1]**0.5
    attn_weights = torch.softmax(scaled, dim=-1)
    out["single.attn_scores"] = attn_scores
    out["single.scaled_scores"] = scaled
    out["single.attn_weights"] = attn_weights
    out["single.context"] = attn_weights @ v
    assert torch.allclose(out["single.context"], ref_context, atol=1e-6), "single context"
    mask_simple = torch.tril(torch.ones(T, T))
    masked_simple = attn_weights * mask_simple
    out["single.causal_weights_renorm"] = masked_simple / masked_simple.sum(dim=-1, keepdim=True)
    reseed_for_dropout(cfg)
    state = torch.get_rng_state()
    steps = causal_steps(x, q, k, v, drop)
    for name, t in steps.items():
        out["single." + name] = t
    if cfg["init"] == "linear":  # the module's own forward must agree exactly
        torch.set_rng_state(state)
        assert torch.equal(ca(x.unsqueeze(0))[0].detach(), steps["causal_context"].detach()), "causal"

    # wrapper: heads CausalAttention modules, linear init
    torch.manual_seed(cfg["seed"])
    wr = MultiHeadAttentionWrapper(d_in, d_out, T, p, heads, bias)
    reseed_for_dropout(cfg)
    state = torch.get_rng_state()
    contexts = []
    for h, head in enumerate(wr.heads):
        out[f"wrapper.head{h}.W_query"] = linear_w(head.W_query)
        out[f"wrapper.head{h}.W_key"] = linear_w(head.W_key)
        out[f"wrapper.head{h}.W_value"] = linear_w(head.W_value)
        if bias:
            out[f"wrapper.head{h}.b_query"] = head.W_query.bias.detach()
            out[f"wrapper.head{h}.b_key"] = head.W_key.bias.detach()
            out[f"wrapper.head{h}.b_value"] = head.W_value.bias.detach()
        s = causal_steps(x, head.W_query(x).detach(), head.W_key(x).detach(), head.W_value(x).detach(),
                         head.dropout)
        out[f"wrapper.head{h}.weights"] = s["dropped_weights"]
        contexts.append(s["causal_context"])
    out["wrapper.context"] = torch.cat(contexts, dim=-1)
    torch.set_rng_state(state)
    assert torch.equal(wr(x.unsqueeze(0))[0].detach(), out["wrapper.context"]), "wrapper"

    # mha: the efficient MultiHeadAttention
    torch.manual_seed(cfg["seed"])
    mha = MultiHeadAttention(d_in, d_out, T, p, heads, bias)
    reseed_for_dropout(cfg)
    state = torch.get_rng_state()
    hd = d_out // heads
    out["mha.W_query"], out["mha.W_key"], out["mha.W_value"] = (
        linear_w(mha.W_query), linear_w(mha.W_key), linear_w(mha.W_value))
    if bias:
        out["mha.b_query"] = mha.W_query.bias.detach()
        out["mha.b_key"] = mha.W_key.bias.detach()
        out["mha.b_value"] = mha.W_value.bias.detach()
    out["mha.out_proj.W"] = linear_w(mha.out_proj)
    out["mha.out_proj.b"] = mha.out_proj.bias.detach()
    xb = x.unsqueeze(0)
    keys = mha.W_key(xb).view(1, T, heads, hd).transpose(1, 2)
    queries = mha.W_query(xb).view(1, T, heads, hd).transpose(1, 2)
    values = mha.W_value(xb).view(1, T, heads, hd).transpose(1, 2)
    scores = queries @ keys.transpose(2, 3)
    scores.masked_fill_(torch.triu(torch.ones(T, T), diagonal=1).bool(), -torch.inf)
    w = torch.softmax(scores / keys.shape[-1]**0.5, dim=-1)
    dmask, dropped = dropout_with_mask(mha.dropout, w)
    ctx = dropped @ values
    concat = ctx.transpose(1, 2).contiguous().view(1, T, d_out)
    output = mha.out_proj(concat)
    out["mha.queries"], out["mha.keys"], out["mha.values"] = queries[0], keys[0], values[0]
    out["mha.masked_scores"] = scores[0]
    out["mha.attn_weights"] = w[0]
    out["mha.dropout_mask"] = dmask[0]
    out["mha.dropped_weights"] = dropped[0]
    out["mha.context"] = ctx[0]
    out["mha.concat"] = concat[0]
    out["mha.output"] = output[0]
    torch.set_rng_state(state)
    assert torch.equal(mha(xb)[0].detach(), output[0].detach()), "mha"
    return out


def random_config(rng, entries, d_in_min=3):
    e = rng.choice(entries)
    heads = rng.choice([1, 2, 2, 3, 4])
    d_out = heads * rng.randint(1, 4)
    init = rng.choice(["rand", "linear", "linear"])
    p = rng.choice([0.0, 0.1, 0.25, 0.5, 0.5, 0.75])
    return {
        "text": e["text"], "encoding": e["encoding"],
        "d_in": rng.randint(d_in_min, 16), "d_out": d_out, "heads": heads, "init": init,
        "qkv_bias": init == "linear" and rng.random() < 0.5,
        "seed": rng.choice([0, 1, 7, 123, 789, 2024, rng.randrange(2**32)]),
        "dropout": p,
        "dropout_seed": rng.choice([None, None, 123, rng.randrange(1000)]) if p > 0 else None,
    }, e


def flags(cfg):
    f = ["--text=" + cfg["text"], "--encoding", cfg["encoding"], "--d-in", str(cfg["d_in"]),
         "--d-out", str(cfg["d_out"]), "--heads", str(cfg["heads"]), "--init", cfg["init"],
         "--seed", str(cfg["seed"]), "--dropout", repr(cfg["dropout"]), "--dropout-rng", "torch"]
    if cfg["qkv_bias"]:
        f.append("--qkv-bias")
    if cfg["dropout_seed"] is not None:
        f += ["--dropout-seed", str(cfg["dropout_seed"])]
    return f


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(os.path.dirname(here))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=16, help="number of random cases")
    ap.add_argument("--seed", type=int, default=2026, help="seed of the configuration draw")
    ap.add_argument("--max-tokens", type=int, default=12)
    ap.add_argument("--no-edge", dest="edge", action="store_false", help="leave out the fixed edge cases")
    ap.add_argument("--tokens", default=os.path.join(repo, "..", "shared", "ref", "tokenizer", "expected.jsonl"))
    ap.add_argument("--out", default=os.path.join(repo, "testdata", "torch_cases.json"))
    a = ap.parse_args()

    torch.set_num_threads(1)
    cap = next((l.split(":")[1].strip() for l in torch.__config__.show().splitlines()
                if "CPU capability usage" in l), "?")
    if cap != "AVX2":
        sys.exit(f"gen_cases.py: torch uses the {cap} kernel; the expected inputs need AVX2")
    with open(a.tokens, encoding="utf-8") as f:
        rows = [json.loads(l) for l in f]
    entries = [r for r in rows if r["mode"] == "ordinary" and not r["holdout"] and "<|" not in r["text"]
               and 2 <= len(r["ids"]) <= a.max_tokens and r["text"] != BOOK_TEXT]
    by_enc = {enc: [r for r in entries if r["encoding"] == enc] for enc in N_VOCAB}
    others = ["cl100k_base", "o200k_base", "p50k_base", "r50k_base"]
    book = [r for r in rows if r["encoding"] == "gpt2" and r["mode"] == "ordinary" and r["text"] == BOOK_TEXT]
    rng = random.Random(a.seed)
    cases = []
    plan = []  # (prefix, config, tokenizer entry, what)
    for i in range(a.n):
        if i == 0:  # the book's sentence, but not the book's table: d_in 4..16 draws it from nn.Embedding
            cfg, e = random_config(rng, book, d_in_min=4)
        else:  # mostly gpt2 (the default encoding); every fourth case another encoding
            pool = by_enc[others[(i // 4) % 4]] if i % 4 == 3 else by_enc["gpt2"]
            if i % 2 == 0:  # every other case a longer text (at least 6 tokens)
                pool = [r for r in pool if len(r["ids"]) >= 6]
            cfg, e = random_config(rng, pool)
        plan.append((f"torch_{i:02d}", cfg, e, "random non-book configuration"))
    if a.edge:
        one = [r for r in rows if r["encoding"] == "gpt2" and r["mode"] == "ordinary" and not r["holdout"]
               and len(r["ids"]) == 1 and "<|" not in r["text"]]
        long_o200k = [r for r in by_enc["o200k_base"] if len(r["ids"]) >= 8]
        base = {"init": "linear", "qkv_bias": False, "seed": 123, "dropout": 0.0, "dropout_seed": None}
        edges = [
            ("a single token (T = 1)", rng.choice(one),
             dict(base, d_in=4, d_out=1, heads=1, dropout=0.5)),
            ("head_dim 1 (d_out = heads = 4), rand init, dropout 0.9", rng.choice(by_enc["gpt2"]),
             dict(base, d_in=5, d_out=4, heads=4, init="rand", dropout=0.9, seed=7)),
            ("d_in 64: 3.2 M+ draws before the rows (crosses the generator checkpoints), bias, dropout 0.2",
             rng.choice(long_o200k), dict(base, d_in=64, d_out=4, heads=2, qkv_bias=True, dropout=0.2,
                                          seed=2**32 + 123, dropout_seed=5)),
        ]
        for k, (what, e, cfg) in enumerate(edges):
            cfg = dict(cfg, text=e["text"], encoding=e["encoding"])
            plan.append((f"edge_{k}", cfg, e, what))
    for prefix, cfg, e, what in plan:
        out = compute(cfg, e["ids"])
        tokens = [{"id": t, "bytes_hex": pc["hex"]} for t, pc in zip(e["ids"], e["pieces"])]
        cases.append({
            "name": f"{prefix}_{cfg['encoding']}_d{cfg['d_in']}_o{cfg['d_out']}_h{cfg['heads']}_{cfg['init']}"
                    + ("_bias" if cfg["qkv_bias"] else "") + (f"_p{cfg['dropout']:g}" if cfg["dropout"] else ""),
            "what": what + "; expected from chapter 3's PyTorch classes",
            "config": cfg,
            "flags": flags(cfg),
            "expected": {"tokens": tokens, "tensors": {n: tensor_json(t) for n, t in out.items()}},
        })
        print(cases[-1]["name"], file=sys.stderr)
    doc = {
        "what": "random non-book configurations; expected tensors from chapter 3's PyTorch classes "
                "(scripts/torchcheck/gen_cases.py)",
        "generator": f"/usr/bin/python3 scripts/torchcheck/gen_cases.py --n {a.n} --seed {a.seed}"
                     + ("" if a.edge else " --no-edge"),
        "torch": torch.__version__, "cpu_capability": cap,
        "checker": "python3 ../shared/ref/check_export.py ./attnscope testdata/torch_cases.json",
        "tolerances": {"default": 1e-05, "rtol": 1e-05, "rng_weights": 1e-07, "inputs": 1e-05},
        "cases": cases,
    }
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(a.out, "w", encoding="utf-8") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
