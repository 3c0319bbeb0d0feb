// Rules over a personal schedule: overlaps and free gaps.
#pragma once
#include <map>
#include <vector>

#include "core/model.h"

namespace hallway {

// For each session, the ids of the others in `sessions` whose time ranges
// intersect it (touching ends do not count). Removed sessions take part.
std::map<RowId, std::vector<RowId>> findOverlaps(const std::vector<Session>& sessions);

}  // namespace hallway
