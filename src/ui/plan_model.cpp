#include "ui/plan_model.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <set>

#include "core/schedule.h"
#include "core/time_util.h"
#include "store/agenda_queries.h"
#include "store/agenda_repo.h"
#include "store/store.h"
#include "ui/ui_format.h"

namespace hallway::ui {
namespace {

bool lessNoCase(const std::string& a, const std::string& b) {
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) < std::tolower(static_cast<unsigned char>(y));
    });
}

std::vector<std::string> sortedUnique(std::set<std::string> values) {
    std::vector<std::string> out(values.begin(), values.end());
    std::stable_sort(out.begin(), out.end(), [](const std::string& a, const std::string& b) {
        // Rooms/tracks without a name go last.
        if (a.empty() != b.empty()) return b.empty();
        return lessNoCase(a, b);
    });
    return out;
}

}  // namespace

// [SECTION] PlanModel

namespace {

std::atomic<int> g_progressiveAbove{5000};

// "10:30–10:50", as timeRangeLabel() writes it.
std::string timeRange(const LocalDateTime& a, const LocalDateTime& b) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02d:%02d\u2013%02d:%02d", a.hour, a.minute, b.hour, b.minute);
    return buf;
}

// Zone conversions by instant: an agenda has a few hundred distinct starts
// and ends for its thousands of sessions.
class LocalTimes {
public:
    explicit LocalTimes(const Event& event) : m_event(event) {}
    const LocalDateTime& local(Instant t) {
        auto [it, fresh] = m_local.try_emplace(t);
        if (fresh) it->second = instantToLocal(t, m_event.timeZone);
        return it->second;
    }
    const AgendaDayTime& day(Instant t) {
        auto [it, fresh] = m_day.try_emplace(t);
        if (fresh) it->second = agendaDayTime(t, m_event);
        return it->second;
    }

private:
    const Event& m_event;
    std::unordered_map<Instant, LocalDateTime> m_local;
    std::unordered_map<Instant, AgendaDayTime> m_day;
};

void markOverlaps(PlanData& d) {
    std::vector<Session> starred;
    for (auto& row : d.rows) {
        row.conflictsWith.clear();
        if (row.session.starred) starred.push_back(row.session);
    }
    for (auto& [id, others] : findOverlaps(starred)) {
        auto it = d.byId.find(id);
        if (it != d.byId.end()) d.rows[it->second].conflictsWith = others;
    }
}

// The model of `event` from `sessions` (all of them, or those a partial
// model holds) and `outline` (always the whole agenda's).
PlanData assemble(const Event& event, std::vector<Session> sessions, const AgendaOutline& outline, bool partial) {
    PlanData d;
    d.hasEvent = true;
    d.partial = partial;
    d.event = event;
    d.sessions = outline.sessions;
    LocalTimes times(d.event);

    std::map<std::string, int> dayOfKey;
    for (Instant start : outline.starts) dayOfKey.emplace(times.day(start).day, 0);
    for (const ScheduleDay& day : d.event.days) dayOfKey.emplace(day.date, 0);  // a day of the agenda without sessions too
    for (auto& [key, index] : dayOfKey) {
        index = int(d.days.size());
        d.days.push_back({key, dayLabel(key)});
    }
    d.rooms = sortedUnique(std::set<std::string>(outline.rooms.begin(), outline.rooms.end()));
    d.tracks = sortedUnique(std::set<std::string>(outline.tracks.begin(), outline.tracks.end()));
    d.tracks.erase(std::remove(d.tracks.begin(), d.tracks.end(), std::string()), d.tracks.end());
    std::unordered_map<std::string, int> roomIndex, trackIndex;
    for (size_t i = 0; i < d.rooms.size(); ++i) roomIndex.emplace(d.rooms[i], int(i));
    for (size_t i = 0; i < d.tracks.size(); ++i) trackIndex.emplace(d.tracks[i], int(i));

    d.rows.reserve(sessions.size());
    d.byId.reserve(sessions.size());
    for (Session& s : sessions) {
        PlanRow row;
        const AgendaDayTime& at = times.day(s.startsAt);
        row.day = dayOfKey[at.day];
        auto room = roomIndex.find(s.room);
        row.room = room == roomIndex.end() ? 0 : room->second;  // a room the outline missed: written since
        row.startMinute = at.minute;
        row.endMinute = row.startMinute + int(std::max<Instant>(0, s.endsAt - s.startsAt) / 60);
        row.time = timeRange(times.local(s.startsAt), times.local(s.endsAt));
        row.speakers = joinNames(s.speakers);
        auto track = s.track.empty() ? trackIndex.end() : trackIndex.find(s.track);
        row.hue = track == trackIndex.end() ? -1.0f : std::fmod(0.58f + float(track->second) * 0.618034f, 1.0f);
        if (s.starred) ++d.starred;
        d.byId[s.id] = int(d.rows.size());
        row.session = std::move(s);
        // One-line fields: agenda titles sometimes carry line breaks.
        for (auto& ch : row.session.title)
            if (ch == '\n' || ch == '\r' || ch == '\t') ch = ' ';
        d.rows.push_back(std::move(row));
    }
    if (!partial) d.sessions = int(d.rows.size());
    markOverlaps(d);
    return d;
}

