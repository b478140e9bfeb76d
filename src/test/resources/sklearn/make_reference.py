#!/usr/bin/python3
"""Reference results from scikit-learn's MeanShift for the flat-kernel tests.

Reproduce (Debian's python3-sklearn, 1.2.1 when recorded):
    /usr/bin/python3 src/test/resources/sklearn/make_reference.py src/test/resources/sklearn

Writes, for each case, the input points as CSV (id,x0,x1[,truth]) and the results of
scikit-learn as JSON: cluster centres in scikit-learn's order, labels per id, n_iter.
The data sets are scikit-learn's own test data (sklearn/cluster/tests/test_mean_shift.py).
"""
import json
import os
import sys

import numpy as np
import sklearn
from sklearn.cluster import MeanShift, estimate_bandwidth, get_bin_seeds
from sklearn.datasets import make_blobs

out = sys.argv[1] if len(sys.argv) > 1 else "."


def write_points(name, X, truth=None):
    with open(os.path.join(out, name + ".csv"), "w") as f:
        f.write("id,x0,x1" + (",truth" if truth is not None else "") + "\n")
        for i, p in enumerate(X):
            row = [str(i)] + [repr(float(v)) for v in p]
            if truth is not None:
                row.append(str(int(truth[i])))
            f.write(",".join(row) + "\n")


def fit(X, **params):
    ms = MeanShift(**params).fit(X)
    params = {k: (v.tolist() if isinstance(v, np.ndarray) else v) for k, v in params.items()}
    return {
        "params": params,
        "centers": ms.cluster_centers_.tolist(),
        "labels": ms.labels_.tolist(),
        "n_iter": int(ms.n_iter_),
    }


cases = {"sklearn_version": sklearn.__version__}

# scikit-learn's test data: 300 points, three blobs.
centers = np.array([[1, 1], [-1, -1], [1, -1]]) + 10
X, y = make_blobs(n_samples=300, n_features=2, centers=centers, cluster_std=0.4,
                  shuffle=True, random_state=11)
write_points("blobs300", X, y)
cases["blobs300"] = {
    "cluster_all_true": fit(X, bandwidth=1.2, cluster_all=True),
    "cluster_all_false": fit(X, bandwidth=1.2, cluster_all=False),
    "bin_seeding": fit(X, bandwidth=1.2, bin_seeding=True),
    "bin_seeding_min_freq_5": fit(X, bandwidth=1.2, bin_seeding=True, min_bin_freq=5),
    "bin_seeding_h08_min_freq_3_orphans": fit(X, bandwidth=0.8, bin_seeding=True,
                                              min_bin_freq=3, cluster_all=False),
    "estimate_bandwidth": {q: float(estimate_bandwidth(X, quantile=q))
                           for q in (0.1, 0.2, 0.3, 0.5)},
    "bin_seeds_h12_min1": np.asarray(get_bin_seeds(X, 1.2, 1), dtype=float).tolist(),
    "bin_seeds_h12_min5": np.asarray(get_bin_seeds(X, 1.2, 5), dtype=float).tolist(),
}

# The support-tie case: two clusters of three points each, same intensity.
tie1 = np.array([[1, 1], [2, 1], [1, 0], [4, 7], [3, 5], [3, 6]], dtype=float)
tie2 = np.array([[4, 7], [3, 5], [3, 6], [1, 1], [2, 1], [1, 0]], dtype=float)
write_points("tie1", tie1)
write_points("tie2", tie2)
cases["tie1"] = fit(tie1, bandwidth=2)
cases["tie2"] = fit(tie2, bandwidth=2)

# Bin seeds on scikit-learn's six-point test.
six = np.array([[1.0, 1.0], [1.4, 1.4], [1.8, 1.2], [2.0, 1.0], [2.1, 1.1], [0.0, 0.0]])
write_points("six", six)
cases["six"] = {
    "bin_seeds_h1_min1": np.asarray(get_bin_seeds(six, 1, 1), dtype=float).tolist(),
    "bin_seeds_h1_min2": np.asarray(get_bin_seeds(six, 1, 2), dtype=float).tolist(),
}

# Explicit seeds (scikit-learn's `seeds`), two of them far from everything.
cases["blobs300"]["explicit_seeds"] = fit(X, bandwidth=1.2,
                                          seeds=np.array([[11.0, 11.0], [9.0, 9.0], [30.0, 30.0]]))

with open(os.path.join(out, "reference.json"), "w") as f:
    json.dump(cases, f, indent=1)
print("wrote", out)
