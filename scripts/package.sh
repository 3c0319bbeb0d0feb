#!/usr/bin/env bash
# Builds the Debian package BUILD_DIR/hallway_VERSION_ARCH.deb from the build
# in BUILD_DIR (default: build/, configured and built here if it is not yet):
# `cmake --install` into a staging root, the binary stripped, Depends computed
# by dpkg-shlibdeps, the fonts as Recommends, a copyright file made from
# third_party/README.md, then dpkg-deb and lintian (errors fail the script).
# Usage: scripts/package.sh [--as-built] [BUILD_DIR]
# --as-built packages the build as it is, without building: the package test
# uses it, since a relink of BUILD_DIR/hallway would pull the binary from under
# the other tests running it at the same time.
set -euo pipefail
SRC=$(cd "$(dirname "$0")/.." && pwd)
AS_BUILT=0
if [ "${1:-}" = "--as-built" ]; then
  AS_BUILT=1
  shift
fi
BUILD=$(realpath -m "${1:-$SRC/build}")

fail() {
  echo "package: $*" >&2
  exit 1
}
need() {  # TOOL DEBIAN_PACKAGE
  command -v "$1" >/dev/null 2>&1 || fail "$1 not found: install $2 (scripts/setup.sh does)"
}
need dpkg-deb dpkg
need dpkg-shlibdeps dpkg-dev
need rsvg-convert librsvg2-bin
need lintian lintian
need strip binutils

if [ "$AS_BUILT" = 1 ]; then
  [ -x "$BUILD/hallway" ] || fail "--as-built: no $BUILD/hallway; build it first"
elif [ ! -f "$BUILD/CMakeCache.txt" ]; then
  cmake -S "$SRC" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
cache() { sed -n "s/^$1:[A-Z]*=//p" "$BUILD/CMakeCache.txt"; }
[ "$(cache HALLWAY_SANITIZE)" != "ON" ] || fail "$BUILD is a sanitizer build (HALLWAY_SANITIZE=ON): package a normal build"
[ "$(cache HALLWAY_BUILD_GUI)" != "OFF" ] || fail "$BUILD has no GUI (HALLWAY_BUILD_GUI=OFF): the package is the desktop app"
if [ "$AS_BUILT" = 0 ]; then
  cmake --build "$BUILD" --target hallway hallway_desktop_files -j "$(nproc 2>/dev/null || echo 2)" >/dev/null ||
    fail "the build failed: run cmake --build $BUILD to see why"
fi

VERSION=$("$BUILD/hallway" --version | awk '{print $2}')
[ -n "$VERSION" ] || fail "could not read the version from $BUILD/hallway --version"
ARCH=$(dpkg --print-architecture)
HOMEPAGE=$(cache HALLWAY_HOMEPAGE)
MAINTAINER="Hallway developers <hallway@example.org>"
DEB="$BUILD/hallway_${VERSION}_${ARCH}.deb"

WORK="$BUILD/package"
ROOT="$WORK/root"
rm -rf "$WORK"
mkdir -p "$ROOT"
DESTDIR="$ROOT" cmake --install "$BUILD" --prefix /usr >/dev/null
strip --strip-unneeded --remove-section=.comment --remove-section=.note "$ROOT/usr/bin/hallway"

