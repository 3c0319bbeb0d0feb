// Reads the stored texts a user sees names and words in, for the font atlas:
// which scripts must the app be able to draw?
#pragma once
#include <functional>
#include <string_view>

namespace hallway {

class Store;

// Calls `visit` with every person's name and company, every session's title
// and every note's body that holds a character outside printable ASCII (the
// rest needs no glyph the atlas lacks). SQLite filters with GLOB, so at the
// power tier only the few non-ASCII rows cross into C++.
void forEachNonAsciiText(Store& store, const std::function<void(std::string_view)>& visit);

}  // namespace hallway
