#!/usr/bin/env python3
"""torch_xcheck.py BINARY [SEED] [N]: export N random configurations with BINARY and
compare single/wrapper/mha tensors with the book's PyTorch modules (CausalAttention,
MultiHeadAttentionWrapper, MultiHeadAttention) built as SPEC §3 says:
torch.manual_seed(seed); m = M(...); [torch.manual_seed(dropout_seed)]; m(x), x = the exported inputs.
Weights exactly, the rest within 1e-5 + 1e-5*max. Needs torch (Debian python3-torch: non-MKL
Bernoulli path, i.e. --dropout-rng torch)."""
import json, subprocess, sys, math
import torch, torch.nn as nn

class CausalAttention(nn.Module):
    def __init__(self, d_in, d_out, context_length, dropout, qkv_bias=False):
        super().__init__()
        self.d_out = d_out
        self.W_query = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.W_key = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.W_value = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.dropout = nn.Dropout(dropout)
        self.register_buffer('mask', torch.triu(torch.ones(context_length, context_length), diagonal=1))
    def forward(self, x):
        b, num_tokens, d_in = x.shape
        keys = self.W_key(x); queries = self.W_query(x); values = self.W_value(x)
        attn_scores = queries @ keys.transpose(1, 2)
        attn_scores.masked_fill_(self.mask.bool()[:num_tokens, :num_tokens], -torch.inf)
        attn_weights = torch.softmax(attn_scores / keys.shape[-1]**0.5, dim=-1)
        self.w = attn_weights
        attn_weights = self.dropout(attn_weights)
        self.dw = attn_weights
        return attn_weights @ values

class Wrapper(nn.Module):
    def __init__(self, d_in, d_out, context_length, dropout, num_heads, qkv_bias=False):
        super().__init__()
        self.heads = nn.ModuleList([CausalAttention(d_in, d_out, context_length, dropout, qkv_bias) for _ in range(num_heads)])
    def forward(self, x):
        return torch.cat([head(x) for head in self.heads], dim=-1)

class MHA(nn.Module):
    def __init__(self, d_in, d_out, context_length, dropout, num_heads, qkv_bias=False):
        super().__init__()
        self.d_out = d_out; self.num_heads = num_heads; self.head_dim = d_out // num_heads
        self.W_query = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.W_key = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.W_value = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.out_proj = nn.Linear(d_out, d_out)
        self.dropout = nn.Dropout(dropout)
        self.register_buffer("mask", torch.triu(torch.ones(context_length, context_length), diagonal=1))
    def forward(self, x):
        b, num_tokens, d_in = x.shape
        keys = self.W_key(x); queries = self.W_query(x); values = self.W_value(x)
        keys = keys.view(b, num_tokens, self.num_heads, self.head_dim).transpose(1, 2)
        values = values.view(b, num_tokens, self.num_heads, self.head_dim).transpose(1, 2)
        queries = queries.view(b, num_tokens, self.num_heads, self.head_dim).transpose(1, 2)
        attn_scores = queries @ keys.transpose(2, 3)
        attn_scores.masked_fill_(self.mask.bool()[:num_tokens, :num_tokens], -torch.inf)
        attn_weights = torch.softmax(attn_scores / keys.shape[-1]**0.5, dim=-1)
        self.w = attn_weights
        attn_weights = self.dropout(attn_weights)
        self.dw = attn_weights
        ctx = (attn_weights @ values).transpose(1, 2).contiguous().view(b, num_tokens, self.d_out)
        return self.out_proj(ctx)

