// What an agenda import did, shown in the import dialog once it ran: counts,
// the event's zone, the zone change summary and every added, moved,
// retitled and removed session in a scrolling list.
#pragma once
#include <string>
#include <vector>

#include "services/import_service.h"
#include "ui/import_actions.h"
#include "ui/theme.h"
#include "ui/ui_widgets.h"

namespace hallway::ui {

// Where the change list's visible rows were drawn in the last frame, for tests:
// each row's kind and its text.
struct ChangeListRects {
    std::vector<WidgetRect> kinds;
    std::vector<WidgetRect> texts;
};

// Draws the panel inside the open dialog; `lines` is changeLines(report).
// True when the user is done with it (Done, Enter or Escape). `rects`, when
// given, gets where the change rows were drawn.
bool drawImportReport(const AgendaImportReport& report, const std::vector<ChangeLine>& lines, ImFont* headingFont,
                      ChangeListRects* rects = nullptr);

}  // namespace hallway::ui
