// What this binary was built from, for `hallway --version`.
#pragma once

namespace hallway {

// The git commit of the source tree at build time (12 hex digits, with
// "-modified" when tracked files had uncommitted changes), or "unknown"
// outside a git checkout. Defined in a file the build generates.
const char* buildCommit();

}  // namespace hallway
