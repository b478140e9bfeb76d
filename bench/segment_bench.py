#!/usr/bin/python3
"""Region segmentation side by side with OpenCV, in one run, on the same pictures.

For each picture (a PNG, with its known regions as a grey PNG, or "-"), in turn:
  1. OpenCV's pyrMeanShiftFiltering(sp=hs, sr=hr) (python3-opencv), RUNS calls: first and median;
     its output labelled by connected components of 4-neighbours whose filtered colours are
     within hr/2 (our link rule), scored against the known regions;
  2. ours in a fresh JVM (io.github.meanshift.segment.SegmentBench): first run and median of the
     next RUNS - 1, filter and labelling (labels, fusion, pruning);
  3. OpenCV again (RUNS calls), so that both sides see the same load on a shared machine.
Prints a Markdown table and writes it, with the raw numbers, to OUT/segment-bench.{md,json}.

Usage: /usr/bin/python3 bench/segment_bench.py OUT CLASSPATH RUNS NAME:PICTURE:REGIONS:HS:HR ...
"""
import json
import os
import statistics
import subprocess
import sys
import time

import cv2
import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from sklearn.metrics import adjusted_rand_score


def opencv_times(img, hs, hr, runs):
    times, cpu = [], []
    out = None
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        out = cv2.pyrMeanShiftFiltering(img, hs, hr)
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    return times, cpu, out


def label(filtered, link):
    """Connected components of 4-neighbours whose colours are within `link`."""
    h, w, _ = filtered.shape
    f = filtered.astype(np.int32)
    idx = np.arange(h * w).reshape(h, w)
    rows, cols = [], []
    for a, b, ia, ib in ((f[:, :-1], f[:, 1:], idx[:, :-1], idx[:, 1:]),
                         (f[:-1, :], f[1:, :], idx[:-1, :], idx[1:, :])):
        close = ((a - b) ** 2).sum(axis=2) <= link * link
        rows.append(ia[close])
        cols.append(ib[close])
    r = np.concatenate(rows)
    c = np.concatenate(cols)
    graph = coo_matrix((np.ones(len(r)), (r, c)), shape=(h * w, h * w))
    n, labels = connected_components(graph, directed=False)
    return n, labels


def main():
    out, classpath, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    rows = []
    for spec in sys.argv[4:]:
        name, picture, regions, hs, hr = spec.split(":")
        hs, hr = float(hs), float(hr)
        img = cv2.imread(picture, cv2.IMREAD_COLOR)
        truth = None if regions == "-" else cv2.imread(regions, cv2.IMREAD_GRAYSCALE).ravel()
        before, cpu_before, filtered = opencv_times(img, hs, hr, runs)
        ours = json.loads(subprocess.run(
            ["java", "-cp", classpath, "io.github.meanshift.segment.SegmentBench",
             picture, regions, str(hs), str(hr), str(runs)],
            check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1])
        after, cpu_after, _ = opencv_times(img, hs, hr, runs)
        t = time.perf_counter()
        n, labels = label(filtered, hr / 2)
        label_seconds = time.perf_counter() - t
        ocv = statistics.median(before[1:] + after[1:])
        row = {
            "picture": name, "size": f"{img.shape[1]}x{img.shape[0]}", "hs": hs, "hr": hr,
            "opencv_first": before[0], "opencv_median": ocv,
            "opencv_cpu": statistics.median(cpu_before[1:] + cpu_after[1:]),
            "opencv_regions": n, "opencv_label_seconds": label_seconds,
            "opencv_ari": None if truth is None else adjusted_rand_score(truth, labels),
            **{"ours_" + k: v for k, v in ours.items()},
        }
        row["ratio_warm"] = (ours["warm_filter"] + ours["warm_label"]) / ocv
        row["ratio_first"] = (ours["first_filter"] + ours["first_label"]) / ocv
        row["ratio_cpu"] = ours["warm_cpu"] / row["opencv_cpu"]
        rows.append(row)
        print(f"{name}: done", file=sys.stderr)

    def f(v, d=2):
        return "n/a" if v is None else f"{v:.{d}f}"

    lines = [
        "| picture | hs, hr | OpenCV filter (s) | ours filter + label, warm (s) | ratio | "
        "ours, first run in a JVM (s) | ratio | CPU s: ours / OpenCV | regions: ours / OpenCV | "
        "ARI: ours / OpenCV |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        lines.append(
            f"| {r['picture']} {r['size']} | {r['hs']:g}, {r['hr']:g} | {f(r['opencv_median'], 3)} | "
            f"{f(r['ours_warm_filter'], 3)} + {f(r['ours_warm_label'], 3)} | {f(r['ratio_warm'])}x | "
            f"{f(r['ours_first_filter'] + r['ours_first_label'], 3)} | {f(r['ratio_first'])}x | "
            f"{f(r['ours_warm_cpu'], 3)} / {f(r['opencv_cpu'], 3)} | "
            f"{r['ours_regions']} / {r['opencv_regions']} | "
            f"{f(r['ours_ari'], 3)} / {f(r['opencv_ari'], 3)} |")
    table = "\n".join(lines)
    print(table)
    with open(os.path.join(out, "segment-bench.md"), "w") as fh:
        fh.write(table + "\n")
    with open(os.path.join(out, "segment-bench.json"), "w") as fh:
        json.dump(rows, fh, indent=1)


if __name__ == "__main__":
    main()
