#!/usr/bin/env bash
# Fails when a floor reaches past its boundary (see DESIGN.md, Architecture).
# Runs as a build step before any library compiles, and as a CTest test.
src=${1:?usage: layering_check.sh SRC_DIR}
status=0
if grep -rnE '#include\s*[<"](imgui|GLFW|backends/)' "$src/core" "$src/formats" "$src/store" "$src/services" "$src/cli"; then
  echo "layering: the engine and CLI must not include ImGui or GLFW"; status=1
fi
if grep -rnE '#include\s*[<"]sqlite3\.h' "$src" | grep -v "^$src/store/"; then
  echo "layering: only src/store may include sqlite3.h"; status=1
fi
if grep -rnE 'sqlite3_|"(SELECT|INSERT|UPDATE|DELETE) ' "$src/ui" "$src/core" "$src/formats" "$src/services" "$src/cli" "$src/app"; then
  echo "layering: SQL outside src/store"; status=1
fi
# Floors, bottom to top: core, formats, store, services, then cli and ui side
# by side, app on top. Each folder may include only the folders listed for it.
declare -A allowed=(
  [core]=""
  [formats]="core"
  [store]="core formats"
  [services]="core formats store"
  [cli]="core formats store services"
  [ui]="core formats store services"
  [app]="core formats store services cli ui"
)
folders="core formats store services cli ui app"
for from in $folders; do
  [ -d "$src/$from" ] || continue
  for to in $folders; do
    [ "$to" = "$from" ] && continue
    case " ${allowed[$from]} " in *" $to "*) continue ;; esac
    if grep -rnE "^\s*#\s*include\s*[<\"]$to/" "$src/$from"; then
      echo "layering: src/$from must not include $to/ (${from} may include: ${allowed[$from]:-nothing of the project outside itself})"; status=1
    fi
  done
done
[ $status -eq 0 ] && echo "layering: ok"
exit $status