AgendaOutline outlineOf(const std::vector<Session>& sessions) {
    AgendaOutline o;
    o.sessions = int(sessions.size());
    std::set<std::string> rooms, tracks;
    for (const Session& s : sessions) {
        if (o.starts.empty() || o.starts.back() != s.startsAt) o.starts.push_back(s.startsAt);
        if (rooms.insert(s.room).second) o.rooms.push_back(s.room);
        if (tracks.insert(s.track).second) o.tracks.push_back(s.track);
    }
    return o;
}

// `read`: the outline already read on this connection, if any.
PlanData loadWhole(Store& store, const Event& event, const AgendaOutline* read = nullptr) {
    std::vector<Session> sessions = sessionsWithoutTexts(store, event.id);
    if (read) return assemble(event, std::move(sessions), *read, false);
    const AgendaOutline outline = outlineOf(sessions);  // before the move below
    return assemble(event, std::move(sessions), outline, false);
}

// The first step of a big agenda: its outline, and the rows of its first
// day, of `firstDay` (else the day of `now`) and every starred one.
PlanData loadFirstDays(Store& store, const Event& event, AgendaOutline outline, const std::string& firstDay, Instant now) {
    LocalTimes times(event);
    std::string wanted = firstDay;
    const auto hasDay = [&](const std::string& key) {
        for (Instant start : outline.starts)
            if (times.day(start).day == key) return true;
        return false;
    };
    if (wanted.empty() || !hasDay(wanted)) wanted = now ? times.day(now).day : std::string();
    std::pair<Instant, Instant> spans[2] = {{1, 0}, {1, 0}};  // empty spans
    const std::string first = outline.starts.empty() ? std::string() : times.day(outline.starts.front()).day;
    for (Instant start : outline.starts) {
        const std::string& day = times.day(start).day;
        for (int i = 0; i < 2; ++i)
            if (day == (i == 0 ? first : wanted)) {
                if (spans[i].first > spans[i].second) spans[i].first = start;
                spans[i].second = start;
            }
    }
    return assemble(event, sessionsWithoutTexts(store, event.id, spans), outline, true);
}

}  // namespace

PlanModel::~PlanModel() = default;  // waits for a rest still being read

int PlanModel::progressiveAbove() { return g_progressiveAbove.load(); }
void PlanModel::setProgressiveAbove(int sessions) { g_progressiveAbove = sessions; }

bool PlanModel::sync(Store& store, std::optional<RowId> eventId, std::uint64_t revision, const std::string& firstDay,
                     Instant now) {
    const bool tookRest = takeRest();
    if (m_builtEvent == eventId && m_builtRevision == revision && m_serial != 0) {
        // Started from the second sync on, so it does not take the first frame's
        // CPU; again when a change made here (applyStar) made the one read stale.
        if (m_data.partial && !m_rest.running()) startRest(m_path, *m_builtEvent, m_builtRevision);
        return tookRest;
    }
    m_builtEvent = eventId;
    m_builtRevision = revision;
    ++m_serial;
    ++m_rebuilds;
    m_data = PlanData{};
    m_error.clear();
    if (!eventId) return true;
    try {
        if (auto event = AgendaRepo(store).findEvent(*eventId)) {
            m_path = store.path();
            AgendaOutline outline;
            const bool ownFile = !m_path.empty() && m_path != ":memory:";
            if (ownFile) outline = agendaOutline(store, *eventId);
            if (ownFile && outline.sessions > progressiveAbove()) {
                m_data = loadFirstDays(store, *event, std::move(outline), firstDay, now);
            } else {
                m_data = loadWhole(store, *event, ownFile ? &outline : nullptr);
            }
        }
    } catch (const std::exception& e) {
        m_data = PlanData{};
        m_error = e.what();
    }
    return true;
}

