#!/usr/bin/python3
"""Turns the JSON files of bench/scale.sh into docs/scale.md.

Usage: /usr/bin/python3 bench/scale_report.py bench/out docs/scale.md
"""
import json
import os
import platform
import sys
import time

out, target = sys.argv[1], sys.argv[2]


def load(name):
    path = os.path.join(out, name + ".json")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def gib(v):
    return "n/a" if v is None else f"{v / 2**30:.2f} GiB"


def num(v, digits=3):
    if v is None:
        return "n/a"
    if isinstance(v, str):
        v = float(v)
    return f"{v:.{digits}f}"


def verdict(value, limit):
    if value is None:
        return "not run"
    return "yes" if value <= limit else "**no**"


rows = []


def fit_row(name, what, limit=None, seconds_key="fit_seconds"):
    r = load(name)
    if r is None:
        rows.append((what, "not run", "", "", "", "", ""))
        return
    route = r.get("route", {})
    seeds = f"{r.get('n_seeds', 'n/a')} ({route.get('seeding') or 'n/a'})"
    sec = r.get(seconds_key)
    rows.append((
        what,
        f"{r['n_points']:,} x {r['n_features']}",
        f"{num(r.get('bandwidth'), 4)}",
        f"{r['n_clusters']:,}, ARI {num(r.get('ari_truth'))}",
        seeds,
        f"{num(r.get('fit_seconds'), 1)} s / {num(r.get('end_to_end_seconds'), 1)} s",
        f"{gib(r['memory'].get('old_gen_peak_bytes'))}"
        + ("" if limit is None else f"; within {limit} s: {verdict(sec, limit)}"),
    ))


lines = [
    "# At scale",
    "",
    "`bash bench/scale.sh` writes this page: cases past the sweet spot, on generated blobs, in one",
    "run on one machine (each a `./submit.sh bench` in an embedded local Spark; the raw JSON is in",
    "`bench/out/scale-*.json`). Times are the fit, then the fit plus writing every label to",
    "Parquet (`--mode end-to-end`); ARI against the generator's truth. Memory: the peak of the",
    "JVM's old generation (`memory.old_gen_peak_bytes`; G1 lets it fill before it collects, so",
    "an upper bound of the live data), and for whole commands the peak resident memory.",
    "",
]
first = next((load(n) for n in ["scale-16d-100k-h3", "scale-label-1m-100k", "scale-50k-h001"]
              if load(n)), None)
if first:
    m = first["machine"]
    lines += [f"Machine: {m['cores']} cores, Java {m['java']}, Spark {m['spark']}, {m['master']}; "
              f"{platform.platform()}; written {time.strftime('%Y-%m-%d')}.", ""]

lines += ["## Labels against many centres", ""]
lab = load("scale-label-1m-100k")
if lab:
    lines += [
        f"{lab['n_points']:,} 2-D points labelled by the nearest of {lab['n_centers']:,} centres (the",
        f"means of distinct cells of side h = {lab['bandwidth']}, spread like a fit's), the way",
        "`MeanShiftModel.transform` labels them without a GPU (a Java loop per partition over the",
        "broadcast centres, hashed into cells): "
        f"**{num(lab['label_seconds'], 1)} s** (target 60 s: {verdict(lab['label_seconds'], 60)}), "
        f"old generation peak {gib(lab['memory'].get('old_gen_peak_bytes'))}.",
        "",
    ]
else:
    lines += ["not run", ""]

lines += ["## Fits", "",
          "| case | points x features | h | clusters, ARI vs truth | seeds (route) | fit / end to end | old gen peak; target |",
          "|---|---|---|---|---|---|---|"]
fit_row("scale-50k-h001", "flat, h = 0.01: tens of thousands of clusters", 60, "end_to_end_seconds")
fit_row("scale-16d-100k-h3", "16-D, h = 3", 60)
fit_row("scale-16d-100k-auto", "16-D, default bandwidth", 60)
fit_row("scale-16d-100k-h3-bins", "16-D, h = 3, --bin-seeding")
fit_row("scale-16d-1m-h3", "16-D, h = 3", 300)
fit_row("scale-16d-1m-auto", "16-D, default bandwidth", 300)
fit_row("scale-64d-100k-h6", "64-D, h = 6", 300)
fit_row("scale-64d-100k-auto", "64-D, default bandwidth", 300)
fit_row("scale-blur-2m-halo", "blurring, 1 MB broadcast budget (halo path)")
fit_row("scale-blur-2m-broadcast", "blurring, default budget (broadcast path)")
fit_row("scale-blur-20m", "blurring, 20 million points")
for r in rows:
    lines.append("| " + " | ".join(r) + " |")

cmds = [(n, load(n)) for n in ["scale-50k-h001-command", "scale-blur-20m-command"]]
cmds = [(n, c) for n, c in cmds if c]
if cmds:
    lines += ["", "Whole commands, timed from outside (JVM start included), with their peak resident",
              "memory:", ""]
    for n, c in cmds:
        lines.append(f"- `./submit.sh {c['command']}`: {float(c['seconds']):.1f} s, "
                     f"peak RSS {gib(c['max_rss_bytes'])}")
for name in ["scale-blur-2m-halo", "scale-blur-2m-broadcast", "scale-blur-20m"]:
    r = load(name)
    if r and r.get("route", {}).get("reason"):
        lines += ["", f"`{name}` route: {r['route']['blurring_path']}: {r['route']['reason']}"]
lines += ["", "Reproduce: `bash bench/scale.sh` (`--quick` skips the 20-million-point run).", ""]
with open(target, "w") as f:
    f.write("\n".join(lines))
print("wrote", target)
