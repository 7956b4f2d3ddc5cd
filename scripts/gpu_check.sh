#!/usr/bin/env bash
# The GPU check (issue 17): build here, carry, run on a machine with an NVIDIA GPU.
#
#   scripts/gpu_check.sh --build            # build machine (needs nvcc): CUDA binaries -> gpu-carry/
#   scripts/gpu_check.sh [--out DIR]        # GPU machine: preflight, tests on cuda, measurement
#   scripts/gpu_check.sh --smoke [--out D]  # any machine, CPU, tiny shape: the same steps in seconds
#
# Run modes take --no-tests / --no-measure (to split the run over two commands when one command
# may last at most 10 minutes) and pass arguments after `--` on to the measurement binary
# (examples/gpu_check: --skip PIECES, --decode-tokens N, --train-batch N, --grpo-micro-batch N).
#
# What a run writes to --out (default $OUT, else ./gpu_check_out):
#   preflight.txt   what was checked and found (GPU, driver, libraries, fixtures)
#   tests.log/json  the device-sensitive test files (tests/gpu_suite.rs) on RULEGYM_DEVICE
#   gpu_check.json/md  the measurement (prefill, decode, fwd+bwd full and LoRA, GRPO step,
#                   vision tower, peak memory of each)
#   summary.md/json the three together
#
# Why these choices:
# - One test binary: tests/gpu_suite.rs includes the five test files that read RULEGYM_DEVICE,
#   so one ~20 MB executable travels instead of five (the device tool carries 64 MiB in all).
# - Fixtures: the tests find tests/data through CARGO_MANIFEST_DIR, which rustc bakes into the
#   binary as the build machine's path. The run links that path to this checkout when it is
#   missing (a symlink; sudo -n if the parent is not writable) and says so when it cannot.
# - CUDA_COMPUTE_CAP=80 by default: candle-kernels ship PTX, not SASS, and the driver
#   JIT-compiles PTX for any newer GPU at module load (seconds, then cached in ~/.nv), so PTX
#   for compute_80 runs on an H100/H200 (sm_90). It is also the configuration that has been
#   built here with Debian's CUDA 11.8. nvcc 11.8 accepts 90 as well (Hopper support arrived in
#   11.8), but that PTX needs a driver for CUDA >= 11.8 and cannot run on A100s; set
#   CUDA_COMPUTE_CAP=90 to try it.
# - Libraries: candle links cudarc with `dynamic-linking`, so the binaries need libcuda.so.1
#   (the driver), and libcublas, libcublasLt, libcurand and libnvrtc of the toolkit's major
#   version (.so.11 for 11.8) at run time. The preflight reads them with ldd, also looks in
#   /usr/local/cuda*/ and in Python's nvidia-* wheels (PyTorch installs those), and names
#   what is missing before anything runs.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CARRY="${GPU_CHECK_CARRY:-$ROOT/gpu-carry}"
CARRY_LIMIT_MIB="${GPU_CHECK_CARRY_LIMIT_MIB:-64}"
MODE=run
OUT_DIR="${OUT:-$ROOT/gpu_check_out}"
DO_TESTS=1
DO_MEASURE=1
PASS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --build) MODE=build ;;
    --smoke) MODE=smoke ;;
    --out) OUT_DIR="$2"; shift ;;
    --no-tests) DO_TESTS=0 ;;
    --no-measure) DO_MEASURE=0 ;;
    --) shift; PASS=("$@"); break ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "gpu_check.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

die() { echo "gpu_check.sh: $*" >&2; exit 1; }
CARGO_BIN="${CARGO:-cargo}"

