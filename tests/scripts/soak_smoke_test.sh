#!/usr/bin/env bash
# CTest: a 15-second pass of scripts/soak.sh (imports, notes, queue actions,
# backups, restores and kill -9s against one database; nothing saved may be
# lost, integrity_check ok). The real soak runs for minutes: scripts/soak.sh 600.
# usage: soak_smoke_test.sh HALLWAY_BINARY SOURCE_DIR
set -uo pipefail
HALLWAY_SOAK_SEED=7 bash "$2/scripts/soak.sh" 15 "$1"
