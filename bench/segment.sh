#!/usr/bin/env bash
# Region segmentation benchmarks, side by side with OpenCV in one run (bench/segment_bench.py),
# then the 8192 x 8192 picture in tiles (time and peak memory).
# Writes bench/out/segment/: segment-bench.md and .json, big-*.time, big-*/report.json, big.md.
# SEGMENT_BENCH_HEAP (default 1g) is the heap of the 8192 x 8192 runs.
#
# Usage: bash bench/segment.sh [--quick]      (--quick skips the 8192 x 8192 runs)
# Needs: Java 17, Maven, Debian's python3-opencv, python3-sklearn (scipy), /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out/segment
mkdir -p "$out/pictures"
quick=0
[[ "${1:-}" == "--quick" ]] && quick=1
heap="${SEGMENT_BENCH_HEAP:-1g}"   # the JVM's heap for the 8192 x 8192 runs
[[ -f target/spark-meanshift.jar && -z "$(find src/main pom.xml -newer target/spark-meanshift.jar -print -quit)" ]] \
  || mvn -q -B -DskipTests package
cp="target/spark-meanshift.jar:$(cat target/classpath-local.txt)"

echo "== pictures (SceneWriter: each pixel from the scene's shapes and a hashed noise)" >&2
specs=()
while read -r name scene hr; do
  java -cp "$cp" io.github.meanshift.segment.SceneWriter "$scene" \
    "$out/pictures/$name.png" "$out/pictures/$name-regions.png"
  specs+=("$name:$out/pictures/$name.png:$out/pictures/$name-regions.png:8:$hr")
done <<'SCENES'
shapes shapes:512x512 16
gradients gradients:512x512 16
textures textures:512x512 16
shapes-noise14 shapes:512x512:noise=14 24
shapes-noise20 shapes:512x512:noise=20 32
SCENES
specs+=("coffee:data-samples/coffee-512x512.jpg:-:8:16")

echo "== ours vs OpenCV's pyrMeanShiftFiltering, 512 x 512" >&2
/usr/bin/python3 bench/segment_bench.py "$out" "$cp" 6 "${specs[@]}"

if [[ $quick == 0 ]]; then
  echo "== 8192 x 8192 (67 M pixels) on $(nproc) cores, driver heap $heap" >&2
  # The scene computed by the tasks, tile by tile: the report has the ARI against its regions.
  MEANSHIFT_DRIVER_MEMORY="$heap" /usr/bin/time -v -o "$out/big-synthetic.time" \
    ./submit.sh segment --synthetic shapes:8192x8192 --output "$out/big-synthetic" --overwrite \
    2>>"$out/bench.log"
  # The same picture from a PNG file: each task decodes only down to its tile.
  java -cp "$cp" io.github.meanshift.segment.SceneWriter shapes:8192x8192 "$out/pictures/big.png"
  MEANSHIFT_DRIVER_MEMORY="$heap" /usr/bin/time -v -o "$out/big-file.time" \
    ./submit.sh segment --image "$out/pictures/big.png" --output "$out/big-file" --overwrite \
    2>>"$out/bench.log"
  for run in big-synthetic big-file; do
    /usr/bin/python3 - "$out" "$run" <<'PY'
import json, re, sys
out, run = sys.argv[1], sys.argv[2]
t = open(f"{out}/{run}.time").read()
wall = re.search(r"Elapsed \(wall clock\) time.*: (.*)", t).group(1)
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1))
r = json.load(open(f"{out}/{run}/report.json"))
s = r["seconds"]
print(f"{run}: wall {wall}, peak RSS {rss / 1024 / 1024:.2f} GiB, {r['n_segments']} regions, "
      f"ARI {r.get('metrics', {}).get('ari', 'n/a')}, tiles {s.get('tiles', 0):.0f} s, "
      f"merge+fuse+prune {s.get('merge', 0) + s.get('fuse', 0) + s.get('prune', 0):.1f} s, "
      f"pictures {s.get('pictures', 0):.0f} s, labels {s.get('labels', 0):.0f} s, total {s['total']:.0f} s")
PY
  done | tee "$out/big.md"
  /usr/bin/python3 - "$out" <<'PY' | tee -a "$out/big.md"
import json, sys
a, b = (json.load(open(f"{sys.argv[1]}/{r}/report.json")) for r in ("big-synthetic", "big-file"))
same = a["segment_sizes"] == b["segment_sizes"] and a["segment_colours"] == b["segment_colours"]
print(f"big-file has the regions of big-synthetic (sizes and colours): {same}")
PY
fi