# Builds the example and the test suite; prints "name<TAB>path" of each executable.
build_binaries() {
  local msgs
  msgs=$("$CARGO_BIN" build "$@" --example gpu_check --test gpu_suite \
    --message-format=json-render-diagnostics) || die "cargo build $* failed"
  local ex suite
  ex=$(printf '%s\n' "$msgs" | grep '"name":"gpu_check"' | grep -o '"executable":"[^"]*"' \
    | tail -1 | cut -d'"' -f4)
  suite=$(printf '%s\n' "$msgs" | grep '"name":"gpu_suite"' | grep -o '"executable":"[^"]*"' \
    | tail -1 | cut -d'"' -f4)
  [ -x "$ex" ] || die "cargo built no gpu_check example executable"
  [ -x "$suite" ] || die "cargo built no gpu_suite test executable"
  printf 'gpu_check\t%s\ngpu_suite\t%s\n' "$ex" "$suite"
}

# ---------------------------------------------------------------------------------------------
if [ "$MODE" = build ]; then
  command -v nvcc >/dev/null || die "nvcc not found: the cuda feature compiles candle's kernels
  with the CUDA toolkit. Debian: apt-get install nvidia-cuda-toolkit (11.8, from the non-free
  component; the toolkit is ~2 GB), or put a toolkit's bin/ on PATH (CUDA_ROOT=... for its
  lib64/). See README.md, Setup notes."
  NVCC_VERSION=$(nvcc --version | sed -n 's/.*release \([0-9.]*\).*/\1/p')
  CUDA_COMPUTE_CAP="${CUDA_COMPUTE_CAP:-80}"
  echo "nvcc $NVCC_VERSION, CUDA_COMPUTE_CAP=$CUDA_COMPUTE_CAP"
  cd "$ROOT"
  mkdir -p "$CARRY"
  if [ -n "${GPU_CHECK_CARGO_ARGS+set}" ]; then
    # Profile and features replaced (the tests build a CPU carry with ""); nothing exported,
    # so the build reuses what plain cargo commands built.
    cargo_args=$GPU_CHECK_CARGO_ARGS
  else
    cargo_args="--release --features cuda"
    # No debug info: the binaries must fit the carry limit (line tables alone double them).
    export CARGO_PROFILE_RELEASE_DEBUG=false CUDA_COMPUTE_CAP
  fi
  # shellcheck disable=SC2086
  bins=$(build_binaries $cargo_args)
  rm -f "$CARRY/gpu_check" "$CARRY/gpu_suite" "$CARRY/gpu_check.gz" "$CARRY/gpu_suite.gz"
  while IFS=$'\t' read -r name path; do
    cp "$path" "$CARRY/$name"
    strip --strip-debug "$CARRY/$name" 2>/dev/null || true
  done <<<"$bins"
  {
    # Sourced by the run: every value shell-quoted.
    printf 'BUILT_AT=%q\n' "$ROOT"
    printf 'NVCC_VERSION=%q\n' "$NVCC_VERSION"
    printf 'CUDA_COMPUTE_CAP=%q\n' "$CUDA_COMPUTE_CAP"
    printf 'GIT_REV=%q\n' "$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
    printf 'NEEDED=%q\n' "$(readelf -d "$CARRY/gpu_check" 2>/dev/null | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p' | tr '\n' ' ')"
  } >"$CARRY/BUILD_INFO"
  total=$(du -cb "$CARRY"/* | tail -1 | cut -f1)
  if [ "$total" -gt $((CARRY_LIMIT_MIB * 1024 * 1024)) ]; then
    # The embedded PTX is text and compresses several-fold; the run unpacks to a temp dir.
    echo "$((total / 1024 / 1024)) MiB is over the carry limit: gzip -9 the binaries"
    gzip -9 -f "$CARRY/gpu_check" "$CARRY/gpu_suite"
    total=$(du -cb "$CARRY"/* | tail -1 | cut -f1)
  fi
  ls -l "$CARRY"
  echo "carry: [\"${CARRY#"$ROOT"/}\"], $((total / 1024 / 1024)) MiB of ${CARRY_LIMIT_MIB} MiB"
  [ "$total" -le $((CARRY_LIMIT_MIB * 1024 * 1024)) ] \
    || die "the carried files exceed ${CARRY_LIMIT_MIB} MiB: strip symbols (strip -s) or split the run"
  cat "$CARRY/BUILD_INFO"
  echo "on the GPU machine: scripts/gpu_check.sh --out \"\$OUT\"   (carry [\"${CARRY#"$ROOT"/}\"])"
  exit 0
fi

# ---------------------------------------------------------------------------------------------
mkdir -p "$OUT_DIR"
OUT_DIR="$(cd "$OUT_DIR" && pwd)"
PRE="$OUT_DIR/preflight.txt"
: >"$PRE"
note() { echo "$*" | tee -a "$PRE" >&2; }
PROBLEMS=()
problem() { PROBLEMS+=("$*"); note "MISSING: $*"; }

if [ "$MODE" = smoke ]; then
  DEVICE=cpu
  if [ -n "${GPU_CHECK_BIN_DIR:-}" ]; then
    EX="$GPU_CHECK_BIN_DIR/gpu_check"; SUITE="$GPU_CHECK_BIN_DIR/gpu_suite"
  else
    cd "$ROOT"
    bins=$(build_binaries)
    EX=$(printf '%s\n' "$bins" | awk -F'\t' '$1=="gpu_check"{print $2}')
    SUITE=$(printf '%s\n' "$bins" | awk -F'\t' '$1=="gpu_suite"{print $2}')
  fi
  BUILT_AT="$ROOT"
  note "smoke run on the CPU: $EX, $SUITE"
else
  DEVICE="${RULEGYM_DEVICE:-cuda}"
  EX="$CARRY/gpu_check"; SUITE="$CARRY/gpu_suite"
  if [ -f "$CARRY/gpu_check.gz" ]; then
    # Packed by --build to fit the carry limit: unpack outside the carried folder.
    BIN_TMP=$(mktemp -d "${TMPDIR:-/tmp}/rulegym-gpu-carry.XXXXXX")
    for n in gpu_check gpu_suite; do
      gzip -dc "$CARRY/$n.gz" >"$BIN_TMP/$n" && chmod +x "$BIN_TMP/$n"
    done
    EX="$BIN_TMP/gpu_check"; SUITE="$BIN_TMP/gpu_suite"
  fi
  [ -f "$CARRY/BUILD_INFO" ] || die "no $CARRY/BUILD_INFO: build with scripts/gpu_check.sh --build
  on the build machine and carry gpu-carry/"
  # shellcheck disable=SC1091
  . "$CARRY/BUILD_INFO"
  note "built at $BUILT_AT with nvcc $NVCC_VERSION, CUDA_COMPUTE_CAP=$CUDA_COMPUTE_CAP, rev $GIT_REV"
  if command -v nvidia-smi >/dev/null; then
    gpu=$(nvidia-smi --query-gpu=name,compute_cap,driver_version,memory.total --format=csv,noheader 2>&1) \
      || problem "nvidia-smi cannot query the GPU: $gpu"
    note "GPU: $gpu"
    drv_cuda=$(nvidia-smi 2>/dev/null | grep -o 'CUDA Version: [0-9.]*' | awk '{print $3}' || true)
    note "driver supports CUDA ${drv_cuda:-?}"
    if [ -n "${drv_cuda:-}" ] && [ -n "${NVCC_VERSION:-}" ]; then
      # PTX from a newer toolkit than the driver knows fails to load (CUDA_ERROR_UNSUPPORTED_PTX_VERSION).
      newest=$(printf '%s\n%s\n' "$drv_cuda" "$NVCC_VERSION" | sort -V | tail -1)
      [ "$newest" = "$drv_cuda" ] || problem "the driver supports CUDA $drv_cuda but the kernels were built with $NVCC_VERSION: rebuild with a toolkit <= $drv_cuda"
    fi
  else
    problem "nvidia-smi (the NVIDIA driver's tools; also used to sample GPU memory)"
  fi
fi
BINS_OK=1
for b in "$EX" "$SUITE"; do [ -x "$b" ] || { problem "executable $b"; BINS_OK=0; }; done

# Libraries: ldd names what the loader cannot find; look for it where CUDA stacks put it.
lib_dirs() {
  ls -d /usr/local/cuda*/lib64 /usr/local/cuda*/targets/x86_64-linux/lib /usr/lib/wsl/lib 2>/dev/null || true
  for py in python3 python; do
    command -v "$py" >/dev/null || continue
    "$py" - <<'PY' 2>/dev/null || true
import glob, os, site, sys
roots = site.getsitepackages() + [site.getusersitepackages()]
for r in roots:
    for d in glob.glob(os.path.join(r, "nvidia", "*", "lib")):
        print(d)
PY
    break
  done
}
missing_libs() { { ldd "$1" 2>/dev/null || true; } | awk '/not found/{print $1}' | sort -u; }
if [ "$BINS_OK" = 1 ]; then
  need=$( { missing_libs "$EX"; missing_libs "$SUITE"; } | sort -u)
  if [ -n "$need" ]; then
    note "not on the loader path: $(echo $need)"
    extra=""
    for d in $(lib_dirs); do
      for l in $need; do [ -e "$d/$l" ] && case ":$extra:" in *":$d:"*) ;; *) extra="$extra:$d" ;; esac; done
    done
    if [ -n "$extra" ]; then
      export LD_LIBRARY_PATH="${extra#:}${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
      note "LD_LIBRARY_PATH=$LD_LIBRARY_PATH"
    fi
    for l in $( { missing_libs "$EX"; missing_libs "$SUITE"; } | sort -u); do
      stem="${l%%.so*}"
      other=$( { ldconfig -p 2>/dev/null | awk '{print $1}'; for d in $(lib_dirs); do ls "$d"; done 2>/dev/null; } \
        | grep "^$stem\.so\.[0-9]" | sort -u | tr '\n' ' ' || true)
      if [ "$l" = libcuda.so.1 ]; then
        problem "$l: the NVIDIA driver's library (no driver on this machine, or not mounted into it)"
      elif [ -n "$other" ]; then
        problem "$l (this machine has $other): the binaries were linked against CUDA ${NVCC_VERSION:-?}; rebuild with the toolkit of this major version or carry $l"
      else
        problem "$l (CUDA ${NVCC_VERSION:-?} runtime library): install that toolkit's libraries or carry the file"
      fi
    done
  fi
  libs=$(ldd "$EX" 2>/dev/null | grep -E 'cuda|cublas|curand|nvrtc' | awk '{print $1 " -> " ($3 == "not" ? "not found" : $3)}' | tr '\n' ' ' || true)
  note "CUDA libraries: ${libs:-none (a CPU build)}"
