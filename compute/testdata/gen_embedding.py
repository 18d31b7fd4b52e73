#!/usr/bin/env python3
"""Regenerate embedding_fixtures.json: rows of nn.Embedding tables as PyTorch draws them.

Run with Debian's PyTorch (python3-torch, torch 1.13.1, AVX2 kernel, no MKL):

    apt-get install -y python3-torch
    cd compute/testdata && /usr/bin/python3 gen_embedding.py

Each case is torch.manual_seed(seed); emb = nn.Embedding(n_vocab, d_in); emb.weight[ids],
stored as float32 bit patterns (int32). Only the requested rows are kept, so the file stays
small. The tests in compute/embedding_test.go read only the JSON.

It needs about 0.7 GB of memory for the o200k_base × 768 table.
"""
import json
import random
import struct
import sys

import torch
import torch.nn as nn

R50K, P50K, CL100K, O200K = 50257, 50281, 100277, 200019


def tail_rows(n_vocab, d_in):
    """Ids of the rows that hold any of the last 16 elements, plus the row before."""
    n = n_vocab * d_in
    first = (n - 16) // d_in
    return list(range(max(first - 1, 0), n_vocab))


def book_ids():
    return [7120, 7002, 4940, 351, 530, 2239]


rng = random.Random(20260127)
CASES = [
    # (name, seed, n_vocab, d_in, ids)
    ("r50k_d3_seed123_book_and_tail", 123, R50K, 3, book_ids() + [0, 1] + tail_rows(R50K, 3)),
    ("r50k_d16_seed0_start_middle_end", 0, R50K, 16, [0, 1, 2, 25128, 50255, 50256]),
    ("r50k_d16_seed123_random40", 123, R50K, 16, sorted(rng.sample(range(R50K), 40))),
    ("r50k_d1_seed7_tail", 7, R50K, 1, [0, 5, 15, 16, 31000] + tail_rows(R50K, 1)),
    ("p50k_d3_seed2p32plus5_tail", 2**32 + 5, P50K, 3, [3, 17, 40000] + tail_rows(P50K, 3)),
    ("p50k_d3_seed5_tail", 5, P50K, 3, [3, 17, 40000] + tail_rows(P50K, 3)),
    ("cl100k_d16_seed7_middle_end", 7, CL100K, 16, [0, 9906, 50000, 100276]),
    ("cl100k_d3_seed0_tail", 0, CL100K, 3, [0, 100000] + tail_rows(CL100K, 3)),
    ("cl100k_d7_seed123_tail", 123, CL100K, 7, [1, 2, 77777] + tail_rows(CL100K, 7)),
    ("o200k_d5_seed0_tail", 0, O200K, 5, [0, 123456] + tail_rows(O200K, 5)),
    ("r50k_d768_seed123_book", 123, R50K, 768, book_ids() + [0, 50256]),
    ("o200k_d768_seed7_start_end", 7, O200K, 768, [0, 1, 100000, 199999, 200018]),
    ("o200k_d768_seed2p32plus5", 2**32 + 5, O200K, 768, [0, 3, 2000]),  # cheap: one whole-stream case is enough
    # Enough values (24,000) that arithmetic without the fused multiply-adds fails many of them.
    ("r50k_d16_seed7_many1500", 7, R50K, 16, sorted(rng.sample(range(R50K), 1500))),
]


def bits(t):
    return [struct.unpack("<i", struct.pack("<f", float(v)))[0] for v in t.reshape(-1).tolist()]


def main():
    torch.set_num_threads(1)
    cases = []
    for name, seed, n_vocab, d_in, ids in CASES:
        torch.manual_seed(seed)
        emb = nn.Embedding(n_vocab, d_in)
        rows = emb.weight.detach()[torch.tensor(ids)]
        cases.append({"name": name, "seed": seed, "n_vocab": n_vocab, "d_in": d_in,
                      "ids": ids, "bits": bits(rows)})
        del emb
        print(name, file=sys.stderr)
    # torch.manual_seed keeps the low 32 bits of the seed.
    a, b = cases[4]["bits"], cases[5]["bits"]
    assert a == b, "seed 2^32+5 differs from seed 5"
    out = {
        "generator": "compute/testdata/gen_embedding.py",
        "torch": torch.__version__,
        "cpu_capability": next((l.split(":")[1].strip() for l in torch.__config__.show().splitlines()
                                if "CPU capability usage" in l), "?"),
        "note": "torch.manual_seed(seed); nn.Embedding(n_vocab, d_in).weight[ids]; float32 bits as int32, row-major",
        "cases": cases,
    }
    with open("embedding_fixtures.json", "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
