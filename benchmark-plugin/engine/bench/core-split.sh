#!/usr/bin/env bash
# Which split of a machine's cores trains a plan's cells fastest: two cells at a time on one thread
# each (-Ddelvm.workers=2 -Ddelvm.threads=1) or one cell at a time on two threads (workers 1,
# threads 2), for each kind of cell of the default plan. Run it on an otherwise idle 2-core machine,
# from the repository root:
#
#   benchmark-plugin/engine/bench/core-split.sh [mirror]
#
# For each kind it writes a plan of two replicates (seeds 1 and 2) of one default-plan cell, runs
# it from empty results with the command line (org.delvm.benchmark.cli.Delvm run: no report) in
# both splits, and prints the wall time of each run (JVM start included, the same for both) and
# the speed of the 2 x 1 split relative to 1 x 2. OMP_WAIT_POLICY=passive is set for both (see
# docs/performance.md, "Threads"). MVN_OFFLINE=-o builds offline.
set -euo pipefail
mirror="${1:-../shared/datasets}"
engine=benchmark-plugin/engine
mvn -B -q ${MVN_OFFLINE:-} -pl "$engine" -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile=target/classpath.txt
cp="$engine/target/delvm-engine-0.1.0-SNAPSHOT.jar:$(cat "$engine/target/classpath.txt")"
out=$(mktemp -d)
echo "work in $out; $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# kind | template id in the default plan | fields that replace the template's (JSON)
kinds=(
  "exact sm, MLP 2 layers (forward-mode)|fig8-sm|{\"hiddenUnits\": [256, 256]}"
  "cd, MLP 512x512|fig8-cd|{\"hiddenUnits\": [512, 512]}"
  "AE, MLP 1024|fig7-ae|{\"hiddenUnits\": [1024]}"
  "CEBM (pcd-langevin), MLP 256|fig8-cebm|{\"hiddenUnits\": [256]}"
  "CEBM (pcd-langevin), CNN 4 layers (the paper plan's critical-path kind)|fig3-cebm|{}"
  "ssm, CNN 3 layers|fig3-sm|{\"hiddenUnits\": [16, 16, 16]}"
  "sm closed form, CNN 70 filters 5x5, 5 epochs|fig1-kernels|{\"objective\": \"sm\", \"kernels\": [5], \"epochs\": 5}"
  "VAE, 200 epochs|vae-table1|{\"objective\": \"elbo\"}"
)

plan_of() { # template id, replacements, output file
  python3 - "$engine/src/main/resources/org/delvm/benchmark/plan/default.json" "$1" "$2" "$3" <<'PY'
import json, sys
plan, template_id, replacements, path = sys.argv[1:]
t = next(c for c in json.load(open(plan))["cells"] if c["id"] == template_id)
for k in ("sweep", "seed", "seeds", "splitSeeds", "overrides", "paper", "coordinates"):
    t.pop(k, None)
t.update(json.loads(replacements))
t["seeds"] = [1, 2]
json.dump({"name": "core-split", "description": "two replicates of " + template_id,
           "cells": [t]}, open(path, "w"), indent=1)
PY
}

run() { # plan file, workers, threads -> seconds
  local start end
  start=$(date +%s.%N)
  OMP_WAIT_POLICY=passive OMP_NUM_THREADS="$3" OPENBLAS_NUM_THREADS="$3" \
    java -Xmx6g -Dorg.bytedeco.javacpp.maxbytes=8g -Dorg.bytedeco.javacpp.maxphysicalbytes=14g \
    -cp "$cp" org.delvm.benchmark.cli.Delvm run --plan "$1" --results "$out/results-$2x$3" \
    --cache "$out/cache" --mirror "$mirror" --fresh --workers "$2" --threads "$3" \
    > "$out/run.log" 2>&1 || { tail -20 "$out/run.log" >&2; exit 1; }
  end=$(date +%s.%N)
  python3 -c "print(f'{$end - $start:.1f}')"
}

echo
echo "| cell kind (2 replicates) | workers 2 x threads 1 (s) | workers 1 x threads 2 (s) | 2x1 speed / 1x2 speed |"
echo "|---|---|---|---|"
for entry in "${kinds[@]}"; do
  IFS='|' read -r kind template replacements <<<"$entry"
  plan_of "$template" "$replacements" "$out/plan.json"
  two_by_one=$(run "$out/plan.json" 2 1)
  one_by_two=$(run "$out/plan.json" 1 2)
  echo "| $kind | $two_by_one | $one_by_two | $(python3 -c "print(f'{$one_by_two / $two_by_one:.2f}')") |"
done
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%FT%TZ)"
rm -rf "$out"
