#!/usr/bin/python3
"""Writes the public data sets of DefaultBandwidthTest and the reference answers it checks.

Run from the repository root:  /usr/bin/python3 src/test/resources/public/make_public.py
(Debian's python3-sklearn 1.2.1). The data come from bench/bandwidth_datasets.py (scikit-learn's
generators and loaders, standardized where the docs say so); the answers from the numpy reference
of the selector, bench/reference/selector_ref.py, written independently of the Java code, and
ARI against the truth from scikit-learn.
"""
import json
import os
import sys

import numpy as np
from sklearn.metrics import adjusted_rand_score

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "bench"))
sys.path.insert(0, os.path.join(ROOT, "bench", "reference"))
import bandwidth_datasets as D  # noqa: E402
import selector_ref as S  # noqa: E402

SETS = ["noisy_circles", "noisy_moons", "iris", "wine", "breast_cancer"]
HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    out = {}
    for name in SETS:
        X, y = D.load(name)
        with open(os.path.join(HERE, name + ".csv"), "w") as f:
            f.write(",".join(f"x{j}" for j in range(X.shape[1])) + ",truth\n")
            for row, t in zip(X, y):
                f.write(",".join(repr(float(v)) for v in row) + f",{int(t)}\n")
        h, merge, table, reason = S.select(X)
        run = S.cluster(X, h, merge)
        labels = run["labels_nearest"]
        sizes = np.bincount(labels)
        out[name] = dict(
            bandwidth=h,
            merge=merge is not None,
            modes=int(run["n_modes"]),
            clusters=int(run["n_clusters"]),
            clusters_over_5_percent=int((sizes >= 0.05 * len(X)).sum()),
            ari=float(adjusted_rand_score(y, labels)),
            reason=reason,
        )
        print(name, out[name])
    with open(os.path.join(HERE, "expected.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
