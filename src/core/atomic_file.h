#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace hallway {

// Writes `bytes` to a temporary file beside `path`, flushes it to disk, then
// renames it over `path`: readers see the old file or the new one, never half.
// `mode` is the new file's permission bits. Throws std::runtime_error naming
// the path and the reason (disk full, read-only, missing folder).
void writeFileAtomically(const std::string& path, std::string_view bytes, unsigned mode = 0600);

// The whole file, read in one piece of its size: an istreambuf_iterator copy
// goes a character at a time (15 ms for a 3 MB font atlas, a second for a
// big agenda). nullopt when it cannot be opened or read, with errno saying why.
std::optional<std::string> readWholeFile(const std::string& path);

}  // namespace hallway
