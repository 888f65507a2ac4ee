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
# torch.set_num_threads) and OpenMP's idle threads sleep (OMP_WAIT_POLICY=passive unless set).
# Takes about 10 minutes; run it on an otherwise idle machine.
#
# Environment: PEER (path of peer_torch_sm.py, default ../shared/bench/ beside the repository),
# PYTHON (a python3 that imports torch; default: the first of python3, /usr/bin/python3 that does,
# e.g. Debian's python3-torch), JAR (default models/benchmarks/target/benchmarks.jar), FORKS (3),
# RUNS (3), THREADS ("1 2"), PEER_STEPS (steps per peer run for every config, instead of the
# defaults below that take ~5 s each at the peer's speed with an optimised torch build).
#
# The peer's speed depends on the torch build: Debian's python3-torch 1.13 calls the system
# libblas.so.3, the reference BLAS unless libopenblas0-pthread is installed (measured here, MLP,
# one thread, loaded machine: 845 samples/s with the reference BLAS, 3,367 with OpenBLAS); the
# footer names the torch version and where libblas.so.3 points.
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

python="${PYTHON:-}"
if [[ -z "$python" ]]; then
  for candidate in python3 /usr/bin/python3; do
    if "$candidate" -c 'import torch' 2>/dev/null; then
      python="$candidate"
      break
    fi
  done
fi
if [[ -z "$python" ]] || ! "$python" -c 'import torch' 2>/dev/null; then
  echo "no python3 with torch: install Debian's python3-torch or set PYTHON" >&2
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

# OMP_WAIT_POLICY=passive (both sides): libgomp's idle threads otherwise spin between parallel
# regions and, on a machine with other work, take the core the next region needs (see
# docs/performance.md, "Threads"). Override with OMP_WAIT_POLICY=active to see the difference.
wait_policy="${OMP_WAIT_POLICY:-passive}"

with_threads() {
  local t="$1"
  shift
  OMP_NUM_THREADS="$t" OPENBLAS_NUM_THREADS="$t" MKL_NUM_THREADS="$t" \
    OMP_WAIT_POLICY="$wait_policy" "$@"
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
  local arch="$1" t="$2" steps="$3" out="$work/peer.json"
  : >"$out"
  for _ in $(seq "$runs"); do
    with_threads "$t" "$python" "$peer" --arch "$arch" --loss closed --threads "$t" \
      --steps "$steps" >>"$out"
  done
  python3 - "$out" <<'EOF'
import json, statistics, sys
print(statistics.median(json.loads(l)["samples_per_s"] for l in open(sys.argv[1]) if l.strip()))
EOF
}

sgemm_ops="$(FORKS=1 jmh sgemm-1024 1 3)"
sgemm_gflops="$(python3 -c "print($sgemm_ops * 2 * 1024**3 / 1e9)")"

echo "| config | threads | ours samples/s | peer samples/s | ours / peer | sgemm-1024 GFLOP/s (1 thread) | GEMM-bound limit samples/s |"
echo "|---|---|---|---|---|---|---|"
for entry in "${configs[@]}"; do
  IFS='|' read -r config arch steps flop <<<"$entry"
  steps="${PEER_STEPS:-$steps}"
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
echo "peer: $("$python" -c 'import torch; print("torch", torch.__version__)'), libblas.so.3 -> $(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null || echo '?')"
echo "ours: JMH $forks fork(s) x 3 iterations of 3 s; peer: $runs run(s) per cell; OMP_WAIT_POLICY=$wait_policy"
echo "$(date -u +%FT%TZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
