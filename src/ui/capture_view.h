// The Capture view: a calm text box for what was just said, tied to the event,
// the session running now and the people picked; marker chips; "met" toggles
// for the event's targets; the recent notes below. The text is kept as a
// draft in the store on every edit, so a crash loses nothing; when the store
// cannot take it (disk full, read-only), in a file outside it.
#pragma once
#include <imgui.h>

#include <optional>
#include <string>
#include <vector>

#include "store/people_repo.h"
#include "ui/app_state.h"
#include "ui/capture_model.h"
#include "ui/ui_widgets.h"
#include "ui/view.h"

namespace hallway {
class Store;
}

namespace hallway::ui {

class CaptureView : public View {
public:
    // Brings the model and the draft up to date (cheap when nothing changed).
    void sync(Store& store, AppState& state) override;
    void draw(Store& store, AppState& state) override;
    // Shown: the keyboard goes to the note box.
    void shown(AppState& state) override { state.capture.focusBox = true; }

    // Saves what is typed as a note; on success clears the box and the draft.
    bool save(Store& store, AppState& state);

    const CaptureModel& model() const { return m_model; }
    // The session combo's text as last drawn: cut with "…" to fit.
    const std::string& sessionPreview() const { return m_sessionPreview; }
    // "Met today?" over the targets, "Met at EVENT?" once the event is over.
    std::string targetsHeading(const AppState& state) const;
    const std::string& text() const { return m_text; }
    const std::string& draftKey() const { return m_draftKey; }
    const std::vector<PersonBrief>& chosenPeople() const { return m_chosen; }
    // The session the next note is tied to: a chosen one, else none (automatic or "No session").
    std::optional<RowId> fixedSession() const {
        return m_sessionChoice == SessionChoice::Fixed ? std::optional<RowId>(m_fixedSession) : std::nullopt;
    }
    const std::vector<PersonBrief>& pickerMatches() const { return m_matches; }
    int pickerQueries() const { return m_pickerQueries; }

    // Testing hooks: where widgets were drawn in the last frame.
    std::optional<WidgetRect> boxRect() const { return m_boxRect; }
    std::optional<WidgetRect> saveRect() const { return m_saveRect; }
    std::optional<WidgetRect> pickerRect() const { return m_pickerRect; }
    std::optional<WidgetRect> matchRect(RowId personId) const;
    std::optional<WidgetRect> metRect(RowId personId) const;
    std::optional<WidgetRect> markerRect(const std::string& marker) const;

    // "@name" completion: the people offered for the word being typed after
    // '@' (people at this event first), the one Enter takes, and where each was drawn.
    const std::vector<PersonBrief>& mentionMatches() const { return m_mentionMatches; }
    int mentionIndex() const { return m_mentionIndex; }
    std::optional<WidgetRect> mentionRect(RowId personId) const { return rectFor(m_mentionRects, personId); }

    // Cursor tracking for marker insertion; public for the input callback.
    void onCursor(int cursor);
    std::optional<int> takePendingCursor();
    // A completion to put in while the box is active (only the callback can).
    struct Replacement {
        int from = 0, to = 0;
        std::string text;
    };
    std::optional<Replacement> takePendingReplacement();

private:
    enum class SessionChoice { Automatic, None, Fixed };

    void drawContext(Store& store, AppState& state);
    void drawSessionCombo(AppState& state);
    void drawPeoplePicker(Store& store, AppState& state);
    void drawBox(Store& store, AppState& state);
    void drawMarkers(Store& store, AppState& state);
    void drawTargets(Store& store, AppState& state);
    void drawRecent(AppState& state);
    void updateMatches(Store& store, AppState& state);
    void addPerson(const PersonBrief& person);
    void createPerson(Store& store, AppState& state, const std::string& name);
    void insertMarker(Store& store, AppState& state, const char* marker);
    void findMention();
    // Save refused an @handle that fits several people: the cursor goes after
    // it, so the @ list opens on the candidates to pick one.
    void reopenMention(const std::string& handle);
    void updateMentionMatches(Store& store, AppState& state);
    bool handleMentionKeys(bool boxActive);  // true when Enter or Tab took the chosen one
    void acceptMention(Store& store, AppState& state, const PersonBrief& person, bool boxActive);
    void drawMentionList(Store& store, AppState& state);
    // Keeps the draft in the database, else in a file outside it
    // (draft_copy.h). Returns where the text is, for messages: empty when in
    // the database.
    std::string storeDraft(Store& store, AppState& state);

    CaptureModel m_model;

    std::string m_text;
    std::string m_sessionPreview;  // the session combo's text as shown (cut to its width)
    std::string m_draftKey;
    bool m_draftOutside = false;         // a copy of this key's draft is in a file outside the database
    int m_cursor = -1;                   // byte offset of the box's cursor, -1 = end
    std::optional<int> m_pendingCursor;  // where to put the cursor when the box next runs its callback
    bool m_focusBox = false;

    SessionChoice m_sessionChoice = SessionChoice::Automatic;
    RowId m_fixedSession = 0;
    std::optional<RowId> m_choiceEvent;

    std::vector<PersonBrief> m_chosen;
    std::string m_pickerText;
    std::string m_matchesFor;            // picker text the matches were looked up for
    std::uint64_t m_matchesRevision = 0;
    std::vector<PersonBrief> m_matches;
    int m_pickerQueries = 0;
    bool m_refocusPicker = false;

    // The "@word" before the cursor: where its '@' is (npos: none) and the word.
    size_t m_mentionAt = std::string::npos;
    std::string m_mentionWord, m_mentionFor;
    std::uint64_t m_mentionRevision = 0;
    std::vector<PersonBrief> m_mentionMatches;
    int m_mentionIndex = 0;
    size_t m_mentionDismissed = std::string::npos;  // Escape closed the list for the '@' there
    bool m_mentionListHovered = false;              // the pointer was on the list last frame
    std::vector<RowId> m_atEvent;                   // speakers and targets of the event, sorted
    std::optional<RowId> m_atEventFor;
    std::uint64_t m_atEventRevision = 0;
    std::optional<Replacement> m_pendingReplacement;
    std::vector<std::pair<RowId, WidgetRect>> m_mentionRects;

    std::optional<WidgetRect> m_boxRect, m_saveRect, m_pickerRect;
    std::vector<std::pair<RowId, WidgetRect>> m_matchRects, m_metRects;
    std::vector<std::pair<std::string, WidgetRect>> m_markerRects;
};

}  // namespace hallway::ui
