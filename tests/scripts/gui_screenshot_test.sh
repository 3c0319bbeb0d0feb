#!/usr/bin/env bash
# Renders every GUI view of the demo agenda under Xvfb and checks the PNGs: the
# requested size, more than a flat colour, and clear errors for bad requests.
# Usage: gui_screenshot_test.sh HALLWAY_BIN SOURCE_DIR   (CTest passes both)
# Set KEEP_SCREENSHOTS=DIR to keep the pictures.
set -u
BIN=${1:?usage: gui_screenshot_test.sh HALLWAY_BIN SOURCE_DIR}
SRC=${2:?usage: gui_screenshot_test.sh HALLWAY_BIN SOURCE_DIR}

fail() {
  echo "gui_screenshot_test: FAIL: $*" >&2
  exit 1
}

command -v xvfb-run >/dev/null 2>&1 || fail "xvfb-run not found: install xvfb (scripts/setup.sh does)"
# shellcheck source=xvfb_run.sh
. "$SRC/tests/scripts/xvfb_run.sh"
command -v python3 >/dev/null 2>&1 || fail "python3 not found (needed to read the PNG files)"
[ -x "$BIN" ] || fail "no hallway binary at $BIN"
AGENDA="$SRC/assets/demo/hallway-demo.xml"
[ -f "$AGENDA" ] || fail "missing test agenda $AGENDA"

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
DB="$TMP/hallway.db"
OUT="${KEEP_SCREENSHOTS:-$TMP}"
mkdir -p "$OUT"
# Screenshot mode reads no settings, but keep the user's config out of reach anyway.
export XDG_CONFIG_HOME="$TMP/config"
export XDG_CACHE_HOME="$TMP/cache"  # the baked font atlas

"$BIN" --db "$DB" import "$AGENDA" >"$TMP/import.log" 2>&1 || fail "import failed: $(cat "$TMP/import.log")"

# Star two sessions that overlap and one that does not, on the first day.
"$BIN" --db "$DB" sessions --event 1 --day 1 --json >"$TMP/day1.json" || fail "sessions --json failed"
STAR_IDS=$(python3 - "$TMP/day1.json" <<'EOF'
import json, sys
sessions = [s for s in json.load(open(sys.argv[1])) if s["speakers"]]
by_start = {}
for s in sessions:
    by_start.setdefault(s["start_utc"], []).append(s)
pair = next(group[:2] for group in by_start.values() if len(group) >= 2)
other = next(s for s in sessions if all(s["start_utc"] != p["start_utc"] for p in pair))
print(" ".join(str(s["id"]) for s in pair + [other]))
EOF
) || fail "could not pick sessions to star"
# shellcheck disable=SC2086
"$BIN" --db "$DB" star $STAR_IDS >/dev/null || fail "star $STAR_IDS failed"

# People, targets, notes and meetings for Capture and People, all through the
# CLI. "Now" in the pictures is 10 minutes into the starred session that
# overlaps no other, so Capture shows it as the session running now.
read -r NOW NOTE_AT SPEAKER < <(python3 - "$TMP/day1.json" "${STAR_IDS##* }" <<'EOF'
import datetime, json, sys
sessions = {s["id"]: s for s in json.load(open(sys.argv[1]))}
first = sessions[int(sys.argv[2])]
start = datetime.datetime.fromisoformat(first["start"])
fmt = lambda t: t.isoformat(timespec="minutes")
print(fmt(start + datetime.timedelta(minutes=10)), fmt(start - datetime.timedelta(minutes=50)), first["speakers"][0])
EOF
)
[ -n "${SPEAKER:-}" ] || fail "could not pick a time and a speaker"
hw() { "$BIN" --db "$DB" "$@" >"$TMP/cli.out" 2>"$TMP/cli.err" || fail "hallway $*: $(cat "$TMP/cli.err")"; }
hw people add "Ana Lima" --company "Acme Cloud" --role "Staff engineer" --email ana@acme.example \
  --url https://www.linkedin.com/in/ana-lima-example --tag rust --tag infra --fact "training for a marathon in April" --json
ANA_ID=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["id"])' "$TMP/cli.out") || fail "no id for Ana Lima"
hw people add "Bo Nielsen" --company Initech --role CTO --tag hiring
hw people add "Chen Wei" --company "Umbrella Labs" --role "Developer advocate" --tag community
hw people add "A. Lima" --company "Acme Cloud" --email ana.lima@acme.example
hw target add "Ana Lima" --event 1 --priority must --why "maintains the build farm we depend on" \
  --question "How do you keep reproducible builds fast?"
