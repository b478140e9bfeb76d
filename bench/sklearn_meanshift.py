#!/usr/bin/python3
"""Times scikit-learn's MeanShift on a CSV (columns id, x0, x1, ..., truth) and prints JSON.

Usage: /usr/bin/python3 bench/sklearn_meanshift.py POINTS.csv BANDWIDTH [bin_seeding]
"""
import json
import sys
import time

import numpy as np
import sklearn
from sklearn.cluster import MeanShift

path, bandwidth = sys.argv[1], float(sys.argv[2])
bin_seeding = len(sys.argv) > 3 and sys.argv[3] == "bin_seeding"
with open(path) as f:
    header = f.readline().strip().split(",")
data = np.loadtxt(path, delimiter=",", skiprows=1)
features = [i for i, name in enumerate(header) if name.startswith("x")]
X = data[:, features]
start = time.perf_counter()
ms = MeanShift(bandwidth=bandwidth, bin_seeding=bin_seeding).fit(X)
seconds = time.perf_counter() - start
print(json.dumps({
    "tool": "scikit-learn MeanShift",
    "sklearn": sklearn.__version__,
    "numpy": np.__version__,
    "n_points": int(X.shape[0]),
    "n_features": int(X.shape[1]),
    "bandwidth": bandwidth,
    "bin_seeding": bin_seeding,
    "fit_seconds": seconds,
    "n_clusters": int(len(ms.cluster_centers_)),
    "centers": ms.cluster_centers_.tolist(),
    "n_iter": int(ms.n_iter_),
}, indent=1))
