// Importing a file from the app (drop, Ctrl+I, People's Import contacts):
// picks the importer, runs it, and words the outcome for the status line.
// No ImGui here, so the dispatch is tested without a frame.
#pragma once
#include <optional>
#include <string>

#include "core/model.h"

namespace hallway {
class Store;
}

namespace hallway::ui {

enum class ImportTarget {
    Detect,    // contacts when the content says so (vCard, LinkedIn, Google), else an agenda
    Agenda,
    Contacts,  // also a generic CSV with a name column
};

struct ImportOutcome {
    bool ok = false;
    bool contacts = false;         // people were imported, not an agenda
    std::optional<RowId> eventId;  // the agenda's event
    std::string message;           // what happened, or FILE:LINE: why nothing was imported
};

ImportOutcome importFromApp(Store& store, const std::string& path, ImportTarget target);

}  // namespace hallway::ui
