#include "ui/app_state.h"

#include "core/time_util.h"

namespace hallway::ui {

Instant AppState::now() const { return nowOverride ? *nowOverride : nowInstant(); }

}  // namespace hallway::ui
