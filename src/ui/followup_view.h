// The Follow up view: "Generate queue" for the open event and what the last
// run added and why; the queue grouped Overdue / Today / This week / Later on
// the left (Up/Down or J/K move the selection); the selected item's draft on
// the right with its template, placeholder warnings and the actions (copy,
// mail, mark sent / replied / done, snooze, drop).
#pragma once
#include <imgui.h>

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/followup.h"
#include "ui/app_state.h"
#include "ui/followup_model.h"
#include "ui/open_url.h"
#include "ui/ui_widgets.h"
#include "ui/view.h"

namespace hallway {
class Store;
}

namespace hallway::ui {

// How a queue row's first line shares `width` between the kind chip and the
// person's name (each wanted at its full width): the name comes first, the
// chip keeps at least `minChip`; what does not fit is cut with "…".
struct ChipAndName {
    float chip = 0.0f;
    float name = 0.0f;
};
ChipAndName splitChipAndName(float width, float chipWanted, float nameWanted, float minChip);

class FollowUpView : public View {
public:
    void sync(Store& store, AppState& state) override;
    void draw(Store& store, AppState& state) override;
    bool readingInBackground() const override { return m_queue.partial(); }
    // Without an opener (tests, screenshots) the mail button copies the link instead.
    void setUrlOpener(UrlOpener opener) { m_openUrl = std::move(opener); }

    const FollowUpQueueModel& queue() const { return m_queue; }
    const FollowUpDraftModel& draft() const { return m_draft; }
    std::optional<RowId> selected() const { return m_selected; }
    const std::optional<QueueReport>& lastReport() const { return m_report; }
    // Opens item `id`'s draft, as one message with the items due together
    // with it when `together` (screenshots start on a chosen item).
    void showItem(RowId id, bool together) { m_showItem = {id, together}; }

    // Testing hooks: where widgets were drawn in the last frame.
    std::optional<WidgetRect> rowRect(RowId itemId) const;
    // Whether the row's person name was cut short in the last frame.
    std::optional<bool> rowNameCut(RowId itemId) const;
    // By the button's visible label: "Generate queue", "Mark sent", "Copy", ...
    std::optional<WidgetRect> buttonRect(const std::string& label) const;

private:
    void drawTop(Store& store, AppState& state);
    void drawReport(AppState& state);
    void drawList(AppState& state);
    void drawDraft(Store& store, AppState& state);
    // What this frame's draft shows beside its text, worked out before any of it is drawn.
    struct DraftFacts {
        bool linkedIn = false;
        bool closed = false;
        std::vector<std::string> blanks;
        LinkedInText linkedInCut;
        std::vector<std::pair<std::string, ImU32>> below;  // lines under the box, wrapped, in their colours
    };
    DraftFacts draftFacts(const AppState& state) const;
    std::vector<const char*> actionLabels(const DraftFacts& facts) const;
    void drawMessage(Store& store, AppState& state, const DraftFacts& facts);
    void drawActions(Store& store, AppState& state, const DraftFacts& facts, ButtonFlow& flow);
    void syncDraft(Store& store, AppState& state);
    void drawNotes(AppState& state);
    void handleKeys();
    void generate(Store& store, AppState& state);
    void setStatus(Store& store, AppState& state, const std::string& status);
    void snooze(Store& store, AppState& state, int days);
    void redraft(Store& store, AppState& state, const std::string& templateName);
    void saveEdit(Store& store, AppState& state);
    void loadDraftText();
    bool button(const char* label, const char* tooltip = nullptr);

    FollowUpQueueModel m_queue;
    FollowUpDraftModel m_draft;
    UrlOpener m_openUrl;

    std::optional<RowId> m_selected;
    int m_selectedIndex = 0;         // where the selection was, to pick the next one when it leaves the queue
    bool m_scrollToSelected = false;
    std::optional<RowId> m_eventId;

    std::optional<QueueReport> m_report;
    std::string m_reportToday;

    // The draft being edited, loaded when the draft model rebuilds.
    std::string m_subject, m_body;
    // "One message with the other items": the combined draft is on screen.
    bool m_together = false;
    RowId m_togetherFor = 0;
    std::optional<std::pair<RowId, bool>> m_showItem;  // asked for before the queue was loaded
    WrappedTextEdit m_bodyEdit;
    int m_loadedDraftBuild = -1;

    // Each note's wrapped height at the notes column's width, for the draft
    // model's build they came from: a note out of sight is only its height.
    std::vector<float> m_noteHeights;
    float m_noteHeightsWidth = -1.0f;
    int m_noteHeightsBuild = -1;

    std::vector<std::pair<RowId, WidgetRect>> m_rowRects;
    std::vector<std::pair<RowId, bool>> m_rowNameCut;
    std::vector<std::pair<std::string, WidgetRect>> m_buttonRects;
};

}  // namespace hallway::ui
