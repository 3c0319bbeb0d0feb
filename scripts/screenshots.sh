#!/usr/bin/env bash
# Makes the README's screenshots of issue 14 again, from data it makes
# itself: People with names in six scripts, the grid of a 100-room event
# filtered to starred rooms, the import dialog's change list after a
# re-import, People's Network tab over a LinkedIn export, and Capture
# completing an @ mention (the real app, typed into with xdotool). Views
# render headless with --screenshot; Capture runs under a private Xvfb and
# ImageMagick's `import` takes the picture.
# Usage: scripts/screenshots.sh [HALLWAY_BIN] [OUT_DIR]
#        (defaults: build/hallway, assets/screenshots)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BIN=$(realpath "${1:-build/hallway}")
OUT=$(realpath "${2:-assets/screenshots}")
SIZE=1280x800
fail() {
  echo "screenshots: $*" >&2
  exit 1
}
[ -x "$BIN" ] || fail "no hallway binary at $BIN (run scripts/setup.sh)"
for tool in xvfb-run Xvfb xdotool import python3; do
  command -v "$tool" >/dev/null || fail "$tool not found: apt-get install xvfb xdotool imagemagick python3"
done
mkdir -p "$OUT"

TMP=$(mktemp -d)
XVFB_PID=""
APP_PID=""
cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null
  [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null && wait "$XVFB_PID" 2>/dev/null
  rm -rf "$TMP"
}
trap cleanup EXIT
# Databases and files by their bare names: the pictures show them so.
cd "$TMP"
# The user's settings, fonts cache and database stay out of it.
export XDG_CONFIG_HOME="$TMP/config" XDG_CACHE_HOME="$TMP/cache" XDG_DATA_HOME="$TMP/data"

hw() { "$BIN" --db "$DB" "$@" >"$TMP/cli.out" 2>"$TMP/cli.err" || fail "hallway $*: $(cat "$TMP/cli.err")"; }
shoot() {  # NAME VIEW [ENV=VALUE...]
  local name=$1 view=$2
  shift 2
  for _ in 1 2 3; do  # xvfb-run -a can lose its display number to another run
    if env "$@" xvfb-run -a "$BIN" --db "$DB" --screenshot "$OUT/$name.png" --view "$view" --size "$SIZE" \
      >"$TMP/$name.log" 2>&1; then
      echo "screenshots: $OUT/$name.png"
      return
    fi
  done
  fail "$name: $(cat "$TMP/$name.log")"
}
person_id() {  # the id of the person named $1
  hw people --json
  python3 -c 'import json, sys
print(next(p["id"] for p in json.load(open(sys.argv[1])) if p["name"] == sys.argv[2]))' "$TMP/cli.out" "$1"
}

# [1] People: your network in six scripts and more, in ICU order; one open.
DB=scripts.db
hw import "$ROOT/assets/demo/hallway-demo.xml"
while IFS='|' read -r name company; do
  hw people add "$name" --company "$company"
done <<'EOF'
César Ortiz|Telefónica
Cyril Dubois|OVH
=HYPERLINK Bob|Sheets Inc
Zoë Ångström|Spotify
Σοφία Παπαδοπούλου|Athens Tech
Дмитрий Иванов|Yandex
יעל כהן|Wix
محمد عبد الله|شركة النور
अनिल कुमार|Infosys
किशोर शर्मा|Wipro
สมชาย ใจดี|Agoda
김민준|Naver
田中 太郎|Sony
鄧麗君|台積電
EOF
shoot people-scripts people HALLWAY_SCREENSHOT_PERSON="$(person_id "محمد عبد الله")"

# [2] A 100-room, two-day event with three sessions starred, two of them at once.
DB=big.db
python3 - "$TMP/big.xml" <<'EOF'
import sys
from xml.sax.saxutils import escape
verbs = ["Fuzzing", "Measuring", "Securing", "Shipping", "Teaching", "Packaging", "Debugging", "Porting", "Testing"]
things = ["the kernel", "firmware", "compilers", "CI pipelines", "accessibility", "Wayland", "LoRa radios"]
first = ["Fatma", "Lena", "Tomas", "Noor", "Kemal", "Jun", "Uma", "Mira", "Ivo", "Dara", "Hana"]
last = ["Costa", "Demir", "Nielsen", "Haddad", "Petrov", "Wei", "Okafor", "Novak", "Rossi", "Sato"]
out = ['<?xml version="1.0" encoding="UTF-8"?>', "<schedule>",
       "<conference><title>Big Congress</title><time_zone_name>Europe/Berlin</time_zone_name></conference>"]
