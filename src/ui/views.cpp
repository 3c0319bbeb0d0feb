// The table of views: one row per mode of the window (see view.h).
#include "ui/view.h"

#include <cassert>

#include "ui/capture_view.h"
#include "ui/followup_view.h"
#include "ui/people_view.h"
#include "ui/plan_view.h"

namespace hallway::ui {
namespace {

template <class V>
std::unique_ptr<View> make() {
    return std::make_unique<V>();
}

}  // namespace

const std::vector<ViewEntry>& viewTable() {
    static const std::vector<ViewEntry> table = {
        {"plan", "Plan", '1', make<PlanView>},
        {"capture", "Capture", '2', make<CaptureView>},
        {"followup", "Follow up", '3', make<FollowUpView>},
        {"people", "People", '4', make<PeopleView>},
    };
    return table;
}

const ViewEntry& viewEntry(Mode mode) {
    const auto& table = viewTable();
    assert(size_t(mode) < table.size() && "a Mode outside the view table");
    return table[size_t(mode)];
}

std::vector<std::string> viewKeys() {
    std::vector<std::string> keys;
    for (const auto& v : viewTable()) keys.push_back(v.key);
    return keys;
}

Mode modeFromName(const std::string& name) {
    const auto& table = viewTable();
    for (size_t i = 0; i < table.size(); ++i)
        if (name == table[i].key) return Mode(i);
    return Mode::Plan;
}

const char* modeName(Mode mode) {
    return size_t(mode) < viewTable().size() ? viewEntry(mode).key : viewTable().front().key;
}

}  // namespace hallway::ui
