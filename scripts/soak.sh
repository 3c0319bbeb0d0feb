#!/usr/bin/env bash
# Soak test: for SECONDS, random agenda and contacts imports (good and bad
# files), notes, queue actions, backups, restores and kill -9s against one
# database. At the end every note the CLI reported saved must be there (or,
# for notes written before a restore, in the copy that restore kept), and
# PRAGMA integrity_check must say ok. Prints the counts; exit 1 when
# anything was lost or the database is damaged.
# usage: scripts/soak.sh SECONDS [HALLWAY_BINARY]   env: HALLWAY_SOAK_DIR, HALLWAY_SOAK_SEED
set -uo pipefail
seconds=${1:?usage: soak.sh SECONDS [HALLWAY_BINARY]}
src=$(cd "$(dirname "$0")/.." && pwd)
hallway=${2:-$src/build/hallway}
data=$src/tests/data
dir=${HALLWAY_SOAK_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/hallway-soak.XXXXXX")}
mkdir -p "$dir"
db=$dir/soak.db
RANDOM=${HALLWAY_SOAK_SEED:-$$}
command -v sqlite3 >/dev/null || { echo "soak: sqlite3 is missing (scripts/setup.sh installs it)" >&2; exit 1; }

h() { "$hallway" --db "$db" "$@" >>"$dir/out.log" 2>>"$dir/err.log"; }
# Notes reported saved and not yet confirmed by a check: one body per line.
saved=$dir/saved.txt
: >"$saved"
declare -A n=()
count() { n[$1]=$(( ${n[$1]:-0} + 1 )); }
lost=0

# Every note in $saved must be in the file $1 (the live database, or the copy
# a restore kept of it).
missing_from() {
  local file=$1 missing=0 body
  while IFS= read -r body; do
    [ -n "$body" ] || continue
    c=$(sqlite3 "file:$file?mode=ro" "SELECT count(*) FROM notes WHERE body = '$body'" 2>/dev/null || echo 0)
    [ "${c:-0}" -ge 1 ] || { missing=$((missing + 1)); echo "soak: missing $body from $file" >&2; }
  done <"$saved"
  echo $missing
}

h import "$data/reimport/v1.xml" --event Soak || { echo "soak: first import failed" >&2; exit 1; }
big=$dir/big.xml
{
  echo '<?xml version="1.0"?><schedule><conference><title>Big</title></conference>'
  for day in 1 2 3; do
    echo "<day index=\"$day\" date=\"2025-02-0$day\"><room name=\"R$day\">"
    for i in $(seq 1 700); do
      printf '<event guid="g%d-%d" id="%d%04d"><date>2025-02-0%dT09:00:00+01:00</date><start>09:00</start><duration>00:30</duration><room>R%d</room><title>Talk %d %d</title><persons><person>Speaker %d</person></persons></event>\n' \
        "$day" "$i" "$day" "$i" "$day" "$day" "$day" "$i" "$((i % 300))"
    done
    echo '</room></day>'
  done
  echo '</schedule>'
} >"$big"

end=$((SECONDS + seconds))
note=0
while [ $SECONDS -lt $end ]; do
  case $((RANDOM % 20)) in
    0|1|2|3|4|5|6)
      note=$((note + 1)); body="soak-note-$note-$RANDOM"
      if h note "$body" --event 1; then echo "$body" >>"$saved"; count notes_saved; else count notes_refused; fi ;;
    7)
      if h import "$data/reimport/v$((RANDOM % 2 + 1)).xml" --event Soak; then count imports_ok; else count imports_failed; fi ;;
    8)
      if h import "$data/bad/truncated.xml"; then count bad_imports_accepted; else count bad_imports_refused; fi ;;
    9)
      if h people import "$data/people/Connections.csv"; then count contact_imports_ok; else count contact_imports_failed; fi
      h people import "$data/bad/letter.txt" && count bad_imports_accepted || count bad_imports_refused ;;
    10)
      h queue generate --event 1 && count queue_generated || count queue_failed
      item=$(sqlite3 "file:$db?mode=ro" "SELECT id FROM follow_ups ORDER BY random() LIMIT 1" 2>/dev/null)
      if [ -n "$item" ]; then h queue mark "$item" done && count queue_marked || count queue_failed; fi ;;
    11)
      h queue export --event 1 --format md "$dir/report.md" --force && count exports || count exports_failed ;;
    12|13)
      if h backup; then count backups; else count backups_failed; fi ;;
    14)
      # Restore the newest backup; every note saved so far must be in the
      # copy restore keeps of the database it replaces.
      b=$(ls -1 "$db.backups"/hallway-*.db 2>/dev/null | sort | tail -1)
      if [ -n "$b" ] && "$hallway" --db "$db" restore "$b" --json >"$dir/restore.json" 2>>"$dir/err.log"; then
        count restores
        kept=$(sed -n 's/.*"previous_database_saved_to": "\(.*\)".*/\1/p' "$dir/restore.json")
        m=$(missing_from "$kept"); lost=$((lost + m))
        # From now on the live database holds what the backup held.
        : >"$saved"
      else
        count restores_failed
      fi ;;
    15|16|17)
      # kill -9 in the middle of a large import, a note or a backup.
      case $((RANDOM % 3)) in
        0) "$hallway" --db "$db" import "$big" --event "Big $RANDOM" >/dev/null 2>&1 & ;;
        1) "$hallway" --db "$db" backup >/dev/null 2>&1 & ;;
        2) "$hallway" --db "$db" people import "$data/people/cards.vcf" >/dev/null 2>&1 & ;;
      esac
      pid=$!
      sleep "0.$((RANDOM % 40))"
      kill -9 $pid 2>/dev/null && count kills
      wait $pid 2>/dev/null ;;
    18)
      h events && count reads || count reads_failed ;;
    19)
      h search soak && count reads || count reads_failed ;;
  esac
done

m=$(missing_from "$db"); lost=$((lost + m))
integrity=$(sqlite3 "file:$db?mode=ro" "PRAGMA integrity_check" 2>&1 | head -3)
temps=$(ls "$db.backups" 2>/dev/null | grep -c '\.tmp-' || true)
"$hallway" --db "$db" events >/dev/null 2>&1  # an open cleans a crash's temporary files
temps_after=$(ls "$db.backups" 2>/dev/null | grep -c '\.tmp-' || true)
echo "soak: $seconds s against $db"
for k in $(printf '%s\n' "${!n[@]}" | sort); do printf '  %-24s %6d\n' "$k" "${n[$k]}"; done
echo "  notes in the database     $(sqlite3 "file:$db?mode=ro" 'SELECT count(*) FROM notes')"
echo "  backups kept              $(ls "$db.backups"/hallway-*.db 2>/dev/null | wc -l)"
echo "  crash temp files          $temps before the last open, $temps_after after"
echo "  saved notes missing       $lost"
echo "  integrity_check           $integrity"
status=0
[ "$lost" -eq 0 ] || status=1
[ "$integrity" = ok ] || status=1
[ "${n[bad_imports_accepted]:-0}" -eq 0 ] || status=1
[ $status -eq 0 ] && echo "soak: OK" || echo "soak: FAILED"
[ -z "${HALLWAY_SOAK_DIR:-}" ] && [ $status -eq 0 ] && rm -rf "$dir"
exit $status