n = 0
for day, date in enumerate(["2026-12-27", "2026-12-28"], 1):
    out.append(f'<day date="{date}" index="{day}">')
    for room in range(1, 101):
        name = f"Devroom {room:03d}"
        out.append(f'<room name="{name}">')
        minute = 10 * 60 + (room * 15) % 45
        while minute < 18 * 60 - 25 and n < 1796:
            n += 1
            length = [25, 40, 55][(room + n) % 3]
            title = f"{verbs[(room * 7 + n) % len(verbs)]} {things[(room + n * 3) % len(things)]}"
            speaker = f"{first[(n * 5 + room) % len(first)]} {last[(n + room * 3) % len(last)]}"
            out.append(f'<event guid="big-{n}"><start>{minute // 60:02d}:{minute % 60:02d}</start>'
                       f"<duration>00:{length:02d}</duration><room>{name}</room><title>{escape(title)}</title>"
                       f'<persons><person>{escape(speaker)}</person></persons></event>')
            minute += length + [5, 20, 35][(room * n) % 3]
        out.append("</room>")
    out.append("</day>")
out.append("</schedule>")
open(sys.argv[1], "w").write("\n".join(out))
EOF
hw import "$TMP/big.xml"
hw sessions --event 1 --day 1 --json
STARS=$(python3 - "$TMP/cli.out" <<'EOF'
import json, sys
sessions = json.load(open(sys.argv[1]))
by_room = {}
for s in sessions:
    by_room.setdefault(s["room"], []).append(s)
a = by_room["Devroom 021"][0]
b = next(s for s in by_room["Devroom 057"] if s["start_utc"] < a["end_utc"] and s["end_utc"] > a["start_utc"])
c = next(s for s in by_room["Devroom 083"] if s["start_utc"] >= b["end_utc"])
print(a["id"], b["id"], c["id"])
EOF
)
# shellcheck disable=SC2086
hw star $STARS
shoot plan-big-starred plan

# [3] The import dialog's list of what a re-import changed: a talk moved to
# another room and time, one retitled, one dropped, one added.
DB=import.db
hw import "$ROOT/assets/demo/hallway-demo.xml"
python3 - "$ROOT/assets/demo/hallway-demo.xml" hallway-demo-v2.xml <<'EOF'
import sys
import xml.etree.ElementTree as ET
tree = ET.parse(sys.argv[1])
root = tree.getroot()
events = {e.get("guid"): e for e in root.iter("event")}
moved = events["hallway-demo-005"]
moved.find("start").text = "14:30"
moved.find("room").text = "Room 2"
events["hallway-demo-008"].find("title").text = "Immediate-mode UIs for desktop tools, revisited"
for room in root.iter("room"):
    for e in list(room.findall("event")):
        if e.get("guid") == "hallway-demo-003":
            room.remove(e)
added = ET.SubElement(next(root.iter("room")), "event", {"id": "99", "guid": "hallway-demo-099"})
for tag, text in [("start", "16:00"), ("duration", "00:30"), ("room", "Main Hall"),
                  ("title", "Lightning talks: what I learned in the hallway")]:
    ET.SubElement(added, tag).text = text
tree.write(sys.argv[2], encoding="UTF-8", xml_declaration=True)
EOF
shoot import-changes plan HALLWAY_SCREENSHOT_IMPORT_RUN=hallway-demo-v2.xml

# [5] People's Network tab: a LinkedIn export of 240 connections at sixteen
# companies, each a different made-up name as a person has (no numbers),
# a few of them met and one warm; the biggest company's people beside the map.
DB=network.db
hw import "$ROOT/assets/demo/hallway-demo.xml"
python3 - Connections.csv <<'EOF'
import csv, sys
first = ["Ana", "Bruno", "Chen", "Dara", "Elif", "Femi", "Gita", "Hana", "Ivo", "Jonas", "Kemal", "Lena", "Marta",
         "Noor", "Oskar", "Priya", "Quinn", "Rosa", "Sami", "Tomas", "Uma", "Vera", "Wen", "Yusuf", "Zoe", "Aiko",
         "Bilal", "Carmen", "Diego", "Esra", "Farah", "Greta", "Hugo", "Ines", "Jun", "Kofi", "Lucia", "Mateo",
         "Nadia", "Omar"]
