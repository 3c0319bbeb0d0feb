// View models of the People view: the filtered list of people, the selected
// person's page (from personTimeline) and the event's targets with where to
// find them. Each rebuilds from the store only when its inputs or the data
// revision change. No ImGui in here.
//
// [SECTION] PeopleListModel
// [SECTION] PersonPageModel
// [SECTION] TargetsModel
#pragma once
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/model.h"
#include "services/capture_service.h"
#include "services/people_service.h"
#include "store/people_repo.h"
#include "ui/app_state.h"

namespace hallway {
class Store;
}

namespace hallway::ui {

// [SECTION] PeopleListModel
class PeopleListModel {
public:
    // Requeries when the search, the tag or the revision changed. True when it
    // did. `counts`: the counts, total and tags follow too (a list that shows
    // no tabs, the Network tab's group, does without their 50 ms).
    bool sync(Store& store, const std::string& search, const std::string& tag, PeopleScope scope,
              std::uint64_t revision, bool counts = true);
    const std::vector<PersonBrief>& rows() const { return m_rows; }
    const std::vector<std::string>& tags() const { return m_tags; }  // every tag in use, sorted
    int total() const { return m_total; }
    const ScopeCounts& counts() const { return m_counts; }  // network and agenda-only, at the last syncCounts
    // Rereads the counts, the total and the tags when `revision` moved: the
    // tabs' labels and tooltips show them whichever tab is up, while the
    // rows load only with the list. True when it did.
    bool syncCounts(Store& store, std::uint64_t revision);
    int rebuildCount() const { return m_rebuilds; }
    const std::string& error() const { return m_error; }
    int indexOf(RowId id) const;

private:
    bool m_built = false;
    std::string m_search, m_tag;
    PeopleScope m_scope = PeopleScope::All;
    ScopeCounts m_counts;
    std::uint64_t m_revision = 0, m_countsRevision = 0;
    std::vector<PersonBrief> m_rows;
    std::vector<std::string> m_tags;
    int m_total = 0;
    int m_rebuilds = 0;
    std::string m_error;
};

// [SECTION] PersonPageModel
struct TimelineRow {
    std::string date;   // "3 Feb 2024", empty for undated facts
    std::string kind;   // fact, talk, target, note, interaction, follow_up
    std::string line;   // first line of the text
    std::string text;   // the whole text, for the tooltip
    std::string event;
};

class PersonPageModel {
public:
    // Reloads when the person or the revision changed. True when it rebuilt.
    // `events`: AgendaRepo(store).listEvents() when the caller holds it current, else null.
    // `writes`: the app's revision; when all that moved since the last build
    // is notes added (about this person or not), the page takes those notes
    // in place instead of reading the person again (2,000 notes: 20 ms).
    bool sync(Store& store, std::optional<RowId> personId, std::uint64_t revision,
              const std::vector<EventSummary>* events = nullptr, const DataRevision* writes = nullptr);
    // A change that touched someone else only (another target ticked met):
    // the page stays as it is, current at `revisionAfter`, when it was built
    // at `revisionBefore` (else the next sync reloads). True when applied.
    bool keepAcross(std::uint64_t revisionBefore, std::uint64_t revisionAfter);
    std::optional<RowId> personId() const { return m_personId; }
    bool has() const { return m_has; }
    const Person& person() const { return m_timeline.person; }
    const Warmth& warmth() const { return m_timeline.warmth; }
    const std::string& subtitle() const { return m_subtitle; }   // "Role, Company"
    const std::string& warmthText() const { return m_warmthText; }
    const std::vector<TimelineRow>& rows() const { return m_rows; }
    int rebuildCount() const { return m_rebuilds; }  // every change of the page, read again or not
    int readCount() const { return m_reads; }        // the person read whole
    const std::string& error() const { return m_error; }

private:
    // Takes in the notes added since the last build; false (nothing changed)
    // when some write since was not a note added, or a note is not found.
    bool addNotes(Store& store, const DataRevision& writes);
    void insertEntry(TimelineEntry entry);