hw target add "$SPEAKER" --event 1 --priority should --why "their talk is on my list"
hw target add "Bo Nielsen" --event 1 --priority nice --why "hiring for the Rust team"
hw note "@ana-lima wants the numbers from our cache experiment #promise send her the benchmark slides" \
  --event 1 --at "$NOTE_AT"
NOTE_AT=$(python3 -c 'import datetime, sys; print((datetime.datetime.fromisoformat(sys.argv[1]) + datetime.timedelta(minutes=25)).isoformat(timespec="minutes"))' "$NOTE_AT")
hw note "@bo-nielsen is hiring two Rust people #intro introduce him to @chen-wei" --event 1 --at "$NOTE_AT" --no-session
hw note "Hallway chat on packaging Go modules, did not catch the name" --event 1 --at "$NOTE_AT"
hw note "@chen-wei moving to Lisbon in May #detail ask how the move went" --event 1 --at "$NOW"
hw met "Ana Lima" --event 1 --at "$NOTE_AT"
hw goals --event 1 add people_met --target 5
hw goals --event 1 add coffee_chats --target 3 --text "with the Rust folks"
hw goals --event 1 add text --text "Find a co-maintainer for the packaging tools"
hw interaction "Ana Lima" coffee --event 1 --direction give --summary "shared the cache write-up" --at "$NOTE_AT"
# The follow-up queue two days after the event (the thank-yous come due the
# Thursday after), and a signature for the drafts.
hw settings set my_name "Sam Rivera"
hw queue generate --event 1 --today 2026-11-26 --json
QUEUE_ADDED=$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["added"]))' "$TMP/cli.out") ||
  fail "queue generate printed no JSON"
[ "$QUEUE_ADDED" -ge 3 ] || fail "queue generate added $QUEUE_ADDED items, expected at least 3"

# Checks a PNG: width, height, and that it is a picture rather than one colour.
check_png() {
  python3 - "$1" "$2" "$3" <<'EOF'
import struct, sys, zlib
path, want_w, want_h = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
data = open(path, "rb").read()
if data[:8] != b"\x89PNG\r\n\x1a\n":
    sys.exit(f"{path}: not a PNG file")
pos, idat, ihdr = 8, b"", None
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + length]
    if kind == b"IHDR":
        ihdr = struct.unpack(">IIBBBBB", body)
    elif kind == b"IDAT":
        idat += body
    pos += 12 + length
w, h, depth, colour = ihdr[:4]
if (w, h) != (want_w, want_h):
    sys.exit(f"{path}: {w}x{h}, expected {want_w}x{want_h}")
channels = {2: 3, 6: 4}.get(colour)
if depth != 8 or channels is None:
    sys.exit(f"{path}: unexpected PNG format (depth {depth}, colour type {colour})")
raw = zlib.decompress(idat)
stride = w * channels
prev = bytearray(stride)
colours = set()
for y in range(h):
    row = raw[y * (stride + 1):(y + 1) * (stride + 1)]
    f, line = row[0], bytearray(row[1:])
    for i in range(stride):
        a = line[i - channels] if i >= channels else 0
        b = prev[i]
        c = prev[i - channels] if i >= channels else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    if y % 8 == 0:
        colours.update(bytes(line[x:x + 3]) for x in range(0, stride, channels * 4))
    prev = line
if len(colours) < 16:
    sys.exit(f"{path}: only {len(colours)} colours: the window looks empty or flat")
print(f"{path}: {w}x{h}, {len(colours)} sampled colours, {len(data) // 1024} KB")
EOF
}

shoot() {  # NAME VIEW [ENV=VALUE...]
  local name=$1 view=$2
  shift 2
  local png="$OUT/$name.png"
  rm -f "$png"
  xvfb_run env "$@" "$BIN" --db "$DB" --screenshot "$png" --view "$view" --size 1280x800 >"$TMP/$name.log" 2>&1 ||
    fail "$name: hallway exited with $?: $(cat "$TMP/$name.log")"
  [ -f "$png" ] || fail "$name: no PNG written"
  check_png "$png" 1280 800 || fail "$name: bad picture"
}

