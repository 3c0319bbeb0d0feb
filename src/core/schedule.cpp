#include "core/schedule.h"

#include <algorithm>

namespace hallway {

std::map<RowId, std::vector<RowId>> findOverlaps(const std::vector<Session>& sessions) {
    std::vector<const Session*> byStart;
    for (const auto& s : sessions) byStart.push_back(&s);
    std::sort(byStart.begin(), byStart.end(), [](auto* a, auto* b) { return a->startsAt < b->startsAt; });
    std::map<RowId, std::vector<RowId>> out;
    // Sweep: each session only needs checking against the ones starting before it ends.
    for (size_t i = 0; i < byStart.size(); ++i) {
        for (size_t j = i + 1; j < byStart.size() && byStart[j]->startsAt < byStart[i]->endsAt; ++j) {
            out[byStart[i]->id].push_back(byStart[j]->id);
            out[byStart[j]->id].push_back(byStart[i]->id);
        }
    }
    return out;
}

}  // namespace hallway
