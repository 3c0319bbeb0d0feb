#include "ui/app_state.h"

#include "core/time_util.h"
#include "services/capture_service.h"

namespace hallway::ui {

AddedNote addedNote(const SavedNote& saved) {
    AddedNote note;
    note.noteId = saved.noteId;
    for (const PersonBrief& p : saved.people) note.people.push_back(p.id);
    return note;
}

Instant AppState::now() const { return nowOverride ? *nowOverride : nowInstant(); }

}  // namespace hallway::ui