shoot plan plan
shoot plan-list plan HALLWAY_SCREENSHOT_LAYOUT=list HALLWAY_SCREENSHOT_SESSION="${STAR_IDS%% *}"
shoot plan-light plan HALLWAY_SCREENSHOT_THEME=light
shoot capture capture HALLWAY_SCREENSHOT_NOW="$NOW"
shoot followup followup HALLWAY_SCREENSHOT_NOW=2026-11-26T10:00
shoot people people HALLWAY_SCREENSHOT_NOW="$NOW" HALLWAY_SCREENSHOT_PERSON="$ANA_ID"
shoot people-targets people HALLWAY_SCREENSHOT_NOW="$NOW" HALLWAY_SCREENSHOT_PERSON="$ANA_ID" HALLWAY_SCREENSHOT_PEOPLE_TAB=targets
shoot people-network people HALLWAY_SCREENSHOT_NOW="$NOW" HALLWAY_SCREENSHOT_PEOPLE_TAB=network
shoot people-edit people HALLWAY_SCREENSHOT_NOW="$NOW" HALLWAY_SCREENSHOT_PERSON="$ANA_ID" HALLWAY_SCREENSHOT_EDIT_PERSON=1
# The Ctrl+K dropdown: "ana" matches people, sessions (speakers) and a note.
shoot search plan HALLWAY_SCREENSHOT_NOW="$NOW" HALLWAY_SCREENSHOT_SEARCH="ana"
# The Settings dialog (Ctrl+,) over Plan, in both themes.
shoot settings plan HALLWAY_SCREENSHOT_SETTINGS=1
shoot settings-light plan HALLWAY_SCREENSHOT_SETTINGS=1 HALLWAY_SCREENSHOT_THEME=light

# The window's context is made through EGL where it can be (a faster start),
# and HALLWAY_GL=glx makes it through GLX: both draw the same picture.
xvfb_run env HALLWAY_STARTUP_TIMING=1 "$BIN" --db "$DB" --screenshot "$TMP/egl.png" --view plan --size 1280x800 \
  >"$TMP/egl.log" 2>&1 || fail "EGL run failed: $(cat "$TMP/egl.log")"
grep -q "OpenGL 3.3 core (EGL)" "$TMP/egl.log" || fail "no EGL context where Mesa has one: $(cat "$TMP/egl.log")"
xvfb_run env HALLWAY_GL=glx HALLWAY_STARTUP_TIMING=1 "$BIN" --db "$DB" --screenshot "$TMP/glx.png" --view plan \
  --size 1280x800 >"$TMP/glx.log" 2>&1 || fail "GLX run failed: $(cat "$TMP/glx.log")"
grep -q "OpenGL 3.3 core, " "$TMP/glx.log" || fail "HALLWAY_GL=glx did not use GLX: $(cat "$TMP/glx.log")"
cmp -s "$TMP/egl.png" "$TMP/glx.png" || fail "EGL and GLX draw different pictures ($TMP/egl.png, $TMP/glx.png)"

# Another size is honoured.
xvfb_run "$BIN" --db "$DB" --screenshot "$TMP/small.png" --size 800x600 >"$TMP/small.log" 2>&1 ||
  fail "800x600 run failed: $(cat "$TMP/small.log")"
check_png "$TMP/small.png" 800 600 || fail "800x600: bad picture"

# An empty database shows the import hint rather than nothing.
xvfb_run "$BIN" --db "$TMP/empty.db" --screenshot "$TMP/empty.png" >"$TMP/empty.log" 2>&1 ||
  fail "empty database run failed: $(cat "$TMP/empty.log")"
check_png "$TMP/empty.png" 1280 800 || fail "empty database: bad picture"

# Failures are reported, with a non-zero exit.
if xvfb_run "$BIN" --db "$DB" --screenshot "$TMP/no/such/dir/x.png" >"$TMP/bad.log" 2>&1; then
  fail "writing into a missing folder should fail"
fi
grep -q "screenshot failed" "$TMP/bad.log" || fail "no clear message for an unwritable path: $(cat "$TMP/bad.log")"
if xvfb_run "$BIN" --db "$DB" --screenshot "$TMP/x.png" --event 999 >"$TMP/bad.log" 2>&1; then
  fail "--event 999 should fail"
fi
grep -q "no event with id 999" "$TMP/bad.log" || fail "no clear message for a missing event: $(cat "$TMP/bad.log")"

# A damaged database (its last page zeroed): the check that runs beside the
# first frames finds it, the run fails naming the file and how to restore,
# and not one byte of the file is written.
cp "$DB" "$TMP/damaged.db"
python3 - "$TMP/damaged.db" <<'EOF'
import os, sys
with open(sys.argv[1], "r+b") as f:
    f.seek(os.path.getsize(sys.argv[1]) - 4096)
    f.write(bytes(4096))
EOF
cp "$TMP/damaged.db" "$TMP/damaged-before.db"
if xvfb_run "$BIN" --db "$TMP/damaged.db" --screenshot "$TMP/x.png" >"$TMP/bad.log" 2>&1; then
  fail "a damaged database should fail the run"
fi
grep -q "damaged.db is damaged" "$TMP/bad.log" && grep -q "restore FILE" "$TMP/bad.log" ||
  fail "no clear message for a damaged database: $(cat "$TMP/bad.log")"
cmp -s "$TMP/damaged.db" "$TMP/damaged-before.db" || fail "the damaged database was written to"

echo "gui_screenshot_test: ok"
