"""The evaluation suite of the default bandwidth (bench/bandwidth.py): sets with ground truth.

Run with Debian's /usr/bin/python3 (scikit-learn 1.2.1).

Core sets (the headline, 14):
  the six of scikit-learn 1.2's "Comparing different clustering algorithms on toy
  datasets" example (n_samples=500, seed=30 / random_state=170, StandardScaler as the
  example does; no_structure's truth = one cluster),
  iris, wine, breast_cancer, digits (StandardScaler),
  blobs in 2-D (6 centres), 5-D (8 centres), 10-D (10 centres), and blobs of unequal
  sizes (1000/400/150/50 points).
Extra sets: 20,000-point 2-D blobs, 16-D blobs, and the 50,000-point set used for the
sample-size test.

Every generated set takes a random_state `rs` (None = the headline value) so that the
robustness study can draw other instances of the same generator.
"""
import numpy as np
from sklearn import datasets as skd
from sklearn.preprocessing import StandardScaler

TOY_N = 500
TOY_SEED = 30
TOY_RS = 170


def _std(X):
    return StandardScaler().fit_transform(X)


def noisy_circles(rs=None):
    X, y = skd.make_circles(n_samples=TOY_N, factor=0.5, noise=0.05,
                            random_state=TOY_SEED if rs is None else rs)
    return _std(X), y


def noisy_moons(rs=None):
    X, y = skd.make_moons(n_samples=TOY_N, noise=0.05, random_state=TOY_SEED if rs is None else rs)
    return _std(X), y


def varied(rs=None):
    X, y = skd.make_blobs(n_samples=TOY_N, cluster_std=[1.0, 2.5, 0.5],
                          random_state=TOY_RS if rs is None else rs)
    return _std(X), y


def aniso(rs=None):
    X, y = skd.make_blobs(n_samples=TOY_N, random_state=TOY_RS if rs is None else rs)
    X = np.dot(X, [[0.6, -0.6], [-0.4, 0.8]])
    return _std(X), y


def blobs(rs=None):
    X, y = skd.make_blobs(n_samples=TOY_N, random_state=TOY_SEED if rs is None else rs)
    return _std(X), y


def no_structure(rs=None):
    rng = np.random.RandomState(TOY_SEED if rs is None else rs)
    return _std(rng.rand(TOY_N, 2)), np.zeros(TOY_N, dtype=int)


def _real(loader):
    def f(rs=None):
        X, y = loader(return_X_y=True)
        return _std(X.astype(float)), y
    return f


iris = _real(skd.load_iris)
wine = _real(skd.load_wine)
breast_cancer = _real(skd.load_breast_cancer)
digits = _real(skd.load_digits)


def blobs2d(rs=None):
    # not standardized: the selector must work in the units of the data
    return skd.make_blobs(n_samples=1500, centers=6, n_features=2, cluster_std=1.0,
                          random_state=1 if rs is None else rs)


def blobs5d(rs=None):
    return skd.make_blobs(n_samples=2000, centers=8, n_features=5, cluster_std=1.0,
                          random_state=2 if rs is None else rs)


def blobs10d(rs=None):
    return skd.make_blobs(n_samples=2000, centers=10, n_features=10, cluster_std=1.5,
                          random_state=3 if rs is None else rs)


def unequal(rs=None):
    # four blobs of 1000/400/150/50 points, different spreads, fixed centres
    centers = np.array([[0.0, 0.0], [9.0, 0.0], [0.0, 9.0], [9.0, 9.0]])
    return skd.make_blobs(n_samples=[1000, 400, 150, 50], centers=centers,
                          cluster_std=[1.5, 1.0, 0.8, 0.6],
                          random_state=4 if rs is None else rs)


# ---- extras ----
def blobs20k(rs=None):
    return skd.make_blobs(n_samples=20000, centers=8, n_features=2, cluster_std=1.0,
                          random_state=5 if rs is None else rs)


def blobs16d(rs=None):
    return skd.make_blobs(n_samples=3000, centers=6, n_features=16, cluster_std=1.0,
                          random_state=6 if rs is None else rs)


def blobs50k(rs=None):
    return skd.make_blobs(n_samples=50000, centers=6, n_features=3, cluster_std=1.0,
                          random_state=7 if rs is None else rs)


CORE = {
    "noisy_circles": noisy_circles,
    "noisy_moons": noisy_moons,
    "varied": varied,
    "aniso": aniso,
    "blobs": blobs,
    "no_structure": no_structure,
    "iris": iris,
    "wine": wine,
    "breast_cancer": breast_cancer,
    "digits": digits,
    "blobs2d_6": blobs2d,
    "blobs5d_8": blobs5d,
    "blobs10d_10": blobs10d,
    "unequal": unequal,
}
EXTRA = {
    "blobs20k_2d_8": blobs20k,
    "blobs16d_6": blobs16d,
}
GENERATED = ["noisy_circles", "noisy_moons", "varied", "aniso", "blobs", "no_structure",
             "blobs2d_6", "blobs5d_8", "blobs10d_10", "unequal"]


def load(name, rs=None):
    f = CORE.get(name) or EXTRA.get(name) or {"blobs50k_3d_6": blobs50k}[name]
    X, y = f(rs)
    return np.asarray(X, dtype=float), np.asarray(y)


if __name__ == "__main__":
    for name in list(CORE) + list(EXTRA):
        X, y = load(name)
        print(f"{name:15s} n={X.shape[0]:6d} d={X.shape[1]:3d} k={len(np.unique(y))}")
