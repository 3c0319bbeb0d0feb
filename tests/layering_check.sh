#!/usr/bin/env bash
# Fails when a layer reaches past its boundary (see DESIGN.md, Architecture).
src=${1:?usage: layering_check.sh SRC_DIR}
status=0
if grep -rnE '#include\s*[<"](imgui|GLFW|backends/)' "$src/core" "$src/store" "$src/formats" "$src/cli"; then
  echo "layering: the engine and CLI must not include ImGui or GLFW"; status=1
fi
if grep -rnE '#include\s*[<"]sqlite3\.h' "$src" | grep -v "^$src/store/"; then
  echo "layering: only src/store may include sqlite3.h"; status=1
fi
if grep -rnE 'sqlite3_|"(SELECT|INSERT|UPDATE|DELETE) ' "$src/ui" "$src/core" "$src/formats" "$src/cli" "$src/app"; then
  echo "layering: SQL outside src/store"; status=1
fi
[ $status -eq 0 ] && echo "layering: ok"
exit $status
