"""Reference implementation (numpy) of the project's "standard" mean shift, written independently of
the Java code (bench/reference/selector_ref.py builds on it).

Mimics io.github.meanshift (standard algorithm):
  kernels of u = d^2/h^2: gaussian exp(-u/2) cut at d > 4.5h, flat u<=1,
  epanechnikov max(0,1-u), triangular max(0,1-sqrt(u));
  seeds: every distinct point, bin seeding (round-half-even of x/h, bins with
  weight >= min_bin_freq seed at bin*h, fall back to all points when every point
  is its own bin), or explicit seeds;
  a seed stops when its shift <= tol*h or after max_iter; a seed with no weight
  inside the kernel support is dropped;
  support = weight within h of the position before the last step;
  merge: sort by support desc, ties by coordinates desc, keep unless within h of a
  kept centre;
  labels: nearest centre, or "basin" (the kept centre that absorbed the point's seed).
With kernel='flat' this is sklearn.cluster.MeanShift.
"""
import numpy as np

GAUSS_CUT = 4.5


def kernel_weights(u, kernel):
    if kernel == "gaussian":
        return np.where(u <= GAUSS_CUT * GAUSS_CUT, np.exp(-0.5 * u), 0.0)
    if kernel == "flat":
        return (u <= 1.0).astype(float)
    if kernel == "epanechnikov":
        return np.maximum(0.0, 1.0 - u)
    if kernel == "triangular":
        return np.maximum(0.0, 1.0 - np.sqrt(u))
    raise ValueError(kernel)


def support_radius(kernel):
    return GAUSS_CUT if kernel == "gaussian" else 1.0


def bin_seeds(X, binsize, w, min_bin_freq=1.0):
    """Returns (seeds, seed_of_point) where seed_of_point[i] = index of point i's bin
    seed, or -1 when its bin is too light."""
    b = np.round(X / binsize)  # numpy rounds half to even
    keys, inv, = np.unique(b, axis=0, return_inverse=True)[:2]
    inv = inv.reshape(-1)
    bw = np.bincount(inv, weights=w, minlength=len(keys))
    heavy = bw >= min_bin_freq
    if heavy.sum() == len(X):
        return None, None
    newidx = -np.ones(len(keys), dtype=int)
    newidx[heavy] = np.arange(heavy.sum())
    return keys[heavy] * binsize, newidx[inv]


def _sqdist(A, An, B, Bn):
    d2 = An[:, None] + Bn[None, :] - 2.0 * (A @ B.T)
    np.maximum(d2, 0.0, out=d2)
    return d2


def mean_shift(X, h, kernel="gaussian", weights=None, seeds=None, bin_seeding=False,
               min_bin_freq=1.0, max_iter=300, tol=1e-3, chunk_elems=4_000_000, rel=None):
    """Returns dict(centers, support, labels (nearest), basin (labels), n_seeds, n_iter).
    rel: optional per-point bandwidth factors (variable-bandwidth mean shift, Comaniciu 2001):
    point j has bandwidth h*rel_j and weight w_j * rel_j^-(d+2); support, merging and the
    stopping rule keep using h."""
    X = np.asarray(X, dtype=float)
    n, d = X.shape
    w = np.ones(n) if weights is None else np.asarray(weights, dtype=float)
    w0 = w
    if rel is not None:
        rel = np.asarray(rel, dtype=float)
        w = w * rel ** (-(d + 2.0))
        inv_r2 = 1.0 / rel ** 2
    # translate for numerical accuracy of the |a|^2+|b|^2-2ab expansion (translation invariant)
    mu = np.average(X, axis=0, weights=w)
    Xc = X - mu
    seed_of_point = None
    if seeds is not None:
        S = np.asarray(seeds, dtype=float) - mu
    elif bin_seeding:
        S, seed_of_point = bin_seeds(X, h, w, min_bin_freq)
        if S is None:
            bin_seeding = False
        else:
            S = S - mu
    if seeds is None and not bin_seeding:
        S, seed_of_point = np.unique(Xc, axis=0, return_inverse=True)
        seed_of_point = seed_of_point.reshape(-1)
    S = S.copy()
    m = len(S)
    Xn = (Xc * Xc).sum(1)
    h2 = h * h
    active = np.ones(m, dtype=bool)
    alive = np.ones(m, dtype=bool)
    support = np.zeros(m)
    n_iter = 0
    step = max(1, chunk_elems // max(n, 1))
    for it in range(max_iter):
        idx = np.flatnonzero(active)
        if len(idx) == 0:
            break
        n_iter = it + 1
        for c0 in range(0, len(idx), step):
            ci = idx[c0:c0 + step]
            s = S[ci]
            d2 = _sqdist(s, (s * s).sum(1), Xc, Xn)
            K = kernel_weights((d2 / h2) if rel is None else (d2 / h2) * inv_r2[None, :], kernel) * w[None, :]
            den = K.sum(1)
            within = ((d2 <= h2) * w0[None, :]).sum(1)
            dead = den <= 0
            ok = ~dead
            new = s.copy()
            new[ok] = (K[ok] @ Xc) / den[ok, None]
            shift = np.sqrt(((new - s) ** 2).sum(1))
            support[ci] = within
            S[ci] = new
            alive[ci[dead]] = False
            active[ci[dead]] = False
            active[ci[ok & (shift <= tol * h)]] = False
    cand = np.flatnonzero(alive)
    C = S[cand]
    sup = support[cand]
    # order: support desc, then coordinates desc (sklearn: sorted((sup, coords), reverse=True))
    keys = [-(C[:, j] + mu[j]) for j in range(d - 1, -1, -1)] + [-sup]
    order = np.lexsort(keys)
    Co = C[order]
    Con = (Co * Co).sum(1)
    kept = []
    owner = -np.ones(len(Co), dtype=int)  # index into kept
    # greedy: process in order; a seed is kept unless within h of an already kept one
    # (blockwise to bound memory)
    for i in range(len(Co)):
        if owner[i] >= 0:
            continue
        k = len(kept)
        kept.append(i)
        owner[i] = k
        rest = np.flatnonzero(owner[i + 1:] < 0) + i + 1
        if len(rest):
            dd = ((Co[rest] - Co[i]) ** 2).sum(1)
            owner[rest[dd <= h2]] = k
    centers = Co[kept]
    csup = sup[order][kept]
    # owner of each original seed
    seed_owner = -np.ones(m, dtype=int)
    seed_owner[cand[order]] = owner
    cn = (centers * centers).sum(1)
    labels = np.empty(n, dtype=int)
    for c0 in range(0, n, max(1, chunk_elems // max(len(centers), 1))):
        sl = slice(c0, c0 + max(1, chunk_elems // max(len(centers), 1)))
        labels[sl] = np.argmin(_sqdist(Xc[sl], Xn[sl], centers, cn), axis=1)
    basin = labels.copy()
    if seed_of_point is not None:
        so = np.where(seed_of_point >= 0, seed_owner[np.maximum(seed_of_point, 0)], -1)
        basin = np.where(so >= 0, so, labels)
    return dict(centers=centers + mu, support=csup, labels=labels, basin=basin,
                n_seeds=m, n_iter=n_iter, seed_owner=seed_owner)
