#!/usr/bin/python3
"""Trains a tiny GPT-2 on repeated random words so that it grows a previous-token head and an
induction head, and writes it as a checkpoint attnscope's --model opens.

    /usr/bin/python3 scripts/trainind/train.py OUT [--steps N] [--seed S] [--threads K]

OUT receives model.safetensors (float32, Hugging Face GPT-2 names without the `transformer.`
prefix) and config.json; train.json records how the run went (steps, seconds, losses).

The model is GPT-2's architecture and computes GPT-2's function in eval mode, which is what
attnscope runs: x = wte[ids] + wpe[0:T]; per block h = LN1(x), qkv = h·W_attn + b_attn (Conv1D
layout W [d, 3d], columns q | k | v, heads split the columns in order), causal softmax of
q·kᵀ/√(d/H), x += concat(A·v)·W_proj + b_proj, x += W2·gelu_tanh(W1·LN2(x)) with the biases;
final = LN_f(x), logits = final·wteᵀ (tied head). LayerNorm eps 1e-5. No dropout.

The vocabulary is GPT-2's 50257 ids, so real gpt2 token ids index it, but training only ever
shows it the words of attnscope's induction probe (samples.InductionWords common words that are
one gpt2 token each with their leading space, plus the tokens of each word without the space,
as the first word of a text is tokenized). Every other row of wte is zero and stays zero: those
tokens embed as nothing but their position and their logit is exactly 0, which is what lets the
loss be the exact full-vocabulary cross-entropy at the cost of a ~200-token softmax
(log Z = logsumexp(trained logits, ln(#zero rows))).

Each training sequence is made of random words (drawn with replacement) and of runs of n distinct
random words said two or three times in a row; the loss is next-token cross-entropy at every
position. Only the repeats are predictable, and predicting them is what an induction circuit
does: a previous-token head in layer 0 writes "the token before me" into each position, and a
head in layer 1 finds the earlier position whose previous token is the current token and copies
what sits there.

On next-token loss alone this circuit takes longer to appear than a few CPU minutes allow (the
loss sits at ln 99, a uniform guess among the words, for thousands of steps). So for the first
--nudge fraction of the steps an auxiliary loss also pulls two heads' attention towards those
patterns: layer 0's head 0 towards the previous token, the last layer's head 0 towards the
token after an earlier copy of the current one. What the heads' values carry and what the model
does with them (copying the attended word into the prediction) is learned from next-token loss
only, and the remaining steps are next-token loss only. --nudge 0 turns it off.

Deterministic for a given seed and thread count (CPU, float32).
"""
import argparse
import json
import math
import os
import struct
import time

import numpy as np
import torch

V = 50257  # GPT-2's vocabulary size

