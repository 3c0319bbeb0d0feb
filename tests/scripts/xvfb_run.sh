# Sourced by the test scripts: xvfb_run COMMAND... runs COMMAND under a private
# Xvfb like `xvfb-run -a`. xvfb-run -a takes the first display number without
# a lock file, so two tests starting at once (ctest -j2) can both take it and
# the second Xvfb fails to start. Only that failure is retried, with a new pick.
xvfb_run() {
  local serverlog try rc
  serverlog=$(mktemp)
  for try in 1 2 3 4 5; do
    xvfb-run -a -e "$serverlog" "$@"
    rc=$?
    if [ "$rc" -eq 0 ] || ! grep -q "already active" "$serverlog"; then
      rm -f "$serverlog"
      return "$rc"
    fi
    echo "xvfb_run: display taken by another Xvfb (try $try), picking again" >&2
    sleep "0.$((RANDOM % 9 + 1))"
  done
  rm -f "$serverlog"
  return "$rc"
}
