// View models of the Plan view. Built from the store only when the event or
// the data revision changes (PlanModel) or when a filter changes (ListModel);
// drawing reads them and never touches the store. No ImGui in here.
//
// [SECTION] PlanModel  — the event's sessions with their display strings
// [SECTION] ListModel  — filtered row indices for the List layout
// [SECTION] DayLayout  — geometry of one day's grid in minutes and lanes
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/model.h"
#include "ui/app_state.h"
#include "ui/background_read.h"

namespace hallway {
class Store;
}

namespace hallway::ui {

struct PlanDay {
    std::string key;    // "2023-09-10" in the event's zone
    std::string label;  // "Sun 10 Sep"
};

struct PlanRow {
    Session session;         // without its abstract and description (see PlanModel)
    int day = -1;            // index into PlanModel::days()
    int room = -1;           // index into PlanModel::rooms()
    int startMinute = 0;     // local minutes after midnight of its schedule day (01:30 that night: 1530)
    int endMinute = 0;       // startMinute + duration (may pass 24*60)
    std::string time;        // "10:30–10:50"
    std::string speakers;    // "Ana, Bo"
    float hue = 0.0f;        // track colour
    std::vector<RowId> conflictsWith;  // starred sessions overlapping this starred one

    // "10:30–10:50 · Ana, Bo" (grid boxes). Made when drawn: 20,000 rows
    // should not each keep strings only the visible few show.
    std::string meta() const;
};

// The session panel's texts for reading (only the selected session needs them;
// `session` read with its texts, e.g. by AgendaRepo::findSession).
struct SessionTexts {
    std::string abstract;     // readableText() of the agenda's abstract
    std::string description;  // readableText() of its description; empty when it repeats the abstract
};
SessionTexts readableTexts(const Session& session);

// [SECTION] PlanModel
// The event's sessions with times, titles, rooms and speakers, but not their
// abstracts and descriptions: at 1.7-2.2 KB a session those are most of an
// agenda (40 MB at 20,000 sessions), and only the selected session shows them.
//
// A big agenda (more than progressiveAbove() sessions, in a database file)
// loads in two steps. The first sync reads the event's days, rooms, tracks and
// session count, and the rows of the first day, of the day asked for and of
// every starred session: what the first frame shows (the list from its top,
// the grid's day, "Your starred sessions", overlaps). The rest is read on a
// thread with its own connection and taken by a later sync. partial() says
// which; every count but rows().size() is the whole agenda's in both.
struct PlanData {
    bool hasEvent = false;
    bool partial = false;
    Event event;
    std::vector<PlanRow> rows;
    std::vector<PlanDay> days;
    std::vector<std::string> rooms;
    std::vector<std::string> tracks;
    std::unordered_map<RowId, int> byId;
    int starred = 0;
    int sessions = 0;
};

class PlanModel {
public:
    PlanModel() = default;
    PlanModel(const PlanModel&) = delete;
    PlanModel& operator=(const PlanModel&) = delete;
    ~PlanModel();

    // Reloads from `store` when `eventId` or `revision` differ from the last
    // build, or takes the rest of a big agenda once its thread has read it.
    // Returns true when the rows changed. Store errors land in error().
    // `firstDay`: the day key the view shows first, if it knows one; else
    // the day `now` falls on, else the first.
    bool sync(Store& store, std::optional<RowId> eventId, std::uint64_t revision, const std::string& firstDay = {},
              Instant now = 0);
    // The user starred or unstarred one session: updates that row and the
    // overlaps in place, as a rebuild at `revisionAfter` would, instead of
    // reloading the agenda. Only when the model was built at `revisionBefore`
    // (else the next sync rebuilds). Counts as a rebuild. True when applied.
    bool applyStar(RowId sessionId, bool starred, std::uint64_t revisionBefore, std::uint64_t revisionAfter);

    std::uint64_t serial() const { return m_serial; }  // changes on every rebuild and applyStar
    int rebuildCount() const { return m_rebuilds; }
    bool hasEvent() const { return m_data.hasEvent; }
    // Only some rows are loaded yet (see above); a later sync brings the rest.
    bool partial() const { return m_data.partial; }
    int sessionCount() const { return m_data.sessions; }  // the whole agenda's, also while partial
    const Event& event() const { return m_data.event; }
    const std::vector<PlanRow>& rows() const { return m_data.rows; }
    const std::vector<PlanDay>& days() const { return m_data.days; }
    const std::vector<std::string>& rooms() const { return m_data.rooms; }
    const std::vector<std::string>& tracks() const { return m_data.tracks; }
    int starredCount() const { return m_data.starred; }
    const std::string& error() const { return m_error; }
    const PlanRow* find(RowId sessionId) const;
    // "Sun 10 Sep 10:30–10:50" of `row`.
    std::string when(const PlanRow& row) const;
    // Index of `dayKey` in days(), -1 when absent.
    int dayIndex(const std::string& dayKey) const;