def run(binary, flags, din, dout, heads, seed, p, dseed, bias, init):
    doc = json.loads(subprocess.run([binary, "export"] + flags, capture_output=True, check=True).stdout)
    T = doc['tensors']
    def t(name):
        def fl(x): return [fl(e) for e in x] if isinstance(x, list) else (-math.inf if x == "-Inf" else x)
        return torch.tensor(fl(T[name]['data']), dtype=torch.float32)
    x = t('inputs').unsqueeze(0)
    n = x.shape[1]
    exp = {}
    # single
    torch.manual_seed(seed)
    if init == 'rand':
        Wq, Wk, Wv = torch.rand(din, dout), torch.rand(din, dout), torch.rand(din, dout)
        exp['single.W_query'] = Wq
        if dseed is not None and p > 0: torch.manual_seed(dseed)
        q, k, v = x[0] @ Wq, x[0] @ Wk, x[0] @ Wv
        s = q @ k.T
        s = s.masked_fill(torch.triu(torch.ones(n, n), 1).bool(), -torch.inf)
        w = torch.softmax(s / k.shape[-1]**0.5, dim=-1)
        dw = nn.Dropout(p)(w)
        exp['single.causal_weights'] = w; exp['single.dropped_weights'] = dw; exp['single.causal_context'] = dw @ v
    else:
        ca = CausalAttention(din, dout, n, p, bias)
        if dseed is not None and p > 0: torch.manual_seed(dseed)
        out = ca(x)
        exp['single.W_query'] = ca.W_query.weight.T.detach()
        exp['single.causal_weights'] = ca.w[0]; exp['single.dropped_weights'] = ca.dw[0]; exp['single.causal_context'] = out[0]
    torch.manual_seed(seed)
    wr = Wrapper(din, dout, n, p, heads, bias)
    if dseed is not None and p > 0: torch.manual_seed(dseed)
    out = wr(x)
    for h, hd in enumerate(wr.heads):
        exp[f'wrapper.head{h}.W_key'] = hd.W_key.weight.T.detach()
        exp[f'wrapper.head{h}.weights'] = hd.dw[0]
    exp['wrapper.context'] = out[0]
    torch.manual_seed(seed)
    m = MHA(din, dout, n, p, heads, bias)
    if dseed is not None and p > 0: torch.manual_seed(dseed)
    out = m(x)
    exp['mha.out_proj.W'] = m.out_proj.weight.T.detach(); exp['mha.out_proj.b'] = m.out_proj.bias.detach()
    if bias: exp['mha.b_value'] = m.W_value.bias.detach()
    exp['mha.attn_weights'] = m.w[0]; exp['mha.dropped_weights'] = m.dw[0]; exp['mha.output'] = out[0]
    worst = 0; bad = []
    for name, e in exp.items():
        g = t(name)
        e = e.detach()
        if g.shape != e.shape: bad.append(f"{name} shape {tuple(g.shape)} vs {tuple(e.shape)}"); continue
        fin = torch.isfinite(e)
        if not torch.equal(fin, torch.isfinite(g)): bad.append(name + " inf pattern"); continue
        d = (g[fin] - e[fin]).abs().max().item() if fin.any() else 0
        tol = 1e-5 + 1e-5 * e[fin].abs().max().item()
        if name.endswith(('W', 'b')) or '.W_' in name or '.b_' in name: tol = 0
        if d > tol: bad.append(f"{name} err {d:.3g} > {tol:.3g}")
        worst = max(worst, d)
    print(("ok  " if not bad else "FAIL"), ' '.join(flags), f"worst {worst:.3g}", bad[:4])
    return not bad

binary = sys.argv[1]
import random
random.seed(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
ok = True
for case in range(int(sys.argv[3]) if len(sys.argv) > 3 else 12):
    heads = random.choice([1, 2, 3, 4])
    dout = heads * random.choice([1, 2, 3])
    din = random.choice([2, 3, 5, 8])
    seed = random.randrange(2**32)
    p = random.choice([0.0, 0.1, 0.5, 0.75])
    dseed = random.choice([None, random.randrange(1000)])
    bias = random.choice([False, True])
    init = random.choice(['linear', 'rand'])
    text = random.choice(["Your journey starts with one step", "Hello, world! This is attnscope.", "a b c d e f g h i j k l m n o p"])
    flags = ["--text", text, "--d-in", str(din), "--d-out", str(dout), "--heads", str(heads), "--seed", str(seed), "--dropout", str(p), "--init", init]
    if dseed is not None: flags += ["--dropout-seed", str(dseed)]
    if bias: flags += ["--qkv-bias"]
    ok &= run(binary, flags, din, dout, heads, seed, p, dseed, bias, init)
sys.exit(0 if ok else 1)
