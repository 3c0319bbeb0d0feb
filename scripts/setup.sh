#!/usr/bin/env bash
# Installs the Debian packages Hallway needs (only those missing), then
# configures and builds into ./build. Safe to run again: it does only what is
# left to do.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake pkg-config
  libsqlite3-dev sqlite3 libpugixml-dev nlohmann-json3-dev libical-dev
  libhowardhinnant-date-dev tzdata libcli11-dev catch2 libcurl4-openssl-dev libicu-dev
  libimgui-dev libglfw3-dev libstb-dev libfontconfig-dev libfribidi-dev fonts-dejavu-core fonts-wqy-microhei
  fonts-lohit-deva fonts-tlwg-loma-ttf
  libsecret-1-dev libglib2.0-dev radicale xandikos
  xvfb xauth python3 time dbus-daemon
  xdg-desktop-portal xdg-desktop-portal-gtk xdotool x11-utils
  clang libclang-rt-14-dev
  dpkg-dev lintian appstream desktop-file-utils librsvg2-bin strace
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "setup: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$jobs"
echo "setup: built build/hallway"
