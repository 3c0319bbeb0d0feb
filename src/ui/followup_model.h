// View models of the Follow up view: the event's open queue grouped Overdue /
// Today / This week / Later, and the selected item's draft with its
// templates, the person's email and placeholder warnings. Each rebuilds from
// the store (through FollowUpsRepo and the engine) only when its inputs or the
// data revision change. No ImGui and no SQL in here.
//
// [SECTION] Grouping
// [SECTION] FollowUpQueueModel
// [SECTION] FollowUpDraftModel
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "core/followup.h"
#include "core/model.h"
#include "ui/background_read.h"

namespace hallway {
class Store;
}

namespace hallway::ui {

// [SECTION] Grouping

// The engine's grouping and order (core/followup.h), as `hallway queue` uses them.
using hallway::DueGroup;
using hallway::dueGroupOf;
using hallway::dueGroupTitle;
using hallway::effectiveDue;
using hallway::sortQueue;

// [SECTION] FollowUpQueueModel

// One item as the list shows it, nothing more: no draft, rule or dedupe key
// (19,000 items at the power tier held whole took about 14 MB more). The
// query hands them over one by one; FollowUpDraftModel loads the selected one.
struct QueueRow {
    RowId id = 0;
    DueGroup group = DueGroup::Later;
    bool drafted = false;     // status "drafted"
    std::string kind;         // "thank_you"
    std::string personName;
    std::string due;          // effective due date, "Tue 19 Sep"
    std::string status;       // "open", "drafted", "snoozed to Tue 19 Sep"
    std::string reason;       // whole, for the tooltip
    std::string_view why() const { return std::string_view(reason).substr(whyAt, whyLength); }  // its first line
    std::uint32_t whyAt = 0, whyLength = 0;
};

// The status as the list and the draft show it: "snoozed to Tue 19 Sep", else the status.
std::string queueStatusLabel(const FollowUp& f);

// One line of the list: a group header or a row.
struct QueueLine {
    bool header = false;
    DueGroup group = DueGroup::Later;
    int row = -1;     // index into rows() when not a header
    int count = 0;    // items in the group, on headers
};

// A big queue (more than progressiveAbove() items, in a database file) loads
// in two steps: the first sync reads the group counts and the first
// firstRows() items, what the first frame shows; the rest is read on a thread
// with its own connection once the first frame is out, and taken by a later
// sync. partial() says which; total() and the headers' counts are the whole
// queue's in both. (14,700 items at the power tier took 300 ms of the first
// read's CPU; the first 300 and the counts take about 25.)
class FollowUpQueueModel {
public:
    FollowUpQueueModel() = default;
    FollowUpQueueModel(const FollowUpQueueModel&) = delete;
    FollowUpQueueModel& operator=(const FollowUpQueueModel&) = delete;
    ~FollowUpQueueModel();

    // Requeries when the event, the day or the revision changed, or takes the
    // rest of a big queue once its thread has read it. True when the rows changed.
    bool sync(Store& store, std::optional<RowId> eventId, Instant now, std::uint64_t revision);
    // The user closed one item (sent, replied, done, dropped): takes its row
    // out in place, as a requery at `revisionAfter` would, instead of
    // reloading the whole queue. Only when the model was built at
    // `revisionBefore` (else the next sync requeries). Counts as a rebuild.
    // True when applied.
    bool applyClosed(RowId itemId, std::uint64_t revisionBefore, std::uint64_t revisionAfter);
    const std::vector<QueueRow>& rows() const { return m_rows; }
    const std::vector<QueueLine>& lines() const { return m_lines; }
    // Only the first rows are loaded yet (see above); a later sync brings the rest.
    bool partial() const { return m_partial; }
    int total() const { return m_partial ? m_total : int(m_rows.size()); }  // items in the queue
    const std::string& today() const { return m_today; }  // YYYY-MM-DD in the event's zone
    const std::string& eventName() const { return m_eventName; }
    bool hasEvent() const { return m_hasEvent; }
    int indexOf(RowId id) const;
    int rebuildCount() const { return m_rebuilds; }
    const std::string& error() const { return m_error; }

