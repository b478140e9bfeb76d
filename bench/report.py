#!/usr/bin/python3
"""Turns the JSON files of bench/run.sh into docs/benchmarks.md.

Usage: /usr/bin/python3 bench/report.py bench/out docs/benchmarks.md
"""
import json
import math
import os
import platform
import subprocess
import sys

out, target = sys.argv[1], sys.argv[2]


def load(name):
    path = os.path.join(out, name)
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def cpu_model():
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
            if line.startswith("Model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def fmt(v, unit=""):
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "n/a"
    if abs(v) >= 1e6 or (abs(v) < 1e-2 and v != 0):
        return f"{v:.3g}{unit}"
    return f"{v:.3f}{unit}" if isinstance(v, float) else f"{v}{unit}"


def same_clusters(a, b, tol):
    """Every centre of a has a centre of b within tol, and the counts match."""
    if a is None or b is None or len(a["centers"]) != len(b["centers"]):
        return False, float("nan")
    worst = 0.0
    for c in a["centers"]:
        d = min(math.dist(c, e) for e in b["centers"])
        worst = max(worst, d)
    return worst <= tol, worst


rows = []
sk = load("sklearn-10k.json")
ex = load("ours-10k-exact.json")
auto = load("ours-10k-auto.json")
machine = (ex or auto or {}).get("machine", {})
if sk and ex:
    ok, worst = same_clusters(sk, ex, 1e-3 * sk["bandwidth"])
    ratio = sk["fit_seconds"] / ex["fit_seconds"]
    rows.append((
        "10,000 2-D points, flat kernel, every point a seed, exact neighbours",
        f"{fmt(ex['fit_seconds'], ' s')} ({ex['engine']}, {ex['n_clusters']} clusters)",
        f"scikit-learn {fmt(sk['fit_seconds'], ' s')} ({sk['n_clusters']} clusters)",
        f"{ratio:.1f}x faster; same clusters: {'yes' if ok else 'no'} (largest centre gap {worst:.2g})",
        ">= 10x, same clusters",
        ratio >= 10 and ok))
if sk and auto:
    ok, worst = same_clusters(sk, auto, 1e-3 * sk["bandwidth"])
    ratio = sk["fit_seconds"] / auto["fit_seconds"]
    rows.append((
        "the same, default neighbours (auto)",
        f"{fmt(auto['fit_seconds'], ' s')} ({auto['engine']})",
        f"scikit-learn {fmt(sk['fit_seconds'], ' s')}",
        f"{ratio:.1f}x faster; same clusters: {'yes' if ok else 'no'}",
        "",
        None))
for engine in ("local", "jvm"):
    for kernel in ("flat", "gaussian"):
        for suffix, label in (("", "scalar"), ("-vector", "Vector API")):
            e = load(f"engine-{engine}-{kernel}{suffix}.json")
            if e:
                rows.append((
                    f"engine {e['engine']} ({label}), {kernel}, d = 2: point pairs per second",
                    fmt(e["pairs_per_second"]),
                    "",
                    "",
                    ">= 1.3e9" if engine == "local" else "",
                    e["pairs_per_second"] >= 1.3e9 if engine == "local" else None))
for m in (10, 100):
    it = load(f"iteration-m{m}.json")
    if it:
        r = it["ratio_meanshift_to_kmeans"]
        rows.append((
            f"one iteration on {it['n_points']:,} 2-D points, m = k = {m}",
            f"{fmt(it['meanshift_seconds_per_iteration'], ' s')} ({it['meanshift_engine']})",
            f"MLlib KMeans {fmt(it['kmeans_seconds_per_iteration'], ' s')}",
            f"{fmt(r)}x the KMeans time",
            "<= 1x",
            (r is not None and not math.isnan(r) and r <= 1.0)))
f1 = load("fit-1m.json")
if f1:
    rows.append((
        "1,000,000 2-D points, Gaussian, bin seeding, end to end",
        f"{fmt(f1['fit_seconds'], ' s')} ({f1['engine']}, {f1['n_clusters']} clusters, {f1['n_iter']} iterations)",
        "",
        "",
        "<= 60 s",
        f1["fit_seconds"] <= 60))
f10 = load("fit-10m.json")
if f10:
    rows.append((
        "10,000,000 2-D points, Gaussian, bin seeding",
        f"{fmt(f10['fit_seconds'], ' s')} ({f10['engine']}, peak heap {f10['memory']['peak_heap_bytes'] / 2**30:.1f} GiB of {f10['memory']['max_heap_bytes'] / 2**30:.1f})",
        "",
        "",
        "completes in memory",
        True))

lines = [
    "# Benchmarks",
    "",
    "Measured by `bash bench/run.sh` in one run, on the same generated data (Gaussian blobs,",
    "`./submit.sh generate`), on this machine:",
    "",
    f"- CPU: {cpu_model()}, {machine.get('cores', '?')} cores; OS: {machine.get('os', platform.system())}",
    f"- Java {machine.get('java', '?')}, Spark {machine.get('spark', '?')} (master {machine.get('master', '?')})",
    f"- scikit-learn {sk['sklearn'] if sk else '?'}, numpy {sk['numpy'] if sk else '?'}",
    "",
    "Times are fit times (reading the input included for ours, not Spark's start-up);",
    "ratios are from the same run. This machine is shared and noisy: expect 20-30% spread",
    "between runs.",
    "",
    "| measurement | this project | baseline | ratio | target | met |",
    "| --- | --- | --- | --- | --- | --- |",
]
for name, ours, base, ratio, tgt, met in rows:
    mark = "" if met is None else ("yes" if met else "**no**")
    lines.append(f"| {name} | {ours} | {base} | {ratio} | {tgt} | {mark} |")
lines += [
    "",
    "Reproduce: `bash bench/run.sh` (add `--quick` to skip the 10-million-point run). Raw",
    "measurements: `bench/out/*.json`; the phases of each fit (prepare, bandwidth, seeding,",
    "shift, merge, label) are in the `fit-*.json` files.",
    "",
]
with open(target, "w") as f:
    f.write("\n".join(lines))