    bool m_built = false;
    std::optional<RowId> m_personId;
    std::uint64_t m_revision = 0;
    bool m_has = false;
    PersonTimeline m_timeline;
    std::string m_subtitle, m_warmthText;
    std::vector<TimelineRow> m_rows;
    int m_rebuilds = 0;
    int m_reads = 0;
    std::string m_error;
};

// "3 interactions · a relationship · gave 1 / asked 1 · last contact 3 Feb 2024".
std::string warmthLabel(const Warmth& warmth, const std::string& zone);

// [SECTION] TargetsModel
struct TargetRow {
    RowId personId = 0;
    std::string name;
    std::string company;
    TargetPriority priority = TargetPriority::Should;
    TargetStatus status = TargetStatus::NotYet;
    std::string why;
    std::vector<std::string> questions;
    std::vector<std::string> whereToFind;  // "Sat 3 Feb 10:30–11:00 · H.1302 · Title · free after until 11:30"
    size_t moreTalks = 0;                  // talks past kTalksShown, not in whereToFind
};

// A target card lists this many talks, then "and N more": a prolific speaker
// (hundreds of talks) would otherwise be a page of lines, wrapped every frame.
constexpr size_t kTalksShown = 5;

class TargetsModel {
public:
    // With `rows`, reloads the rows (where to find each target: slow for
    // hundreds) when the event or the revision changed; without, only keeps
    // count() current and leaves the rows to the next sync that wants them.
    // True when the rows were rebuilt.
    bool sync(Store& store, std::optional<RowId> eventId, std::uint64_t revision, bool rows = true);
    // How many targets the event has, with or without the rows loaded.
    int count() const { return m_countCurrent ? m_count : int(m_rows.size()); }
    // A target ticked met or not: updates their row in place, as a reload at
    // `revisionAfter` would, when the model was built at `revisionBefore`
    // (else the next sync reloads). Counts as a rebuild. True when applied.
    bool applyStatus(RowId personId, TargetStatus status, std::uint64_t revisionBefore, std::uint64_t revisionAfter);
    const std::vector<TargetRow>& rows() const { return m_rows; }
    const TargetRow* find(RowId personId) const;
    const std::string& eventName() const { return m_eventName; }
    int rebuildCount() const { return m_rebuilds; }
    const std::string& error() const { return m_error; }

private:
    bool m_built = false;
    std::optional<RowId> m_eventId;
    std::uint64_t m_revision = 0;
    std::vector<TargetRow> m_rows;
    std::string m_eventName;
    int m_rebuilds = 0;
    std::string m_error;
    // The count alone, when the rows were not wanted: valid for m_countEvent at m_countRevision.
    bool m_countCurrent = false;
    std::optional<RowId> m_countEvent;
    std::uint64_t m_countRevision = 0;
    int m_count = 0;
};

// The event's goals with their progress, for the targets tab.
class GoalsModel {
public:
    // Reloads when the event or the revision (targets, interactions,
    // follow-ups) changed. True when it reloaded.
    bool sync(Store& store, std::optional<RowId> eventId, std::uint64_t revision);
    // A target of `eventId` ticked met or not: rechecks that person alone and
    // counts them in or out, as a reload at `revisionAfter` would, when the
    // model was built at `revisionBefore` (else the next sync reloads). The
    // tick writes only the target and its "met" interaction, so the other
    // counts stand. True when applied.
    bool applyMet(Store& store, RowId eventId, RowId personId, std::uint64_t revisionBefore,
                  std::uint64_t revisionAfter);
    const std::vector<GoalProgress>& goals() const { return m_goals; }
    const std::string& error() const { return m_error; }
    int loadCount() const { return m_loads; }  // full recounts (the met set read whole)

private:
    bool m_built = false;
    std::optional<RowId> m_eventId;
    std::uint64_t m_revision = 0;
    std::vector<GoalProgress> m_goals;
    // Everyone met at the event, kept so a tick rechecks one person, not
    // every note of the event (50,000 at the power tier).
    std::set<RowId> m_met;
    int m_loads = 0;
    std::string m_error;
};

// People per company, tag or role with their warmth: where the network is thin.
class NetworkModel {
public:
    // `by`: "company", "tag" or "role". True when it reloaded.
    bool sync(Store& store, const std::string& by, std::uint64_t revision);
    const std::vector<NetworkGroup>& groups() const { return m_groups; }
    const std::string& by() const { return m_by; }
    int rebuildCount() const { return m_rebuilds; }
    const std::string& error() const { return m_error; }

private:
    bool m_built = false;
    std::string m_by;
    std::uint64_t m_revision = 0;
    std::vector<NetworkGroup> m_groups;
    int m_rebuilds = 0;
    std::string m_error;
};

}  // namespace hallway::ui
