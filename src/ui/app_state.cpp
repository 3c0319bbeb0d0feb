#include "ui/app_state.h"

#include "core/time_util.h"

namespace hallway::ui {

Mode modeFromName(const std::string& name) {
    if (name == "capture") return Mode::Capture;
    if (name == "followup") return Mode::FollowUp;
    if (name == "people") return Mode::People;
    return Mode::Plan;
}

const char* modeName(Mode mode) {
    switch (mode) {
        case Mode::Plan: return "plan";
        case Mode::Capture: return "capture";
        case Mode::FollowUp: return "followup";
        case Mode::People: return "people";
    }
    return "plan";
}

Instant AppState::now() const { return nowOverride ? *nowOverride : nowInstant(); }

}  // namespace hallway::ui
