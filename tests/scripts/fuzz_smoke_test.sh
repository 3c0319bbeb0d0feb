#!/usr/bin/env bash
# CTest: the libFuzzer targets still build and survive 3,000 runs each (fixed seed: repeatable). Needs
# clang with the libFuzzer runtime; fails (never skips) without it, so CI
# notices when setup.sh did not install it.
# usage: fuzz_smoke_test.sh HALLWAY_BINARY SOURCE_DIR
set -uo pipefail
binary=$1
src=$2
if ! command -v clang++ >/dev/null; then
  echo "fuzz_smoke_test: FAIL: clang++ is not installed; run scripts/setup.sh (installs clang, libclang-rt-14-dev)" >&2
  exit 1
fi
build=$(dirname "$binary")/fuzz-smoke
HALLWAY_FUZZ_BUILD_DIR=$build HALLWAY_FUZZ_JOBS=2 HALLWAY_FUZZ_RUNS=3000 HALLWAY_FUZZ_SEED=1 \
  bash "$src/scripts/fuzz.sh" 3
rc=$?
[ $rc -eq 0 ] || echo "fuzz_smoke_test: FAIL: a fuzz target failed to build or found a bug (exit $rc)" >&2
exit $rc
