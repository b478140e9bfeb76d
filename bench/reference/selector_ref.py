"""Reference implementation (numpy) of the default bandwidth: the stable-partition selector and
the density-ridge mode merge of io.github.meanshift.shift.BandwidthSelector and RidgeMerge,
written independently of the Java code. src/test/resources/public/make_public.py records its
answers for DefaultBandwidthTest; docs/bandwidth.md explains the method.

    h, merge, candidates, reason = select(X, weights=None, kernel='gaussian', seed=0)
    cid = merge_modes(modes, sample, weights, kernel, h, **merge)     # cluster id per mode

merge is None (plain mean shift, round 1's answer) or dict(z=Z, n_pts=N_PTS, k_nn=K_NN).
candidates: [(h, n_clusters, score)] per scanned scale and track ('plain' rows first, then
'merged' rows), score = the BIC where computed, else None.
See REPORT.md for the pseudo-code and the constants.
"""
import numpy as np

from meanshift_ref import mean_shift, kernel_weights

# ---- constants ----
SAMPLE = 2000          # bounded sample
N_SEEDS = 256          # explicit seeds per selector fit (random sample points, the same at every scale)
QUANTILE = 0.3         # b = sklearn estimate_bandwidth(quantile 0.3) on the sample
PER_OCTAVE = 4         # grid sigma_i = b 2^(-i/4)
MAX_STEPS = 24         # i = 0..24
MAX_MODES = 0.5        # stop the scan when a fit has more than 0.5 * N_SEEDS modes
MIN_COVER = 0.5        # plain track: stop it when significant modes hold < 50% of the sample
TAU = 0.05             # significant cluster: >= 5% of the sample
THETA = 0.95           # plain track: same partition = ARI >= 0.95 and the same number of significant clusters
THETA_M = 0.90         # merged track: the same with ARI >= 0.90
MIN_RUN = 2            # plain-track plateau: >= 2 consecutive scales (round 1)
MIN_RUN_M = 4          # merged-track plateau: >= 4 consecutive scales (one octave)
RIDGE = 1e-3           # BIC covariance ridge (times trace(cov)/d)
EM_ITERS = 10          # BIC: EM steps from the partition
DELTA_BIC = 10.0       # the plain track overrides the merged one only with a different k and a BIC lower by > 10 (Kass-Raftery "very strong")
POSITION = 0.5         # geometric middle of the chosen plateau
Z = 2.0                # merge: the valley is noise when peak - saddle < Z * sqrt(var(peak) + var(saddle))
N_PTS = 15             # merge: KDE evaluated at 15 interior points of each segment
K_NN = 8               # merge: candidate pairs = each mode with its 8 nearest modes (None: all pairs)


def kernel_scale(kernel, d):
    return {"gaussian": 1.0, "flat": np.sqrt(d + 2.0), "epanechnikov": np.sqrt(d + 4.0),
            "triangular": np.sqrt((d + 2.0) * (d + 3.0) / (d + 1.0))}[kernel]


def _sqdist(A, B):
    return np.maximum((A * A).sum(1)[:, None] + (B * B).sum(1)[None, :] - 2.0 * A @ B.T, 0.0)


