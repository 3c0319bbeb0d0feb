// Reads the stored texts a user sees names and words in, for the font atlas:
// which scripts must the app be able to draw?
#pragma once
#include <functional>
#include <string_view>

#include "core/model.h"

namespace hallway {

class Store;

// Calls `visit` with every person's name and company and every session's
// title that holds a character outside printable ASCII (the rest needs no
// glyph the atlas lacks). SQLite filters with GLOB, so only the few non-ASCII
// rows cross into C++: about 40 ms of CPU at the power tier.
void forEachNonAsciiName(Store& store, const std::function<void(std::string_view)>& visit);

// The same for the bodies of notes with an id above `afterId`; returns the
// highest note id there is (`afterId` when none is above it). Reading 500,000
// notes takes about a second of CPU: callers remember the id and go on from it.
RowId forEachNonAsciiNote(Store& store, RowId afterId, const std::function<void(std::string_view)>& visit);

}  // namespace hallway