# Documentation Debian requires: the copyright (every dependency's licence,
# from the table in third_party/README.md) and a changelog.
DOC="$ROOT/usr/share/doc/hallway"
mkdir -p "$DOC"
{
  echo "Hallway $VERSION"
  echo "Homepage: $HOMEPAGE"
  echo
  echo "Hallway itself: its authors have not chosen a licence yet; the source tree"
  echo "has no LICENSE file. Until they do, no licence is granted beyond what the"
  echo "libraries below require."
  echo
  echo "Libraries Hallway is built with (from third_party/README.md). Dear ImGui,"
  echo "stb, CLI11, JSON for Modern C++ and date are compiled into the binary; the"
  echo "others are Debian packages this one depends on. Their full licence texts"
  echo "are in /usr/share/doc/PACKAGE/copyright of each package and in"
  echo "/usr/share/common-licenses/."
  echo
  awk -F'|' '
    /^\| dependency/ { table = 1; next }
    table && /^\|---/ { next }
    table && /^\|/ {
      for (i = 2; i <= 7; i++) { gsub(/^ +| +$/, "", $i); gsub(/`/, "", $i) }
      printf "%s (Debian package %s %s)\n  Licence: %s\n  Used for: %s\n\n", $2, $4, $5, $6, $7
      next
    }
    table { exit }
  ' "$SRC/third_party/README.md"
} >"$DOC/copyright"
grep -q "Licence:" "$DOC/copyright" || fail "no dependency table found in third_party/README.md"
CHANGELOG_DATE=$(git -C "$SRC" log -1 --format=%aD 2>/dev/null || date -R)
{
  echo "hallway ($VERSION) unstable; urgency=medium"
  echo
  echo "  * Built from the Hallway source tree by scripts/package.sh;"
  echo "    release notes are in /usr/share/metainfo/."
  echo
  echo " -- $MAINTAINER  $CHANGELOG_DATE"
} | gzip -9n >"$DOC/changelog.gz"

find "$ROOT" -type d -exec chmod 0755 {} +
find "$ROOT" -type f -exec chmod 0644 {} +
chmod 0755 "$ROOT/usr/bin/hallway"

# Depends from the shared libraries the binary links (dpkg-shlibdeps wants a
# debian/control to read; a two-stanza one is enough).
mkdir -p "$WORK/shlibdeps/debian"
printf 'Source: hallway\n\nPackage: hallway\nArchitecture: any\n' >"$WORK/shlibdeps/debian/control"
DEPENDS=$(cd "$WORK/shlibdeps" && dpkg-shlibdeps -O "$ROOT/usr/bin/hallway" 2>"$WORK/shlibdeps.log" |
  sed -n 's/^shlibs:Depends=//p') || fail "dpkg-shlibdeps failed: $(cat "$WORK/shlibdeps.log")"
[ -n "$DEPENDS" ] || fail "dpkg-shlibdeps found no dependencies: $(cat "$WORK/shlibdeps.log")"
# libcurl is loaded with dlopen at the first download or sync (services/curl_api.cpp):
# dpkg-shlibdeps cannot see it.
DEPENDS="$DEPENDS, libcurl4 (>= 7.85)"

mkdir -p "$ROOT/DEBIAN"
cat >"$ROOT/DEBIAN/control" <<CONTROL
Package: hallway
Version: $VERSION
Architecture: $ARCH
Maintainer: $MAINTAINER
Installed-Size: $(du -sk "$ROOT/usr" | cut -f1)
Depends: $DEPENDS
Recommends: fonts-dejavu-core, fonts-wqy-microhei | fonts-noto-cjk, fonts-lohit-deva, fonts-tlwg-loma-ttf
Section: misc
Priority: optional
Homepage: $HOMEPAGE
Description: plan conference sessions, capture who you meet, follow up
 Hallway is a local-first planner for people who go to conferences to meet
 people. Import the agenda (frab XML, iCalendar, pretalx JSON, Sessionize,
 CSV), star sessions, mark whom you want to meet and why, capture notes
 linked to people and sessions in seconds, and work through a follow-up
 queue of thank-yous, promises and introductions afterwards.
 .
 Everything is kept in one SQLite file on this computer. The same binary
 is a desktop app (Dear ImGui on OpenGL) and a command-line tool with JSON
 output.
CONTROL
(cd "$ROOT" && find usr -type f -print0 | sort -z | xargs -0 md5sum) >"$ROOT/DEBIAN/md5sums"
chmod 0644 "$ROOT/DEBIAN/control" "$ROOT/DEBIAN/md5sums"

rm -f "$DEB"
dpkg-deb --root-owner-group -Zxz --build "$ROOT" "$DEB" >/dev/null || fail "dpkg-deb failed"

# lintian prints every tag; only errors fail the package.
lintian --fail-on error --info "$DEB" >"$WORK/lintian.log" 2>&1 || {
  cat "$WORK/lintian.log" >&2
  fail "lintian reported errors on $DEB (above)"
}
echo "package: $DEB ($(du -k "$DEB" | cut -f1) KB); Depends: $DEPENDS"
if [ -s "$WORK/lintian.log" ]; then
  echo "package: lintian (no errors): $(grep -c '^[WIP]:' "$WORK/lintian.log") notes, in $WORK/lintian.log"
fi