last = ["Costa", "Demir", "Nielsen", "Haddad", "Petrov", "Wei", "Okafor", "Novak", "Rossi", "Sato", "Moreau",
        "Silva", "Tanaka", "Mensah", "Kowalski", "Larsen", "Ibrahim", "Fischer", "Garcia", "Kaya", "Lindqvist",
        "Mwangi", "Nakamura", "Oliveira", "Park", "Quist", "Reyes", "Schmidt", "Takahashi", "Urban", "Varga",
        "Brandt", "Yilmaz", "Zhang", "Bauer", "Dubois", "Eriksen", "Ferreira", "Horvat", "Jansen"]
companies = [("Acme Cloud", 40), ("Initech", 34), ("Umbrella Labs", 28), ("Globex", 24), ("Stark Industries", 18),
             ("Hooli", 16), ("Pied Piper", 14), ("Wayne Enterprises", 12), ("Aperture Science", 10),
             ("Tyrell Corporation", 9), ("Cyberdyne Systems", 8), ("Soylent", 7), ("Massive Dynamic", 6),
             ("Northwind Traders", 6), ("The Very Long Named International Consortium of Examples", 5),
             ("Wonka Industries", 3)]
roles = ["Staff engineer", "SRE", "Product manager", "CTO", "Founder", "Designer", "Engineering manager",
         "Researcher", "Developer advocate", "Data scientist"]
out = csv.writer(open(sys.argv[1], "w", newline=""))
out.writerow(["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"])
i = 0
for company, count in companies:
    for _ in range(count):
        # Person i gets first[i % 40] and last[(i // 40 + 3 * (i % 40)) % 40]: no two alike.
        f, l = first[i % len(first)], last[(i // len(first) + 3 * (i % len(first))) % len(last)]
        slug = f"{f}-{l}".lower()
        out.writerow([f, l, f"https://www.linkedin.com/in/{slug}", "", company, roles[(i * 7) % len(roles)],
                      f"{1 + i % 28:02d} Mar 2025"])
        i += 1
EOF
hw people import Connections.csv
hw met "Ana Costa" --event 1 --at 2026-11-23T10:40
hw interaction "Ana Costa" coffee --event 1 --at 2026-11-23T15:10
hw met "Hana Mwangi" --event 1 --at 2026-11-23T11:40
hw met "Bruno Haddad" --event 1 --at 2026-11-24T09:50
shoot people-network people HALLWAY_SCREENSHOT_NOW=2026-11-24T12:00 HALLWAY_SCREENSHOT_PEOPLE_TAB=network

# [4] Capture completing an @ mention, typed into the real app.
DB=scripts.db
exec 3>"$TMP/display"
Xvfb -displayfd 3 -screen 0 "${SIZE}x24" -nolisten tcp >"$TMP/xvfb.log" 2>&1 &
XVFB_PID=$!
for _ in $(seq 50); do [ -s "$TMP/display" ] && break; sleep 0.1; done
[ -s "$TMP/display" ] || fail "Xvfb did not start: $(cat "$TMP/xvfb.log")"
DISPLAY=":$(head -n 1 "$TMP/display")"
export DISPLAY
"$BIN" --db "$DB" --view capture --size "$SIZE" >"$TMP/app.log" 2>&1 &
APP_PID=$!
window=""
for _ in $(seq 100); do
  window=$(xdotool search --pid "$APP_PID" 2>/dev/null | head -n 1) && [ -n "$window" ] && break
  sleep 0.1
done
[ -n "$window" ] || fail "the app's window did not show: $(cat "$TMP/app.log")"
sleep 1
xdotool mousemove 1279 799  # no hover tooltips in the picture
xdotool windowfocus --sync "$window"
xdotool type --delay 40 "Great hallway chat after the keynote, ask @a"
sleep 1
import -window root "$OUT/capture-mention.png"
echo "screenshots: $OUT/capture-mention.png"
