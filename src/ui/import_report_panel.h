// What an agenda import did, shown in the import dialog once it ran: counts,
// the event's zone, the zone change summary and every added, moved,
// retitled and removed session in a scrolling list.
#pragma once
#include <string>
#include <vector>

#include "services/import_service.h"
#include "ui/theme.h"

namespace hallway::ui {

// Draws the panel inside the open dialog; `lines` is changeLines(report).
// True when the user is done with it (Done, Enter or Escape).
bool drawImportReport(const AgendaImportReport& report, const std::vector<std::string>& lines, ImFont* headingFont);

}  // namespace hallway::ui
