// The first-run demo: a small fictional event so a new user sees a working app.
#pragma once
#include <optional>
#include <string>

#include "services/import_service.h"

namespace hallway {

class Store;

// Path of the bundled demo agenda (demo/hallway-demo.xml in assetsDir());
// throws like assetsDir() when no asset folder is found.
std::string demoAgendaPath();

// Imports the demo agenda when the database has no event at all; returns the
// report, or nothing when the database already had events. Throws like
// importAgendaFile when the bundled file is missing or damaged.
std::optional<AgendaImportReport> importDemoIfEmpty(Store& store);

}  // namespace hallway
