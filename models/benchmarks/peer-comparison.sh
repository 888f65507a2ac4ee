#!/usr/bin/env bash
# Same-run comparison of our score-matching training step with the PyTorch peer.
#
# Builds nothing. First build the benchmark jar from the repository root:
#   mvn -B -Pbenchmarks -pl models/benchmarks -am package -DskipTests
# then run, from anywhere:
#   bash models/benchmarks/peer-comparison.sh
#
# For each of the three single-layer sm configs and 1 and 2 threads it runs our JMH benchmark
# (TrainingStepBenchmark, 3 forks; the median of the forks' mean scores) and the PyTorch peer
# (--loss closed, 3 runs; their median), then sgemm-1024 on one thread, and prints a markdown
# table. Thread counts are set explicitly for both sides (OpenMP, OpenBLAS, MKL, and the peer's
# torch.set_num_threads). Takes about 10 minutes; run it on an otherwise idle machine.
#
# Environment: PEER (path of peer_torch_sm.py, default ../shared/bench/ beside the repository),
# JAR (default models/benchmarks/target/benchmarks.jar), FORKS (3), RUNS (3), THREADS ("1 2").
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
jar="${JAR:-$root/models/benchmarks/target/benchmarks.jar}"
peer="${PEER:-$root/../shared/bench/peer_torch_sm.py}"
forks="${FORKS:-3}"
runs="${RUNS:-3}"
threads_list="${THREADS:-1 2}"

if [[ ! -f "$jar" ]]; then
  echo "no $jar: build it first (mvn -B -Pbenchmarks -pl models/benchmarks -am package -DskipTests)" >&2
  exit 2
fi
if [[ ! -f "$peer" ]]; then
  echo "no peer script at $peer: set PEER=/path/to/peer_torch_sm.py" >&2
  exit 2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# config | peer architecture | peer steps per run | useful FLOP per sample (docs/performance.md)
configs=(
  "delvm-sm-mlp-140-2048|140-2048|1500|2.87e6"
  "delvm-sm-cnn-1x28x28-70k5|conv:1-28-28-70-5|80|13.72e6"
  "delvm-sm-cnn-3x32x32-80k3|conv:3-32-32-80-3|60|22.12e6"
)

with_threads() {
  local t="$1"
  shift
  OMP_NUM_THREADS="$t" OPENBLAS_NUM_THREADS="$t" MKL_NUM_THREADS="$t" "$@"
}

# JMH: prints the median over forks of each fork's mean ops/s.
jmh() {
  local config="$1" t="$2" iterations="$3" out="$work/jmh-$1-$2.json"
  with_threads "$t" java -jar "$jar" TrainingStepBenchmark -p config="$config" \
    -f "$forks" -wi 2 -w 2 -i "$iterations" -r 3 -rf json -rff "$out" >"$work/jmh.log" 2>&1 || {
    tail -20 "$work/jmh.log" >&2
    exit 1
  }
  python3 - "$out" <<'EOF'
import json, statistics, sys
raw = json.load(open(sys.argv[1]))[0]["primaryMetric"]["rawData"]
print(statistics.median(statistics.mean(fork) for fork in raw))
EOF
}

peer_run() {
  local arch="$1" t="$2" steps="$3" values=()
  for _ in $(seq "$runs"); do
    values+=("$(with_threads "$t" python3 "$peer" --arch "$arch" --loss closed --threads "$t" \
      --steps "$steps" | python3 -c 'import json,sys; print(json.loads(sys.stdin.read())["samples_per_s"])')")
  done
  printf '%s\n' "${values[@]}" | python3 -c 'import statistics,sys; print(statistics.median(float(v) for v in sys.stdin))'
}

sgemm_ops="$(FORKS=1 jmh sgemm-1024 1 3)"
sgemm_gflops="$(python3 -c "print($sgemm_ops * 2 * 1024**3 / 1e9)")"

echo "| config | threads | ours samples/s | peer samples/s | ours / peer | sgemm-1024 GFLOP/s (1 thread) | GEMM-bound limit samples/s |"
echo "|---|---|---|---|---|---|---|"
for entry in "${configs[@]}"; do
  IFS='|' read -r config arch steps flop <<<"$entry"
  for t in $threads_list; do
    ours_ops="$(jmh "$config" "$t" 3)"
    peer_sps="$(peer_run "$arch" "$t" "$steps")"
    python3 - "$config" "$t" "$ours_ops" "$peer_sps" "$sgemm_gflops" "$flop" <<'EOF'
import sys
config, t, ops, peer, gflops, flop = sys.argv[1:]
t, ops, peer, gflops, flop = int(t), float(ops), float(peer), float(gflops), float(flop)
ours = ops * 100  # batch of 100 per operation
limit = gflops * 1e9 * t / flop  # t threads at the one-thread sgemm rate each
print(f"| `{config}` | {t} | {ours:,.0f} | {peer:,.0f} | {ours / peer:.2f} | {gflops:.1f} | {limit:,.0f} |")
EOF
  done
done
echo
echo "sgemm-1024: $sgemm_ops ops/s on one thread; limits for t threads assume t times that rate."
echo "$(date -u +%FT%TZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