def quantile_bandwidth(S, quantile=QUANTILE):
    n = len(S)
    k = max(1, int(np.floor(quantile * n)))
    out = np.empty(n)
    step = max(1, 2_000_000 // n)
    for c in range(0, n, step):
        d2 = _sqdist(S[c:c + step], S)
        d2[np.arange(d2.shape[0]), np.arange(c, c + d2.shape[0])] = 0.0
        out[c:c + step] = np.sqrt(np.partition(d2, k - 1, axis=1)[:, k - 1])
    return float(out.mean())


def ari(a, b):
    _, a = np.unique(a, return_inverse=True)
    _, b = np.unique(b, return_inverse=True)
    n = len(a)
    M = np.zeros((a.max() + 1, b.max() + 1))
    np.add.at(M, (a, b), 1)
    c2 = lambda x: (x * (x - 1) / 2.0).sum()
    sij, si, sj, tot = c2(M), c2(M.sum(1)), c2(M.sum(0)), n * (n - 1) / 2.0
    exp = si * sj / tot
    mx = (si + sj) / 2.0
    return 1.0 if mx == exp else float((sij - exp) / (mx - exp))


def gmm_bic(S, lab, w=None, ridge=RIDGE, iters=EM_ITERS):
    """w: optional point weights (a point of weight w counts as w points)"""
    rows, d = S.shape
    ww = np.ones(rows) if w is None else np.asarray(w, float)
    n = ww.sum()
    lam = ridge * np.trace(np.atleast_2d(np.cov(S.T, aweights=None if w is None else ww))) / d
    ks = np.unique(lab)
    k = len(ks)
    R = (lab[:, None] == ks[None, :]).astype(float)
    for _ in range(iters + 1):
        R = R * ww[:, None]
        Nk = R.sum(0) + 1e-12
        logp = np.empty((k, rows))
        for c in range(k):
            mu = R[:, c] @ S / Nk[c]
            Zc = S - mu
            C = (R[:, c][:, None] * Zc).T @ Zc / Nk[c] + lam * np.eye(d)
            L = np.linalg.cholesky(C)
            zz = np.linalg.solve(L, Zc.T)
            logp[c] = (np.log(Nk[c] / n) - 0.5 * (zz * zz).sum(0)
                       - np.log(np.diag(L)).sum() - 0.5 * d * np.log(2 * np.pi))
        mx = logp.max(0)
        lse = mx + np.log(np.exp(logp - mx).sum(0))
        R = np.exp(logp - lse).T
    p = k * (d + d * (d + 1) / 2.0) + (k - 1)
    return float(-2.0 * (ww * lse).sum() + p * np.log(n))


def draw_sample(X, weights, seed, sample=SAMPLE, n_seeds=N_SEEDS):
    """uniform sample without replacement (all points if n <= sample), the points keep their weights
    (None when unweighted), and the stratified seeds among them."""
    rng = np.random.RandomState(seed)
    n = len(X)
    idx = rng.choice(n, sample, replace=False) if n > sample else np.arange(n)
    idx = np.sort(idx)
    S = X[idx]
    wS = None
    if weights is not None:
        wS = np.asarray(weights, dtype=float)[idx]
    sidx = stratified_seeds(S, n_seeds)
    return S, sidx, wS


def stratified_seeds(S, n_seeds=N_SEEDS):
    """indices of n_seeds distinct rows of S, evenly spaced in lexicographic order (all distinct rows
    when there are no more): the choice depends on the positions only, as in the Java selector"""
    _, first = np.unique(S, axis=0, return_index=True)   # distinct rows, lexicographic order
    if len(first) <= n_seeds:
        return np.sort(first)
    return np.sort(first[(np.arange(n_seeds) * len(first)) // n_seeds])


# ---------------------------------------------------------------- merge step
def kde_sums(P, S, w, h, kernel, chunk=4_000_000, rel=None):
    """F(p) = sum_j w_j K(|p-s_j|^2/h^2) and Q(p) = sum_j w_j K^2 (its Poisson variance; a point of
    weight w counts as w points).
    rel (variable bandwidth, experimental): sample point j has bandwidth h*rel_j and weight rel_j^-d"""
    F = np.empty(len(P)); Q = np.empty(len(P))
    inv = None
    if rel is not None:
        w = w * rel ** (-float(S.shape[1])); inv = 1.0 / rel ** 2
    Sn = (S * S).sum(1)
    step = max(1, chunk // len(S))
    for c in range(0, len(P), step):
        p = P[c:c + step]
        d2 = np.maximum((p * p).sum(1)[:, None] + Sn[None, :] - 2.0 * p @ S.T, 0.0)
        K = kernel_weights(d2 / (h * h) if inv is None else d2 / (h * h) * inv[None, :], kernel)
        F[c:c + step] = K @ w
        Q[c:c + step] = (K * K) @ w
    return F, Q


def merge_graph(modes, S, w, kernel, h, n_pts=N_PTS, k_nn=K_NN, rel=None):
    """KDE (on the sample) at the modes and the minimum along each candidate segment."""
    M = np.asarray(modes, float)
    k = len(M)
    fm, qm = kde_sums(M, S, w, h, kernel, rel=rel)
    if k < 2:
        return fm, qm, np.zeros((0, 2), int), np.zeros(0), np.zeros(0)
    iu, ju = np.triu_indices(k, 1)
    if k_nn is not None and k - 1 > k_nn:
        D = _sqdist(M, M); np.fill_diagonal(D, np.inf)
        nb = np.argsort(D, 1, kind="stable")[:, :k_nn]
        A = np.zeros((k, k), bool)
        A[np.repeat(np.arange(k), k_nn), nb.ravel()] = True
        A |= A.T
        keep = A[iu, ju]
        iu, ju = iu[keep], ju[keep]
    t = np.arange(1, n_pts + 1) / (n_pts + 1.0)
    smin = np.empty(len(iu)); qmin = np.empty(len(iu))
    B = max(1, 100_000 // n_pts)
    for c in range(0, len(iu), B):
        a, b = iu[c:c + B], ju[c:c + B]
        P = (M[a][:, None, :] * (1 - t)[None, :, None] + M[b][:, None, :] * t[None, :, None]).reshape(-1, M.shape[1])
        F, Q = kde_sums(P, S, w, h, kernel, rel=rel)
        F = F.reshape(len(a), n_pts); Q = Q.reshape(len(a), n_pts)
        am = F.argmin(1); r = np.arange(len(a))
        smin[c:c + B] = F[r, am]; qmin[c:c + B] = Q[r, am]
    return fm, qm, np.stack([iu, ju], 1), smin, qmin


def merge_modes(modes, sample, weights=None, kernel="gaussian", h=1.0, z=Z, n_pts=N_PTS, k_nn=K_NN, rel=None):
    """Persistence-based merge of mean-shift modes (ToMATo's elder rule with a noise test):
    segments are processed by decreasing saddle value s (the minimum KDE on the segment);
    when a segment joins two components, the one with the lower peak p_young is absorbed iff
    p_young - s < z * sqrt(Q(peak_young) + Q(saddle)), i.e. its valley is within the KDE's
    sampling noise.  Returns a cluster id (0..c-1) per mode."""
    S = np.asarray(sample, float)
    w = np.ones(len(S)) if weights is None else np.asarray(weights, float)
    k = len(modes)
    if k < 2:
        return np.zeros(k, int)
    fm, qm, P, s, q = merge_graph(modes, S, w, kernel, h, n_pts, k_nn, rel)
    s = np.minimum(s, np.minimum(fm[P[:, 0]], fm[P[:, 1]]))
    par = np.arange(k); peak = np.arange(k)
    def find(a):
        while par[a] != a:
            par[a] = par[par[a]]; a = par[a]
        return a
    for e in np.lexsort((P[:, 1], P[:, 0], -s)):     # decreasing s; ties by mode indices
        a, b = find(P[e, 0]), find(P[e, 1])
        if a == b:
            continue
        pa, pb = peak[a], peak[b]
        young, old = (pa, pb) if (fm[pa], -pa) < (fm[pb], -pb) else (pb, pa)
        if fm[young] - s[e] < z * np.sqrt(qm[young] + q[e]):
            r, o = min(a, b), max(a, b)
            par[o] = r; peak[r] = old
    roots = np.array([find(i) for i in range(k)])
    return np.unique(roots, return_inverse=True)[1]


# ---------------------------------------------------------------- selector
def _plateaus(rows, theta, min_run):
    out = []; a = 0
    for t in range(1, len(rows) + 1):
        if t == len(rows) or not (rows[t]["cons"] >= theta and rows[t]["k"] == rows[t - 1]["k"]):
            if t - a >= min_run and rows[a]["k"] >= 2:
                out.append((a, t - 1))
            a = t
    return out


def select(X, weights=None, kernel="gaussian", seed=0, sample=SAMPLE, n_seeds=N_SEEDS,
           z=Z, n_pts=N_PTS, k_nn=K_NN, return_scan=False, variable=False):
    X = np.asarray(X, dtype=float)
    n, d = X.shape
    S, sidx, wS = draw_sample(X, weights, seed, sample, n_seeds)
    one = np.ones(len(S)) if wS is None else wS               # point weights (mean 1)
    S = S - np.average(S, axis=0, weights=one)
    m = len(S)
    b = quantile_bandwidth(S)
    ck = kernel_scale(kernel, d)
    if b <= 0:
        return 0.0, None, [], "degenerate sample (all points equal)"
    rel = pilot_factors(S, S)[0] if variable else None
    rows = {"plain": [], "merged": []}
    prev = {"plain": None, "merged": None}
    plain_on = True
    for i in range(MAX_STEPS + 1):
        sigma = b * 2.0 ** (-i / PER_OCTAVE)
        h = sigma * ck
        C = mean_shift(S, h, kernel, weights=wS, seeds=S[sidx], rel=rel)["centers"]
        if len(C) > MAX_MODES * len(sidx):
            break
        D2 = _sqdist(S, C)
        lab = np.argmin(D2, 1)
        # plain track (round 1): nearest significant mode
        if plain_on:
            mass = np.bincount(lab, weights=one, minlength=len(C)) / one.sum()
            sig = np.flatnonzero(mass >= TAU)
            if mass[sig].sum() < MIN_COVER:
                plain_on = False
            else:
                dl = np.argmin(D2[:, sig], 1)
                cons = ari(prev["plain"], dl) if prev["plain"] is not None else float("nan")
                rows["plain"].append(dict(i=i, h=h, k=len(sig), lab=dl, cons=cons, bic=None))
                prev["plain"] = dl
        # merged track: nearest mode, through the merge; points of non-significant merged
        # clusters go to the merged cluster of their nearest mode among significant ones
        cid = merge_modes(C, S, one, kernel, h, z, n_pts, k_nn, rel)
        ml = cid[lab]
        mass = np.bincount(ml, weights=one, minlength=cid.max() + 1) / one.sum()
        sigc = mass >= TAU
        if sigc.sum() == 0:
            k, ml = 0, np.zeros(m, int)
        else:
            k = int(sigc.sum())
            if k < len(sigc):
                keep = np.flatnonzero(sigc[cid])
                ml = cid[keep[np.argmin(D2[:, keep], 1)]]
        cons = ari(prev["merged"], ml) if prev["merged"] is not None else float("nan")
        rows["merged"].append(dict(i=i, h=h, k=k, lab=ml, cons=cons, bic=None, modes=len(C)))
        prev["merged"] = ml
    cands = []
    for track, theta, min_run in (("plain", THETA, MIN_RUN), ("merged", THETA_M, MIN_RUN_M)):
        R = rows[track]
        for a, zz in _plateaus(R, theta, min_run):
            for t in range(a, zz + 1):
                R[t]["bic"] = gmm_bic(S, R[t]["lab"], wS)
            cands.append(dict(track=track, a=a, z=zz, bic=min(R[t]["bic"] for t in range(a, zz + 1)),
                              ia=R[a]["i"], iz=R[zz]["i"], k=R[a]["k"]))
    table = [(r["h"], r["k"], r["bic"]) for tr in ("plain", "merged") for r in rows[tr]]
    plain = [c for c in cands if c["track"] == "plain"]
    merged = [c for c in cands if c["track"] == "merged"]
    # plain track: round 1 (lowest BIC; ties keep the coarser plateau)
    pbest = min(plain, key=lambda c: c["bic"]) if plain else None
    # merged track: the widest plateau (ties: the finer one)
    mbest = max(merged, key=lambda c: (c["iz"] - c["ia"], c["iz"])) if merged else None
    if mbest is not None and (pbest is None or pbest["k"] == mbest["k"]
                              or pbest["bic"] >= mbest["bic"] - DELTA_BIC):
        best = mbest
    else:
        best = pbest
    if best is None:
        # scikit-learn's estimate as the matched kernel's scale (sigma = b / sqrt(d + 2), a flat
        # kernel's h = b), or the finest scale scanned when the scan stopped above it
        finest = rows["merged"][-1]["h"] if rows["merged"] else b * ck
        h = max(b * ck / np.sqrt(d + 2.0), finest) if rows["merged"] else b * ck
        reason = "no stable partition with >= 2 clusters in either track: sklearn's estimate at the matched scale"
        out = (h, None, table, reason)
    else:
        i_star = best["ia"] + POSITION * (best["iz"] - best["ia"])
        h = b * 2.0 ** (-i_star / PER_OCTAVE) * ck
        merge = dict(z=z, n_pts=n_pts, k_nn=k_nn) if best["track"] == "merged" else None
        if variable:
            merge = dict(merge or {}, variable=True, apply=best["track"] == "merged")
        reason = (f"{best['track']} plateau of {best['k']} clusters over i={best['ia']}..{best['iz']} "
                  f"(BIC {best['bic']:.6g}; plain best {None if pbest is None else round(pbest['bic'], 2)}, "
                  f"{len(plain)} plain / {len(merged)} merged plateaus)")
        out = (h, merge, table, reason)
    if return_scan:
        return out + (dict(b=b, rows=rows, cands=cands, S=S, m=m),)
    return out


PILOT_K = 10


def pilot_factors(P, S, k=PILOT_K, G=None):
    """experimental variable bandwidth (round 1): rel(x) = r_10(x) / geometric mean of r_10 over S"""
    k = min(k, len(S))
    out = np.empty(len(P))
    step = max(1, 2_000_000 // len(S))
    for c in range(0, len(P), step):
        d2 = _sqdist(P[c:c + step], S)
        out[c:c + step] = np.sqrt(np.partition(d2, k - 1, axis=1)[:, k - 1])
    if G is None:
        G = float(np.exp(np.mean(np.log(np.maximum(out, 1e-300)))))
    return np.maximum(out, 1e-12 * G) / G, G


def cluster(X, h, merge, kernel="gaussian", weights=None, seed=0, sample=SAMPLE, bin_seeding=None):
    """The production run: ONE standard mean shift on all data at h, then (if merge) the merge
    step on its modes with a bounded sample.  Returns dict(modes, cid, labels_nearest, labels_basin)."""
    X = np.asarray(X, float)
    if bin_seeding is None:
        bin_seeding = len(X) > 10000
    if merge is not None and merge.get("variable"):      # experimental variable-bandwidth variant
        S, _, wS = draw_sample(X, weights, seed, sample)
        relS, G = pilot_factors(S, S)
        r = mean_shift(X, h, kernel, weights=weights, bin_seeding=bin_seeding, rel=pilot_factors(X, S, G=G)[0])
        C = r["centers"]
        mk = {k: v for k, v in merge.items() if k not in ("variable", "apply")}
        cid = merge_modes(C, S, wS, kernel, h, rel=relS, **mk) if merge["apply"] else np.arange(len(C))
        return dict(modes=C, cid=cid, labels_nearest=cid[r["labels"]], labels_basin=cid[r["basin"]],
                    n_modes=len(C), n_clusters=int(cid.max() + 1) if len(cid) else 0)
    r = mean_shift(X, h, kernel, weights=weights, bin_seeding=bin_seeding)
    C = r["centers"]
    if merge is None:
        cid = np.arange(len(C))
    else:
        S, _, wS = draw_sample(X, weights, seed, sample)
        cid = merge_modes(C, S, wS, kernel, h, **merge)
    return dict(modes=C, cid=cid, labels_nearest=cid[r["labels"]], labels_basin=cid[r["basin"]],
                n_modes=len(C), n_clusters=int(cid.max() + 1) if len(cid) else 0)