void PlanModel::startRest(const std::string& path, RowId eventId, std::uint64_t revision) {
    m_rest.start(path, RestFor{eventId, revision}, [eventId](Store& own) {
        PlanData data;
        if (auto event = AgendaRepo(own).findEvent(eventId)) data = loadWhole(own, *event);
        return data;
    });
}

bool PlanModel::takeRest() {
    auto rest = m_rest.take();
    // Read for another event or before a change made here: the next sync reads again.
    if (!rest || !m_builtEvent || rest->tag.eventId != *m_builtEvent || rest->tag.revision != m_builtRevision ||
        !m_data.partial)
        return false;
    if (!rest->error.empty()) {
        m_error = rest->error;
        m_data.partial = false;  // what is shown stays; no endless retries
        return true;
    }
    if (!rest->data.hasEvent) return false;
    m_data = std::move(rest->data);
    ++m_serial;
    ++m_rebuilds;
    return true;
}

SessionTexts readableTexts(const Session& session) {
    SessionTexts t;
    t.abstract = readableText(session.abstract);
    t.description = readableText(session.description);
    if (t.description == t.abstract) t.description.clear();
    return t;
}

bool PlanModel::applyStar(RowId sessionId, bool starred, std::uint64_t revisionBefore, std::uint64_t revisionAfter) {
    if (m_serial == 0 || m_builtRevision != revisionBefore || !m_error.empty()) return false;
    auto it = m_data.byId.find(sessionId);
    if (it == m_data.byId.end()) return false;
    PlanRow& row = m_data.rows[size_t(it->second)];
    if (row.session.starred != starred) m_data.starred += starred ? 1 : -1;
    row.session.starred = starred;
    markOverlaps(m_data);
    m_builtRevision = revisionAfter;
    ++m_serial;
    ++m_rebuilds;
    return true;
}

std::string PlanRow::meta() const { return speakers.empty() ? time : time + " \u00b7 " + speakers; }

std::string PlanModel::when(const PlanRow& row) const {
    if (row.day < 0 || size_t(row.day) >= m_data.days.size()) return row.time;
    return m_data.days[size_t(row.day)].label + " " + row.time;
}

const PlanRow* PlanModel::find(RowId sessionId) const {
    auto it = m_data.byId.find(sessionId);
    return it == m_data.byId.end() ? nullptr : &m_data.rows[it->second];
}

int PlanModel::dayIndex(const std::string& dayKey) const {
    for (size_t i = 0; i < m_data.days.size(); ++i)
        if (m_data.days[i].key == dayKey) return int(i);
    return -1;
}

// [SECTION] ListModel

namespace {

char lowerAscii(char ch) { return (ch >= 'A' && ch <= 'Z') ? char(ch - 'A' + 'a') : ch; }

// `word` (lower case) occurs in `text`, ASCII case ignored.
bool containsNoCase(const std::string& text, const std::string& word) {
    if (word.empty()) return true;
    if (text.size() < word.size()) return false;
    const char lower = word[0];
    const char upper = (lower >= 'a' && lower <= 'z') ? char(lower - 'a' + 'A') : lower;
    const char* p = text.data();
    const char* const last = text.data() + (text.size() - word.size()) + 1;  // past the last possible start
    while (p < last) {
        // The next start candidate, either case of the first letter.
        const char* a = static_cast<const char*>(std::memchr(p, lower, size_t(last - p)));
        const char* b = upper != lower ? static_cast<const char*>(std::memchr(p, upper, size_t((a ? a : last) - p)))
                                       : nullptr;
        const char* at = b ? b : a;
        if (!at) return false;
        size_t k = 1;
        while (k < word.size() && lowerAscii(at[k]) == word[k]) ++k;
        if (k == word.size()) return true;
        p = at + 1;
    }
    return false;
}

}  // namespace

