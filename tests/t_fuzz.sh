#!/usr/bin/env bash
# Fuzz smoke: builds the libFuzzer harnesses (clang, ASan+UBSan, build-fuzz/)
# and runs each for FUZZ_SMOKE_SECONDS (default 8) after its crash regression
# inputs. Runs once per `make check`: in the sanitizer pass (FACTUM_BUILD=
# build-asan) or when FACTUM_FUZZ=1; skipped otherwise and without clang.
set -u
cd "$(dirname "$0")/.."
if [ "${FACTUM_BUILD:-build}" != build-asan ] && [ "${FACTUM_FUZZ:-0}" != 1 ]; then
    echo "ok 1 - fuzz smoke # SKIP runs in the sanitizer pass only (FACTUM_FUZZ=1 to force)"; exit 0
fi
if ! command -v clang >/dev/null; then echo "ok 1 - fuzz smoke # SKIP no clang"; exit 0; fi
mkdir -p build-fuzz
if ! make -s --no-print-directory fuzz-build -j2 > /dev/null 2>build-fuzz/build.err; then
    echo "not ok 1 - fuzz harnesses build (clang errors below)"; grep -m3 error build-fuzz/build.err | sed 's/^/#   /'; exit 1
fi
echo "ok 1 - fuzz harnesses build"
# the gazetteer of the build under test, for fuzz_geo and the coder
export FACTUM_GAZETTEER=$PWD/${FACTUM_BUILD:-build}/gazetteer.bin
harnesses=$(make -s --no-print-directory -p -n fuzz-build 2>/dev/null | sed -n 's/^FUZZ_HARNESSES := //p' | head -n 1)
FUZZ_TAP_FIRST=2 bash tests/fuzz/run.sh "${FUZZ_SMOKE_SECONDS:-8}" $harnesses