fi

# Fixtures: the tests look under the build machine's checkout.
if [ ${#PROBLEMS[@]} -eq 0 ] && [ ! -d "$BUILT_AT/tests/data" ]; then
  if [ -e "$BUILT_AT" ]; then
    problem "fixtures: the tests read $BUILT_AT/tests/data (CARGO_MANIFEST_DIR at build time), which exists here without them"
  elif { mkdir -p "$(dirname "$BUILT_AT")" && ln -s "$ROOT" "$BUILT_AT"; } 2>/dev/null \
    || sudo -n sh -c "mkdir -p '$(dirname "$BUILT_AT")' && ln -s '$ROOT' '$BUILT_AT'" 2>/dev/null; then
    note "fixtures: linked $BUILT_AT -> $ROOT"
  else
    problem "fixtures: cannot create $BUILT_AT -> $ROOT (the tests read tests/data there); create it by hand"
  fi
fi

if [ ${#PROBLEMS[@]} -gt 0 ]; then
  {
    echo "# GPU check: preflight failed"
    echo
    for p in "${PROBLEMS[@]}"; do echo "- missing: $p"; done
  } >"$OUT_DIR/summary.md"
  printf '{"preflight": "failed", "missing": %s}\n' \
    "$(printf '%s\n' "${PROBLEMS[@]}" | sed 's/\\/\\\\/g; s/"/\\"/g; s/.*/"&"/' | paste -sd, | sed 's/^/[/; s/$/]/')" \
    >"$OUT_DIR/summary.json"
  cat "$OUT_DIR/summary.md" >&2
  exit 3
fi
note "preflight: ok"

# 1. The device-sensitive tests.
TESTS_RC=skipped; PASSED=0; FAILED=0; TEST_S=0
if [ "$DO_TESTS" = 1 ]; then
  if [ "$MODE" = smoke ]; then
    # CI-sized: the suite lists every file's tests and runs two that read fixtures and the
    # device variable; the whole suite is what the GPU run is for.
    listed=$("$SUITE" --list 2>/dev/null || true)
    for m in agent agent_parity grpo vision_parity vision_training; do
      printf '%s\n' "$listed" | grep -q "^$m::" || problem "tests/gpu_suite.rs lists no $m:: tests"
    done
    set -- agent::every_trainable_tensor_gets_a_finite_nonzero_gradient \
      agent_parity::qwen2_5_vl_log_probs_match_transformers --exact
  else
    set --
  fi
  t0=$(date +%s)
  set +e
  RULEGYM_DEVICE="$DEVICE" timeout "${GPU_CHECK_TEST_TIMEOUT:-300}" "$SUITE" "$@" >"$OUT_DIR/tests.log" 2>&1
  TESTS_RC=$?
  set -e
  TEST_S=$(( $(date +%s) - t0 ))
  res=$(grep 'test result:' "$OUT_DIR/tests.log" | tail -1 || true)
  PASSED=$(echo "$res" | sed -n 's/.* \([0-9]*\) passed.*/\1/p'); PASSED=${PASSED:-0}
  FAILED=$(echo "$res" | sed -n 's/.* \([0-9]*\) failed.*/\1/p'); FAILED=${FAILED:-0}
  failures=$(grep -E '^test .* FAILED$' "$OUT_DIR/tests.log" | awk '{print $2}' | paste -sd' ' || true)
  note "tests on $DEVICE: rc $TESTS_RC, $PASSED passed, $FAILED failed in ${TEST_S}s ${failures:+(failed: $failures)}"
  printf '{"device": "%s", "rc": %s, "passed": %s, "failed": %s, "seconds": %s, "failures": "%s"}\n' \
    "$DEVICE" "$TESTS_RC" "$PASSED" "$FAILED" "$TEST_S" "${failures:-}" >"$OUT_DIR/tests.json"
fi

# 2. The measurement.
MEASURE_RC=skipped
if [ "$DO_MEASURE" = 1 ]; then
  if [ "$MODE" = smoke ]; then set -- --smoke; else set -- --device "$DEVICE"; fi
  set +e
  timeout "${GPU_CHECK_MEASURE_TIMEOUT:-420}" "$EX" "$@" --out "$OUT_DIR" "${PASS[@]}" \
    2> >(tee "$OUT_DIR/measure.log" >&2)
  MEASURE_RC=$?
  set -e
  note "measurement: rc $MEASURE_RC"
fi

# 3. Summary.
{
  echo "# GPU check ($MODE, $DEVICE)"
  echo
  sed 's/^/    /' "$PRE"
  echo
  [ -f "$OUT_DIR/gpu_check.md" ] && [ "$MEASURE_RC" != skipped ] && cat "$OUT_DIR/gpu_check.md"
} >"$OUT_DIR/summary.md"
printf '{"mode": "%s", "device": "%s", "tests_rc": "%s", "tests_passed": %s, "tests_failed": %s, "measure_rc": "%s"}\n' \
  "$MODE" "$DEVICE" "$TESTS_RC" "$PASSED" "$FAILED" "$MEASURE_RC" >"$OUT_DIR/summary.json"
echo "wrote $OUT_DIR/summary.md" >&2
ok=1
[ "$TESTS_RC" = 0 ] || [ "$TESTS_RC" = skipped ] || ok=0
[ "$MEASURE_RC" = 0 ] || [ "$MEASURE_RC" = skipped ] || ok=0
[ ${#PROBLEMS[@]} -eq 0 ] || ok=0
[ $ok = 1 ] || exit 1