std::vector<std::string> filterWords(const std::string& query) {
    std::vector<std::string> words;
    size_t i = 0;
    while (i < query.size()) {
        while (i < query.size() && std::isspace(static_cast<unsigned char>(query[i]))) ++i;
        size_t start = i;
        while (i < query.size() && !std::isspace(static_cast<unsigned char>(query[i]))) ++i;
        if (i == start) break;
        std::string word = query.substr(start, i - start);
        for (auto& ch : word) ch = lowerAscii(ch);
        words.push_back(std::move(word));
    }
    return words;
}

void findTextHits(Store& store, const PlanModel& plan, const std::vector<std::string>& words, TextHits& hits) {
    if (!plan.hasEvent()) return;
    for (const std::string& word : words) {
        if (hits.count(word)) continue;
        auto& ids = hits[word];
        try {
            for (RowId id : sessionsWithTextWord(store, plan.event().id, word)) ids.insert(id);
        } catch (const std::exception&) {
            // The word still matches titles, rooms and speakers.
        }
    }
}

bool matchesWords(const PlanRow& row, const std::vector<std::string>& words, const TextHits* texts) {
    const Session& s = row.session;
    const std::string* fields[] = {&s.title, &s.subtitle, &row.speakers, &s.room,
                                   &s.track, &s.type,     &s.abstract,   &s.description};
    for (const std::string& word : words) {
        bool found = false;
        if (texts)
            if (auto it = texts->find(word); it != texts->end() && it->second.count(s.id)) continue;
        for (const std::string* f : fields)
            if (containsNoCase(*f, word)) {
                found = true;
                break;
            }
        if (!found) return false;
    }
    return true;
}

bool ListModel::sync(const PlanModel& plan, const ListFilter& filter, const TextHits* texts) {
    if (m_builtSerial == plan.serial() && m_filter == filter) return false;
    m_builtSerial = plan.serial();
    m_filter = filter;
    ++m_rebuilds;
    m_rows.clear();
    // Both the list's filter and the top bar's search: every word must occur.
    std::vector<std::string> words = filterWords(filter.text);
    for (std::string& w : filterWords(filter.search)) words.push_back(std::move(w));
    const auto& rows = plan.rows();
    for (size_t i = 0; i < rows.size(); ++i) {
        const PlanRow& r = rows[i];
        if (filter.starredOnly && !r.session.starred) continue;
        if (!filter.room.empty() && r.session.room != filter.room) continue;
        if (!filter.track.empty() && r.session.track != filter.track) continue;
        if (!matchesWords(r, words, texts)) continue;
        m_rows.push_back(int(i));
    }
    // Time slots: the rows come in start order, so a new start is a new slot.
    m_lines.clear();
    m_slots.clear();
    m_lines.reserve(m_rows.size() * 2);
    for (int index : m_rows) {
        const PlanRow& r = rows[size_t(index)];
        if (m_slots.empty() || m_slots.back().startsAt != r.session.startsAt) {
            ListSlot slot;
            slot.startsAt = r.session.startsAt;
            if (r.day >= 0 && r.day < int(plan.days().size())) slot.label = plan.days()[size_t(r.day)].label + " ";
            slot.label += localTimeString(r.session.startsAt, plan.event().timeZone);
            m_slots.push_back(std::move(slot));
            m_lines.push_back({-1, int(m_slots.size()) - 1});
        }
        ++m_slots.back().sessions;
        m_lines.push_back({index, int(m_slots.size()) - 1});
    }
    return true;
}

// [SECTION] DayLayout

int DayLayout::columnOfRoom(int room) const {
    for (size_t c = 0; c < m_columns.size(); ++c)
        if (m_columns[c] == room) return int(c);
    return -1;
}

