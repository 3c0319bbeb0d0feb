#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/) with clang into build-fuzz and runs each
# for SECONDS (default 60), seeded from ../shared/corpus and tests/data.
# Prints the executions per target; exits non-zero when a target finds a
# crash, leak, timeout or uncaught exception (its reproducer is left in
# the build dir as crash-*/leak-*/timeout-*).
# usage: scripts/fuzz.sh [SECONDS]   env: HALLWAY_FUZZ_BUILD_DIR, HALLWAY_FUZZ_JOBS
set -uo pipefail
seconds=${1:-60}
src=$(cd "$(dirname "$0")/.." && pwd)
build=${HALLWAY_FUZZ_BUILD_DIR:-$src/build-fuzz}
jobs=${HALLWAY_FUZZ_JOBS:-$(nproc 2>/dev/null || echo 2)}

for tool in clang clang++; do
  command -v "$tool" >/dev/null || {
    echo "fuzz: $tool is missing; libFuzzer needs clang (scripts/setup.sh installs clang and libclang-rt-14-dev)" >&2
    exit 1
  }
done

CC=clang CXX=clang++ cmake -S "$src" -B "$build" -DHALLWAY_FUZZ=ON -DHALLWAY_BUILD_GUI=OFF \
  -DHALLWAY_BUILD_TESTS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >"$build.configure.log" 2>&1 || {
  cat "$build.configure.log" >&2; echo "fuzz: configure failed" >&2; exit 1; }
cmake --build "$build" -j "$jobs" --target fuzzers >"$build.build.log" 2>&1 || {
  tail -40 "$build.build.log" >&2; echo "fuzz: build failed" >&2; exit 1; }

corpus=$src/../shared/corpus
data=$src/tests/data
seeds() {  # seeds() TARGET: prints seed files
  case $1 in
    frab_xml) ls "$corpus"/agenda/*.xml "$data"/frab/*.xml "$data"/reimport/*.xml "$data"/bad/*.xml "$src"/assets/demo/*.xml ;;
    ics) ls "$corpus"/agenda/*.ics "$data"/ics/*.ics "$data"/bad/*.ics ;;
    frab_json) ls "$data"/frab/*.json "$data"/bad/*.json ;;
    sessionize) ls "$data"/sessionize/*.json ;;
    indico) ls "$data"/indico/*.json ;;
    agenda_csv) ls "$data"/csv/* "$data"/bad/latin1.csv ;;
    contacts_csv) ls "$data"/contacts/*.csv "$data"/people/*.csv ;;
    vcard) ls "$data"/contacts/*.vcf "$data"/people/*.vcf ;;
    mecard|note_markers|template|vcard_export|csv_export|markdown_export|ics_export) ;;
  esac 2>/dev/null
}
handwritten() {  # handwritten TARGET DIR: small seeds for the text parsers
  case $1 in
    mecard)
      printf 'MECARD:N:Lima,Ana;ORG:Acme;EMAIL:ana@lima.example;TEL:+3225550100;URL:https://lima.example;;' >"$2/seed1"
      printf 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo Chen\r\nEMAIL;TYPE=work:bo@x.org\r\nEND:VCARD\r\n' >"$2/seed2"
      printf 'MECARD:N:O\\;Neil\\:Pat;NOTE:a\\\\b;;' >"$2/seed3" ;;
    note_markers)
      printf 'Met @Ana Lima at the booth #promise send slides by Friday\n[ ] intro Bo to @Cy #ask about roles on 2025-03-15\n' >"$2/seed1"
      printf '#detail has two kids, next tuesday; #intro @Bo Chen -> @Dee tomorrow 12/03 in 3 days\n' >"$2/seed2" ;;
    vcard_export|csv_export)
      printf 'Ana Lima\x1fAcme, Inc; Ltd\x1fana@lima.example\x1fhttps://x.example/\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:Evil\x1f=HYPERLINK("http://evil")\x1frust' >"$2/seed1"
      printf ' \xc2\xa0=1+2\x1f\t@SUM(A1)\x1f-x@y.z\x1f\\n;,\x1f'"'"'+1 555\x1f' >"$2/seed2" ;;
    ics_export)
      printf 'Fuzzing\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:injected\x1fRoom; A, B\\\x1fAna\rLima\x1fab\rstract\nATTENDEE:evil\x1fhttps://x.example/a b\r\nX-EVIL:1\x1fSubject: Hi\r\n\r\nBEGIN:VTODO\x1fBo\x0bChen' >"$2/seed1"
      printf '\x1f\x1f\x1f\x1f\x1f\x1f' >"$2/seed2" ;;
    markdown_export)
      printf '<img src=x onerror=alert(1)> [click](javascript:alert(1)) ![i](http://t/p.png) *a* `b` \\ &amp;\r\n# h' >"$2/seed1" ;;
    template)
      printf 'Hi {first_name},\n\ngreat to meet you at {event}. Here are the {promise}. {{literal}} {unknown}\n' >"$2/seed1"
      printf 'Subject: {event} follow-up\n\n{name} ({company}) {' >"$2/seed2" ;;
  esac
}

targets="frab_xml ics frab_json sessionize indico agenda_csv contacts_csv vcard mecard note_markers template vcard_export csv_export markdown_export ics_export"
failed=0
printf '%-14s %12s  %s\n' target executions result
for t in $targets; do
  dir=$build/corpus/$t
  mkdir -p "$dir"
  for f in $(seeds "$t"); do cp -n "$f" "$dir/" 2>/dev/null; done
  handwritten "$t" "$dir"
  log=$build/fuzz_$t.log
  # HALLWAY_FUZZ_RUNS + HALLWAY_FUZZ_SEED make a run repeatable (the CI smoke
  # pass): the same inputs every time, so it cannot turn red at random.
  limit=(-max_total_time="$seconds")
  if [ -n "${HALLWAY_FUZZ_RUNS:-}" ]; then limit=(-runs="$HALLWAY_FUZZ_RUNS"); fi
  if [ -n "${HALLWAY_FUZZ_SEED:-}" ]; then limit+=(-seed="$HALLWAY_FUZZ_SEED"); fi
  (cd "$build" && "./fuzz/fuzz_$t" "${limit[@]}" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 "$dir" >"$log" 2>&1)
  rc=$?
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  if [ $rc -eq 0 ]; then result=ok; else result="FINDING (exit $rc, see $log)"; failed=1; fi
  printf '%-14s %12s  %s\n' "$t" "${execs:-?}" "$result"
  if [ $rc -ne 0 ]; then grep -E 'ERROR|SUMMARY|uncaught|==[0-9]+==' "$log" | head -5; fi
done
exit $failed