# The probe's words with their gpt2 ids: (word, id of " word", ids of "word"). Regenerate with
# `go run ./scripts/trainind/wordids` (it checks each spaced word is one token).
WORDS = json.loads("""
[["anchor",18021,[3702,273]],["apple",17180,[18040]],["basket",7988,[65,11715]],
["blanket",18447,[27190,316]],["bridge",7696,[9458]],["butter",9215,[4360,353]],
["button",4936,[16539]],["camera",4676,[25695]],["candle",26839,[46188,293]],
["castle",16669,[18676]],["circus",33125,[21170,385]],["coffee",6891,[1073,5853]],
["copper",15317,[1073,2848]],["cotton",15985,[66,11324]],["desert",10326,[8906,861]],
["dinner",8073,[67,5083]],["doctor",6253,[35580]],["dragon",10441,[14844]],
["engine",3113,[18392]],["farmer",18739,[16370,647]],["feather",17972,[5036,1032]],
["finger",7660,[35461]],["flower",15061,[25547]],["forest",8222,[29623]],
["garden",11376,[70,5872]],["gentle",10296,[6783,293]],["guitar",10047,[70,5013,283]],
["hammer",15554,[17980]],["helmet",14335,[2978,4164]],["hunter",19177,[37488]],
["island",7022,[271,1044]],["jacket",15224,[73,8317]],["jelly",27644,[73,6148]],
["jungle",20712,[73,13687]],["kettle",40231,[74,23570]],["kitten",42143,[74,2621]],
["ladder",18002,[9435,1082]],["laptop",13224,[75,45007]],["lemon",18873,[293,2144]],
["lizard",42406,[75,8669]],["marble",30623,[3876,903]],["market",1910,[10728]],
["mirror",10162,[10793,1472]],["monkey",21657,[49572]],["music",2647,[28965]],
["needle",17598,[31227,293]],["nickel",30666,[6988,7750]],["ocean",9151,[78,5829]],
["orange",10912,[43745]],["palace",20562,[18596,558]],["paper",3348,[20189]],
["pencil",21613,[3617,2856]],["pepper",13385,[431,2848]],["pillow",28774,[27215,322]],
["pirate",25868,[4063,378]],["planet",5440,[47427]],["pocket",10000,[31991]],
["puzzle",15027,[79,9625]],["queen",16599,[4188,268]],["rabbit",22746,[81,14229]],
["ribbon",29092,[822,4189]],["river",7850,[38291]],["rocket",10701,[30431]],
["saddle",33083,[82,37382]],["salmon",24535,[21680,2144]],["sandwich",20433,[38142,11451]],
["scarf",36953,[13034,69]],["shadow",9082,[19106]],["sheep",15900,[7091,538]],
["shell",7582,[29149]],["silver",8465,[40503]],["singer",14015,[82,3889]],
["soldier",10686,[24120,959]],["spider",19230,[2777,1304]],["spoon",24556,[2777,2049]],
["station",4429,[17529]],["stone",7815,[6440]],["sugar",7543,[82,35652]],
["summer",3931,[16345,647]],["thunder",18355,[400,4625]],["tiger",26241,[83,8254]],
["tomato",24240,[39532,5549]],["tower",10580,[36170]],["tunnel",13275,[28286,4954]],
["turtle",28699,[83,17964]],["umbrella",25510,[2178,20481]],["valley",19272,[2100,1636]],
["velvet",47750,[626,16809]],["village",7404,[41082,496]],["violin",38283,[17069,259]],
["wagon",31860,[41127]],["wallet",13008,[44623]],["whale",22206,[1929,1000]],
["wheel",7825,[22001]],["whistle",16121,[1929,12535]],["window",4324,[17497]],
["winter",7374,[40078]],["wizard",18731,[86,8669]],["yellow",7872,[36022]]]
""")


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", help="folder to write model.safetensors and config.json into")
    ap.add_argument("--steps", type=int, default=1500)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=3e-3)
    ap.add_argument("--d", type=int, default=64, help="width n_embd")
    ap.add_argument("--layers", type=int, default=2)
    ap.add_argument("--heads", type=int, default=4)
    ap.add_argument("--context", type=int, default=128, help="n_positions and training length")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--nudge", type=float, default=0.6,
                    help="fraction of the steps during which layer 0's head 0 is also trained to attend to the"
                         " previous token and the last layer's head 0 to the token after an earlier copy of the"
                         " current one (an auxiliary loss; 0: off, every head learns from next-token loss alone)")
    ap.add_argument("--nudge-weight", type=float, default=0.1)
    ap.add_argument("--short", type=float, default=0.4,
                    help="fraction of the steps trained on 32-token then 64-token texts before the full context")
    ap.add_argument("--threads", type=int, default=1, help="torch threads (more only helps on idle cores)")
    return ap.parse_args()


# ------------------------------------------------------------------------------------------------
# data


class Vocab:
    """The trained token ids, and the map from gpt2 id to a row of the trained embedding."""

    def __init__(self):
        ids = sorted({w[1] for w in WORDS} | {t for w in WORDS for t in w[2]})
        self.ids = torch.tensor(ids)
        self.row = {t: i for i, t in enumerate(ids)}
        self.spaced = np.array([self.row[w[1]] for w in WORDS])
        self.bare = [[self.row[t] for t in w[2]] for w in WORDS]