bool DayLayout::sync(const PlanModel& plan, int day, const GridFilter& filter) {
    if (m_builtSerial == plan.serial() && m_builtDay == day && m_filter == filter) return false;
    m_builtSerial = plan.serial();
    m_builtDay = day;
    m_filter = filter;
    ++m_rebuilds;
    m_columns.clear();
    m_boxes.clear();
    m_first = 9 * 60;
    m_last = 18 * 60;

    const auto& rows = plan.rows();
    const size_t roomCount = plan.rooms().size();
    std::vector<bool> roomUsed(roomCount, false), roomStarred(roomCount, false), roomAllowed(roomCount, true);
    if (filter.rooms == GridRooms::Picked)
        for (size_t r = 0; r < roomCount; ++r)
            roomAllowed[r] = std::find(filter.picked.begin(), filter.picked.end(), plan.rooms()[r]) != filter.picked.end();
    // A session is shown when its track and star pass; its room when it is allowed too.
    auto shown = [&](const PlanRow& row) {
        if (row.day != day) return false;
        if (filter.mySessionsOnly && !row.session.starred) return false;
        return filter.track.empty() || row.session.track == filter.track;
    };
    std::vector<bool> roomThatDay(roomCount, false);
    for (const PlanRow& row : rows) {
        if (row.day != day) continue;
        roomThatDay[row.room] = true;
        if (row.session.starred) roomStarred[row.room] = true;
        if (shown(row)) roomUsed[row.room] = true;
    }
    m_roomsThatDay = int(std::count(roomThatDay.begin(), roomThatDay.end(), true));
    m_starredRooms = int(std::count(roomStarred.begin(), roomStarred.end(), true));
    if (filter.rooms == GridRooms::Starred) roomAllowed = roomStarred;
    int first = 48 * 60, last = 0;
    for (const PlanRow& row : rows) {
        if (!shown(row) || !roomAllowed[row.room]) continue;
        first = std::min(first, row.startMinute);
        // A session running past the next midnight is cut at 06:00 next day.
        last = std::max(last, std::min(row.endMinute, 30 * 60));
    }
    std::vector<int> columnOfRoom(roomCount, -1);
    for (int pass = 0; pass < 2; ++pass)  // rooms with a star first
        for (size_t r = 0; r < roomCount; ++r) {
            if (!roomUsed[r] || !roomAllowed[r] || roomStarred[r] != (pass == 0)) continue;
            columnOfRoom[r] = int(m_columns.size());
            m_columns.push_back(int(r));
        }
    if (m_columns.empty()) return true;
    m_first = first / 60 * 60;
    m_last = std::max(m_first + 60, (last + 59) / 60 * 60);

    // Per column: sessions by start, packed into lanes; a cluster of
    // transitively overlapping sessions shares one lane count.
    for (size_t c = 0; c < m_columns.size(); ++c) {
        std::vector<DayBox> boxes;
        for (size_t i = 0; i < rows.size(); ++i) {
            if (!shown(rows[i]) || columnOfRoom[rows[i].room] != int(c)) continue;
            DayBox b;
            b.row = int(i);
            b.column = int(c);
            b.startMinute = rows[i].startMinute;
            b.endMinute = std::max(rows[i].startMinute + 5, std::min(rows[i].endMinute, m_last));
            boxes.push_back(b);
        }
        std::stable_sort(boxes.begin(), boxes.end(),
                         [](const DayBox& a, const DayBox& b) { return a.startMinute < b.startMinute; });
        size_t clusterStart = 0;
        int clusterEnd = -1;
        std::vector<int> laneEnds;
        auto closeCluster = [&](size_t end) {
            for (size_t k = clusterStart; k < end; ++k) boxes[k].lanes = int(laneEnds.size());
            laneEnds.clear();
        };
        for (size_t k = 0; k < boxes.size(); ++k) {
            if (boxes[k].startMinute >= clusterEnd && k > clusterStart) {
                closeCluster(k);
                clusterStart = k;
            }
            int lane = -1;
            for (size_t l = 0; l < laneEnds.size(); ++l)
                if (laneEnds[l] <= boxes[k].startMinute) {
                    lane = int(l);
                    break;
                }
            if (lane < 0) {
                lane = int(laneEnds.size());
                laneEnds.push_back(0);
            }
            laneEnds[lane] = boxes[k].endMinute;
            boxes[k].lane = lane;
            clusterEnd = std::max(clusterEnd, boxes[k].endMinute);
        }
        closeCluster(boxes.size());
        m_boxes.insert(m_boxes.end(), boxes.begin(), boxes.end());
    }
    return true;
}

}  // namespace hallway::ui
