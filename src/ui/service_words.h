// The services' structured errors and notes worded for the app: the remedy
// names the app's own controls (Add person, the Import dialog's zone field),
// never a command-line option. The CLI words the same facts for a shell
// (cli/cli_words.cpp). No ImGui here, so the wording is tested without a frame.
#pragma once
#include <exception>
#include <string>
#include <vector>

#include "services/import_service.h"

namespace hallway::ui {

// One sentence for the status line, without a final period: the error's
// facts with the app's remedy for the services' structured errors
// (services/service_errors.h), else what() as it is.
std::string appMessage(const std::exception& e);

// An UnresolvedPerson's candidates, one line each ("Ana Lima · Acme"), for the
// status message's details; empty for any other error.
std::vector<std::string> candidateLines(const std::exception& e);

// The import's note on the zone, with how to choose another when the zone
// was a guess; '' when there is no note. `besideField`: shown under the
// Import dialog's zone field itself (its prefill), else after the import.
std::string zoneNoteForApp(const ZoneDecision& zone, bool besideField = false);

}  // namespace hallway::ui