def sequence(rng, voc, n_tokens):
    """One training sequence of n_tokens rows of the trained embedding."""
    nw = len(WORDS)
    words = []
    while len(words) < n_tokens:
        u = rng.random()
        if u < 0.25:
            words.extend(rng.integers(0, nw, size=int(rng.integers(1, 25))))
        elif u < 0.4:  # a short run said many times: the next word is the one n back
            run = rng.choice(nw, size=int(rng.integers(2, 5)), replace=False)
            words.extend(list(run) * int(rng.integers(3, 8)))
        else:
            n = int(rng.integers(2, max(3, min(50, n_tokens // 2))))
            run = rng.choice(nw, size=n, replace=False)
            for _ in range(2 if rng.random() < 0.7 else 3):
                words.extend(run)
    # The first word of a text has no space before it half of the time, as in the probe.
    toks = list(voc.bare[words[0]]) if rng.random() < 0.5 else [voc.spaced[words[0]]]
    toks.extend(voc.spaced[w] for w in words[1:n_tokens])
    return toks[:n_tokens]


def batch(rng, voc, b, t):
    x = torch.tensor(np.array([sequence(rng, voc, t + 1) for _ in range(b)]), dtype=torch.long)
    return x[:, :-1], x[:, 1:]


# ------------------------------------------------------------------------------------------------
# model: GPT-2 under Hugging Face names, batched


def init_params(g, voc, d, L, ctx):
    """Normal weights of standard deviation 1/√fan_in (residual projections also ÷ √(2L), as
    GPT-2 does), token embeddings 0.1, position embeddings sinusoids, LayerNorm 1 and 0; emb holds the trained rows of wte only.
    GPT-2's own 0.02 is made for d = 768: at d = 64 it leaves q·k so small that the heads sit
    on a long plateau before attending to anything."""
    r = lambda *s, sc: (torch.randn(*s, generator=g) * sc).requires_grad_()
    z = lambda *s: torch.zeros(*s).requires_grad_()
    o = lambda *s: torch.ones(*s).requires_grad_()
    res = 1 / math.sqrt(2 * L)
    # Positions start as the Transformer's sinusoids, so "one position back" is the same linear
    # map at every position and a previous-token head can be learned once for all of them.
    pos = torch.arange(ctx, dtype=torch.float32)[:, None]
    freq = torch.exp(-math.log(10000.0) * torch.arange(0, d, 2, dtype=torch.float32) / d)
    wpe = torch.zeros(ctx, d)
    wpe[:, 0::2], wpe[:, 1::2] = torch.sin(pos * freq), torch.cos(pos * freq)
    p = {"emb": r(len(voc.ids), d, sc=0.1), "wpe.weight": (0.15 * wpe).requires_grad_()}
    for i in range(L):
        h = f"h.{i}."
        p[h + "ln_1.weight"], p[h + "ln_1.bias"] = o(d), z(d)
        p[h + "attn.c_attn.weight"], p[h + "attn.c_attn.bias"] = r(d, 3 * d, sc=d ** -0.5), z(3 * d)
        p[h + "attn.c_proj.weight"], p[h + "attn.c_proj.bias"] = r(d, d, sc=res * d ** -0.5), z(d)
        p[h + "ln_2.weight"], p[h + "ln_2.bias"] = o(d), z(d)
        p[h + "mlp.c_fc.weight"], p[h + "mlp.c_fc.bias"] = r(d, 4 * d, sc=d ** -0.5), z(4 * d)
        p[h + "mlp.c_proj.weight"], p[h + "mlp.c_proj.bias"] = r(4 * d, d, sc=res * (4 * d) ** -0.5), z(d)
    p["ln_f.weight"], p["ln_f.bias"] = o(d), z(d)
    return p


def gelu_tanh(x):
    """GPT-2's gelu_new: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))), fused."""
    return torch.nn.functional.gelu(x, approximate="tanh")


def forward(p, x, H, L, want_attn=False, keep_grad=False):
    """x: [B, T] rows of emb. Returns final [B, T, d] (after ln_f) and the attention weights."""
    B, T = x.shape
    d = p["emb"].shape[1]
    hd = d // H
    ln = lambda y, a, b: torch.nn.functional.layer_norm(y, (d,), a, b, 1e-5)
    h = p["emb"][x] + p["wpe.weight"][:T]
    mask = torch.full((T, T), -math.inf).triu(1)  # causal: −∞ above the diagonal
    atts = []
    for i in range(L):
        w = lambda k: p[f"h.{i}." + k]
        a_in = ln(h, w("ln_1.weight"), w("ln_1.bias"))
        qkv = a_in @ w("attn.c_attn.weight") + w("attn.c_attn.bias")
        q, k, v = (t.view(B, T, H, hd).transpose(1, 2) for t in qkv.split(d, dim=-1))
        s = (q @ k.transpose(-1, -2)) * (1 / math.sqrt(hd)) + mask
        a = torch.softmax(s, dim=-1)
        if want_attn:
            atts.append(a if keep_grad else a.detach())
        o = (a @ v).transpose(1, 2).reshape(B, T, d)
        h = h + o @ w("attn.c_proj.weight") + w("attn.c_proj.bias")
        m_in = ln(h, w("ln_2.weight"), w("ln_2.bias"))
        h = h + gelu_tanh(m_in @ w("mlp.c_fc.weight") + w("mlp.c_fc.bias")) @ w("mlp.c_proj.weight") \
            + w("mlp.c_proj.bias")
    return ln(h, p["ln_f.weight"], p["ln_f.bias"]), atts


def losses(p, x, y, H, L, final=None, nudge=0.0):
    """Per-position cross-entropy over all V ids: the V − K zero rows of wte add (V − K)·e⁰ to Z.
    With nudge > 0, adds nudge × the mean −ln A[i, i−1] of layer 0's head 0 and nudge × the mean
    −ln Σ_j A[i, j+1] over the earlier copies j of token i of the last layer's head 0 (see --nudge)."""
    atts = []
    if final is None:
        final, atts = forward(p, x, H, L, want_attn=nudge > 0, keep_grad=True)
    logits = final @ p["emb"].T
    K = p["emb"].shape[0]
    rest = math.log(V - K)
    m = torch.clamp(logits.detach().max(-1).values, min=rest)
    logz = m + torch.log(torch.exp(logits - m.unsqueeze(-1)).sum(-1) + torch.exp(rest - m))
    ce = logz - logits.gather(-1, y.unsqueeze(-1)).squeeze(-1)
    if nudge > 0:
        T = x.shape[1]
        a = atts[0][:, 0, torch.arange(1, T), torch.arange(0, T - 1)]
        ce = ce + nudge * -torch.log(a + 1e-6).mean()
        ind = torch.zeros(x.shape[0], T, T)
        ind[:, :, 1:] = ((x[:, :, None] == x[:, None, :-1]) & torch.ones(T, T - 1, dtype=torch.bool).tril()).float()
        rows = ind.sum(-1) > 0
        if rows.any():
            s = (atts[-1][:, 0] * ind).sum(-1)[rows]
            ce = ce + nudge * -torch.log(s + 1e-6).mean()
    return ce


def seen_before(x):
    """[B, T]: whether x[t] already occurred at an earlier position (then the next token is the
    one that followed it, when the text repeats)."""
    eq = x[:, :, None] == x[:, None, :]
    return (eq & torch.ones(x.shape[1], x.shape[1], dtype=torch.bool).tril(-1)).any(-1)


# ------------------------------------------------------------------------------------------------
# scores and export


def head_scores(atts, x):
    """attnscope's previous-token and induction scores (Σ A⊙P / Σ A over the rows; Σ A = T),
    averaged over the batch: [L, H] each."""
    B, T = x.shape
    prev = torch.zeros(T, T)
    prev[torch.arange(1, T), torch.arange(0, T - 1)] = 1
    ind = torch.zeros(B, T, T)
    ind[:, :, 1:] = ((x[:, :, None] == x[:, None, :-1]) & torch.ones(T, T - 1, dtype=torch.bool).tril()).float()
    ps = torch.stack([(a * prev).sum((-1, -2)).mean(0) / T for a in atts])
    is_ = torch.stack([(a * ind[:, None]).sum((-1, -2)).mean(0) / T for a in atts])
    return ps, is_


def export_state(p, voc, L):
    d = p["emb"].shape[1]
    wte = torch.zeros(V, d)
    wte[voc.ids] = p["emb"].detach()
    sd = {"wte.weight": wte}
    for k, v in p.items():
        if k != "emb":
            sd[k] = v.detach().clone()
    return sd


def write_safetensors(path, sd):
    hdr, off, blobs = {"__metadata__": {"format": "pt"}}, 0, []
    for k in sorted(sd):
        raw = sd[k].contiguous().numpy().astype("<f4").tobytes()
        hdr[k] = {"dtype": "F32", "shape": list(sd[k].shape), "data_offsets": [off, off + len(raw)]}
        off += len(raw)
        blobs.append(raw)
    h = json.dumps(hdr, separators=(",", ":")).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for blob in blobs:
            f.write(blob)
    os.replace(tmp, path)


def main():
    a = parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    rng = np.random.default_rng(a.seed)
    g = torch.Generator().manual_seed(a.seed)
    voc = Vocab()
    p = init_params(g, voc, a.d, a.layers, a.context)
    decay = [v for k, v in p.items() if v.dim() == 2]
    rest = [v for k, v in p.items() if v.dim() != 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.01}, {"params": rest, "weight_decay": 0.0}],
                            lr=a.lr, betas=(0.9, 0.98))
    warm = max(1, a.steps // 20)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / warm) * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * min(s, a.steps) / a.steps))))

    # A fixed evaluation batch, drawn from its own generator.
    ex, ey = batch(np.random.default_rng(a.seed + 1000), voc, 16, a.context)
    emask = seen_before(ex)  # where the next token is predictable

    def evaluate():
        with torch.no_grad():
            final, atts = forward(p, ex, a.heads, a.layers, want_attn=True)
            l = losses(p, ex, ey, a.heads, a.layers, final)
        ps, is_ = head_scores(atts, ex)
        return l.mean().item(), l[emask].mean().item(), l[~emask].mean().item(), ps, is_

    def top(s):
        l, h = divmod(int(s.argmax()), a.heads)
        return f"L{l}H{h} {s[l, h]:.2f}"

    def length(step):
        """Short texts first: attention spread over few positions finds the earlier copy sooner."""
        f = (step - 1) / a.steps
        if f < a.short / 2:
            return min(32, a.context)
        if f < a.short:
            return min(64, a.context)
        return a.context

    t0 = time.time()
    log = []
    for step in range(1, a.steps + 1):
        x, y = batch(rng, voc, a.batch, length(step))
        nudge = a.nudge_weight if step <= a.nudge * a.steps else 0.0
        loss = losses(p, x, y, a.heads, a.layers, nudge=nudge).mean()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(list(p.values()), 1.0)
        opt.step()
        sched.step()
        if step % 50 == 0 or step == 1 or step == a.steps:
            ev, evr, evn, ps, is_ = evaluate()
            log.append({"step": step, "seconds": round(time.time() - t0, 1), "train": round(loss.item(), 4),
                        "eval": round(ev, 4), "eval_repeated": round(evr, 4), "eval_unrepeated": round(evn, 4)})
            print(f"step {step:5d}  {time.time() - t0:6.1f}s  train {loss.item():.3f}  eval {ev:.3f}"
                  f" (repeats {evr:.3f}, rest {evn:.3f})  previous-token {top(ps)}  induction {top(is_)}",
                  flush=True)
    secs = time.time() - t0

    ev, evr, evn, ps, is_ = evaluate()
    print(f"eval loss {ev:.3f} (repeats {evr:.3f}, rest {evn:.3f}; a uniform guess among the"
          f" {len(WORDS)} words is ln {len(WORDS)} = {math.log(len(WORDS)):.3f})")
    print(f"top heads on the eval batch: previous-token {top(ps)}, induction {top(is_)}")

    os.makedirs(a.out, exist_ok=True)
    write_safetensors(os.path.join(a.out, "model.safetensors"), export_state(p, voc, a.layers))
    cfg = {"model_type": "gpt2", "architectures": ["GPT2LMHeadModel"], "vocab_size": V, "n_embd": a.d,
           "n_head": a.heads, "n_layer": a.layers, "n_positions": a.context, "n_ctx": a.context,
           "layer_norm_epsilon": 1e-5, "activation_function": "gelu_new", "tie_word_embeddings": True}
    with open(os.path.join(a.out, "config.json"), "w") as f:
        json.dump(cfg, f, indent=1)
        f.write("\n")
    with open(os.path.join(a.out, "train.json"), "w") as f:
        json.dump({"args": vars(a), "seconds": round(secs, 1), "log": log,
                   "previous_token": ps.tolist(), "induction": is_.tolist()}, f, indent=1)
        f.write("\n")
    print(f"wrote {a.out}/model.safetensors and config.json after {a.steps} steps in {secs:.0f} s")


if __name__ == "__main__":
    main()