    // Agendas above this many sessions load in two steps (tests lower it).
    static int progressiveAbove();
    static void setProgressiveAbove(int sessions);

private:
    struct RestFor {
        RowId eventId = 0;
        std::uint64_t revision = 0;
    };
    void startRest(const std::string& path, RowId eventId, std::uint64_t revision);
    bool takeRest();

    std::optional<RowId> m_builtEvent;
    std::uint64_t m_builtRevision = 0;
    std::uint64_t m_serial = 0;
    int m_rebuilds = 0;
    PlanData m_data;
    std::string m_error;
    std::string m_path;  // the store's file, for the rest's own connection
    BackgroundRead<PlanData, RestFor> m_rest;
};

// [SECTION] ListModel
struct ListFilter {
    std::string text;         // words that must all appear (case-insensitive)
    std::string room;         // exact room, empty = any
    std::string track;        // exact track, empty = any
    bool starredOnly = false;
    std::string search;       // the top bar's search, same rules as text
    bool operator==(const ListFilter&) const = default;
};

// The whitespace-separated words of `query`, ASCII letters lower-cased.
std::vector<std::string> filterWords(const std::string& query);

// For filter words: the sessions whose abstract or description has a word
// starting with it (rows do not hold those texts; see sessionsWithTextWord).
using TextHits = std::unordered_map<std::string, std::unordered_set<RowId>>;
// Adds to `hits` the words of `words` it lacks, looked up in `store` for the
// plan's event. Store errors leave the word without hits.
void findTextHits(Store& store, const PlanModel& plan, const std::vector<std::string>& words, TextHits& hits);

// True when every word (from filterWords) occurs, ignoring ASCII case, in the
// row's title, subtitle, speakers, room, track, type, abstract or description
// (empty in a PlanModel's rows), or `texts` lists the row for that word.
bool matchesWords(const PlanRow& row, const std::vector<std::string>& words, const TextHits* texts = nullptr);

// A start time of the list: the sessions starting then are listed under it.
struct ListSlot {
    Instant startsAt = 0;
    std::string label;  // "Mon 23 Nov 10:00"
    int sessions = 0;   // how many of the filtered sessions start then
};
// One line of the list: a slot's header (row < 0) or a session under it.
struct ListLine {
    int row = -1;   // index into plan.rows(); -1 for the header
    int slot = 0;   // index into ListModel::slots()
};

class ListModel {
public:
    // Refilters when the plan model was rebuilt or `filter` changed. True when
    // it did. `texts`: abstract and description hits of the filter's words.
    bool sync(const PlanModel& plan, const ListFilter& filter, const TextHits* texts = nullptr);
    const std::vector<int>& rows() const { return m_rows; }  // indices into plan.rows()
    // The rows grouped by start time, a header line before each group, in
    // time order: what the list draws (one line each, so the clipper works).
    const std::vector<ListLine>& lines() const { return m_lines; }
    const std::vector<ListSlot>& slots() const { return m_slots; }
    int rebuildCount() const { return m_rebuilds; }

private:
    std::uint64_t m_builtSerial = 0;
    ListFilter m_filter;
    std::vector<int> m_rows;
    std::vector<ListLine> m_lines;
    std::vector<ListSlot> m_slots;
    int m_rebuilds = 0;
};

// [SECTION] DayLayout
struct DayBox {
    int row = 0;         // index into plan.rows()
    int column = 0;      // index into DayLayout::columns
    int lane = 0;        // side by side when sessions in one room overlap
    int lanes = 1;
    int startMinute = 0;
    int endMinute = 0;
};

class DayLayout {
public:
    // Recomputes when the plan model was rebuilt, the day or the filter changed.
    // True when it did. Columns holding a starred session come first, each
    // group in the agenda's room order.
    bool sync(const PlanModel& plan, int day, const GridFilter& filter = {});
    const std::vector<int>& columns() const { return m_columns; }  // room indices
    int roomsThatDay() const { return m_roomsThatDay; }             // before the filter
    int starredRoomsThatDay() const { return m_starredRooms; }      // rooms holding a starred session
    int columnOfRoom(int room) const;                               // -1 when not shown
    const std::vector<DayBox>& boxes() const { return m_boxes; }
    int firstMinute() const { return m_first; }  // whole hour before the first start
    int lastMinute() const { return m_last; }    // whole hour after the last end
    int rebuildCount() const { return m_rebuilds; }

private:
    std::uint64_t m_builtSerial = 0;
    int m_builtDay = -2;
    GridFilter m_filter;
    int m_roomsThatDay = 0, m_starredRooms = 0;
    std::vector<int> m_columns;
    std::vector<DayBox> m_boxes;
    int m_first = 9 * 60;
    int m_last = 18 * 60;
    int m_rebuilds = 0;
};

}  // namespace hallway::ui