    // Queues above this many items load in two steps, the first with this many rows (tests lower both).
    static int progressiveAbove();
    static int firstRows();
    static void setProgressive(int above, int firstRows);

private:
    struct RestFor {
        std::optional<RowId> eventId;
        std::uint64_t revision = 0;
        std::string today;
        bool operator==(const RestFor&) const = default;
    };
    void buildLines();
    void startRest();
    bool takeRest();

    bool m_built = false;
    std::optional<RowId> m_eventId;
    std::uint64_t m_revision = 0;
    std::string m_zone = "UTC";
    std::string m_today;
    std::string m_eventName;
    bool m_hasEvent = false;
    std::vector<QueueRow> m_rows;
    std::vector<QueueLine> m_lines;
    int m_rebuilds = 0;
    std::string m_error;
    // While partial: the whole queue's size and each group's count.
    bool m_partial = false;
    int m_total = 0;
    int m_groupCounts[4] = {};
    std::string m_path;  // the store's file, for the rest's own connection
    BackgroundRead<std::vector<QueueRow>, RestFor> m_rest;
};

// [SECTION] FollowUpDraftModel

class FollowUpDraftModel {
public:
    // Reloads when the item or the revision changed. True when it rebuilt.
    // The notes beside the draft follow `notesRevision` (notes, people,
    // events) and stay across items of the same person at the same event: a
    // busy contact's next item opens without reading 2,000 notes again.
    bool sync(Store& store, std::optional<RowId> itemId, std::uint64_t revision, std::uint64_t notesRevision = 0);
    bool has() const { return m_has; }
    const FollowUp& item() const { return m_item; }
    const std::string& subject() const { return m_subject; }
    const std::string& body() const { return m_body; }
    const std::string& email() const { return m_email; }  // first address, empty when none
    // How the message goes out: email, else LinkedIn, else none yet.
    const Reach& reach() const { return m_reach; }
    // The person's other items that can go in the same message (queue
    // order), and that message, made from all their drafts. The message is
    // made when first asked for (the user ticks "one message"), not on
    // opening: rendering a dozen drafts was most of the frame after Done.
    const std::vector<FollowUp>& together() const { return m_together; }
    const RenderedDraft& combined() const;
    // The templates for the item's kind (builtin and the user's), by name.
    const std::vector<MessageTemplate>& templates() const { return m_templates; }
    // The template the draft came from, empty when unknown.
    const std::string& templateName() const { return m_templateName; }
    // "{name}" placeholders left in the draft that no value fills.
    const std::vector<std::string>& unknownPlaceholders() const { return m_unknown; }
    // True when the draft shown is rendered for viewing and not stored yet
    // (items are drafted when first opened, not when generated).
    bool fresh() const { return m_fresh; }
    // The notes of the item's event about the person, oldest first: shown
    // beside the draft, never in it. "Tue 19 Sep 14:05" and the body.
    struct NoteLine {
        RowId id = 0;
        std::string when;
        std::string body;
    };
    const std::vector<NoteLine>& notes() const { return m_notes; }
    int rebuildCount() const { return m_rebuilds; }
    int notesReadCount() const { return m_notesReads; }  // moves whenever notes() changed
    const std::string& error() const { return m_error; }

private:
    // Reads the notes when the item's person or event, or `notesRevision`,
    // changed since they were read. True when it did.
    bool syncNotes(Store& store, std::uint64_t notesRevision);


    bool m_built = false;
    std::optional<RowId> m_itemId;
    std::uint64_t m_revision = 0;
    bool m_has = false;
    FollowUp m_item;
    std::string m_subject, m_body, m_email, m_templateName;
    Reach m_reach;
    std::vector<FollowUp> m_together;
    Store* m_store = nullptr;  // of the last sync, for the combined message
    mutable std::optional<RenderedDraft> m_combined;  // made on first read
    std::vector<MessageTemplate> m_templates;
    std::vector<std::string> m_unknown;
    std::vector<NoteLine> m_notes;
    // Whose notes m_notes holds, and at which revision; none when not read.
    std::optional<std::tuple<RowId, std::optional<RowId>, std::uint64_t>> m_notesKey;
    int m_notesReads = 0;
    bool m_fresh = false;
    int m_rebuilds = 0;
    mutable std::string m_error;  // the combined message's, too
};

}  // namespace hallway::ui
