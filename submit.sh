#!/usr/bin/env bash
# Runs a mean-shift job: ./submit.sh COMMAND [options]   or   ./submit.sh --job FILE [options]
#
# On first use (or when sources changed) it builds target/spark-meanshift.jar and the
# classpath files with Maven. With a local master (the default, local[*]) the job runs in an
# embedded Spark (java -cp); with any other --master it goes through
# $SPARK_HOME/bin/spark-submit with the thin jar and conf/spark-defaults.conf, plus the
# RAPIDS jar and conf/gpu.conf with --gpu. --dry-run prints the command instead of running it.
# Arguments are passed on as an array; nothing here evaluates user input.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/target/spark-meanshift.jar"

needs_build() {
  [[ ! -f "$jar" || ! -f "$here/target/classpath-local.txt" || ! -f "$here/target/classpath-runtime.txt" ]] && return 0
  [[ -n "$(find "$here/src/main" "$here/pom.xml" -newer "$jar" -print -quit 2>/dev/null)" ]]
}

if needs_build; then
  echo "submit.sh: building the jar (first use or sources changed)..." >&2
  (cd "$here" && mvn -q -B -Dstyle.color=never -DskipTests package) >&2
fi

launch_out="$(mktemp)"
status=0
java -cp "$jar:$(cat "$here/target/classpath-local.txt")" io.github.meanshift.cli.Launch "$here" "$@" >"$launch_out" || status=$?
if [[ $status -ne 0 ]]; then
  rm -f "$launch_out"
  exit "$status"
fi
mapfile -d '' -t cmd <"$launch_out"
rm -f "$launch_out"

mode="${cmd[0]}"
cmd=("${cmd[@]:1}")
if [[ "$mode" == "print" ]]; then
  printf '%q ' "${cmd[@]}"
  printf '\n'
  exit 0
fi
exec "${cmd[@]}"
