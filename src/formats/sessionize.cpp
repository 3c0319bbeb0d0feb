// Sessionize exports. Two families of shapes:
//  - "All data": one object with flat lists (sessions, speakers, categories,
//    rooms) joined by id.
//  - Inline shapes ("Schedule grid", "Sessions" list): an array of days or
//    groups whose sessions carry their room name, speakers and categories.
// Times are local wall-clock time without an offset.
#include "formats/sessionize.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <initializer_list>
#include <map>
#include <optional>

#include "core/text.h"
#include "core/time_util.h"
#include "formats/agenda_common.h"
#include "formats/agenda_json.h"

namespace hallway {
namespace {

using Json = nlohmann::json;

constexpr size_t kMaxWarnings = 200;

// Where one session object sits in the raw text. nlohmann's DOM keeps no
// positions, so a light structural scan finds them.
struct SessionSpot {
    size_t objectAt = 0;
    size_t depth = 0;  // nesting of the object: 3 for {"sessions":[{...}]}
    std::vector<std::pair<std::string, size_t>> keys;  // its own keys, offset of each
};

// Finds every object that is an element of an array stored under a key
// "sessions", in document order. Runs after nlohmann accepted the text, so it
// may be lax about syntax; one pass, no recursion.
std::vector<SessionSpot> findSessionSpots(std::string_view s) {
    struct Frame {
        bool object;
        bool sessionsList;
        long spot;  // index into spots when this object is a session, else -1
    };
    std::vector<Frame> stack;
    std::vector<SessionSpot> spots;
    std::string_view lastKey;
    bool expectKey = false;
    size_t i = 0;
    while (i < s.size()) {
        char c = s[i];
        if (c == '"') {
            size_t start = i++;
            while (i < s.size() && s[i] != '"') i += s[i] == '\\' ? 2 : 1;
            std::string_view str = s.substr(start + 1, std::min(i, s.size()) - start - 1);
            ++i;
            if (expectKey && !stack.empty() && stack.back().object) {
                lastKey = str;
                expectKey = false;
                if (stack.back().spot >= 0) spots[size_t(stack.back().spot)].keys.emplace_back(str, start);
            }
            continue;
        }
        if (c == '{' || c == '[') {
            bool isObject = c == '{';
            long spot = -1;
            if (isObject && !stack.empty() && stack.back().sessionsList) {
                spot = long(spots.size());
                spots.push_back({i, stack.size() + 1, {}});
            }
            bool sessionsList = !isObject && !stack.empty() && stack.back().object && lastKey == "sessions";
            stack.push_back({isObject, sessionsList, spot});
            expectKey = isObject;
            lastKey = {};
        } else if (c == '}' || c == ']') {
            if (!stack.empty()) stack.pop_back();
            expectKey = false;
            lastKey = {};
        } else if (c == ',') {
            expectKey = !stack.empty() && stack.back().object;
            lastKey = {};
        }
        ++i;
    }
    return spots;
}


// A time with Z or +hh:mm after its clock part carries its own offset.
bool hasUtcOffset(std::string_view s) {
    size_t sep = s.find_first_of("Tt ", 8);
    if (sep == std::string_view::npos) return false;
    return s.find_first_of("Zz+-", sep) != std::string_view::npos;
}

// Ids are strings in Sessionize, but numbers in places (rooms, categories).
std::optional<std::string> idText(const Json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number_integer()) return v.dump();
    return std::nullopt;
}

bool isTypeCategory(const std::string& lowerTitle) {
    return lowerTitle == "session format" || lowerTitle == "format" || lowerTitle == "type" ||
           lowerTitle == "session type";
}

struct CategoryItem {
    std::string category;  // lower-case category title
    std::string name;
};

class SessionizeReader {
public:
    SessionizeReader(std::string_view bytes, const std::string& fileName, const std::string& zone, Agenda& agenda)
        : m_bytes(bytes), m_file(fileName), m_zone(zone), m_agenda(agenda), m_lines(bytes) {}

    void readAllData(const Json& root) {
        readSpeakers(root);
        readRooms(root);
        readCategories(root);
        const Json& sessions = root.at("sessions");
        if (!sessions.is_array()) fail(keyLine("sessions"), "sessions: expected a list, found " + std::string(agenda::jsonTypeName(sessions)));
        prepareSpots(sessions.size(), {3});
        for (size_t i = 0; i < sessions.size(); ++i)
            readSession(sessions[i], "sessions[" + std::to_string(i) + "]", false, "");
    }

    void readInline(const Json& root) {
        // Count the sessions first so positions can be matched to them.
        size_t total = 0;
        for (size_t d = 0; d < root.size(); ++d) {
            const Json& day = root[d];
            std::string path = "[" + std::to_string(d) + "]";
            if (!day.is_object())
                fail(0, path + ": expected a schedule-grid day or a session group, found " + agenda::jsonTypeName(day));
            if (day.contains("fullName") || day.contains("firstName"))
                fail(0, "this is a Sessionize speaker list, not a schedule; export \"All data\" or the schedule grid");
            if (const Json* rooms = list(day, "rooms", path, 0)) {
                for (size_t r = 0; r < rooms->size(); ++r)
                    if ((*rooms)[r].is_object())
                        if (const Json* s = list((*rooms)[r], "sessions", path + ".rooms[" + std::to_string(r) + "]", 0))
                            total += s->size();
            } else if (const Json* s = list(day, "sessions", path, 0)) {
                total += s->size();
            } else {
                fail(0, path + ": neither a schedule-grid day (no \"rooms\") nor a session group (no \"sessions\")");
            }
        }
        prepareSpots(total, {4, 6});  // [{"sessions":[{}]}], [{"rooms":[{"sessions":[{}]}]}]
        GridDays grid(m_bytes);
        for (size_t d = 0; d < root.size(); ++d) {
            const Json& day = root[d];
            std::string path = "[" + std::to_string(d) + "]";
            if (const Json* rooms = list(day, "rooms", path, 0)) {
                size_t firstSession = m_agenda.sessions.size();
                for (size_t r = 0; r < rooms->size(); ++r) {
                    const Json& room = (*rooms)[r];
                    std::string roomPath = path + ".rooms[" + std::to_string(r) + "]";
                    if (!room.is_object()) fail(0, roomPath + ": expected an object, found " + agenda::jsonTypeName(room));
                    std::string roomName = text::collapseSpaces(str(room, "name", roomPath, 0).value_or(""));
                    if (const Json* s = list(room, "sessions", roomPath, 0))
                        for (size_t i = 0; i < s->size(); ++i)
                            readSession((*s)[i], roomPath + ".sessions[" + std::to_string(i) + "]", true, roomName);
                }
                grid.add(*this, day, d, path, firstSession);
            } else if (const Json* s = list(day, "sessions", path, 0)) {
                for (size_t i = 0; i < s->size(); ++i)
                    readSession((*s)[i], path + ".sessions[" + std::to_string(i) + "]", true, "");
            }
        }
        grid.finish(*this);
    }

    size_t seen() const { return m_seen; }
    size_t hiddenWarnings() const { return m_warnings > kMaxWarnings ? m_warnings - kMaxWarnings : 0; }
    size_t unscheduled() const { return m_unscheduled; }

private:
    // The schedule grid's days ("date" of each top-level entry) become the
    // agenda's own days, numbered from 1 in file order. A day runs from 05:00
    // on its date to 05:00 the next, stretched to hold every session the grid
    // lists under it (a night session, an early start) and cut where the next
    // day's sessions begin, so each session stays on the day the file gives it.
    class GridDays {
    public:
        explicit GridDays(std::string_view bytes) : m_offsets(agenda::jsonObjectOffsets(bytes, {"[]"})) {}

        void add(SessionizeReader& r, const Json& day, size_t position, const std::string& path, size_t firstSession) {
            if (m_broken) return;
            int line = position < m_offsets.size() && m_offsets[position] != agenda::kNoOffset
                           ? r.m_lines.lineAt(m_offsets[position])
                           : 0;
            std::string text = text::trim(r.str(day, "date", path, line).value_or(""));
            std::optional<LocalDateTime> date = text.size() >= 10 ? agenda::parseDate(text.substr(0, 10)) : std::nullopt;
            if (!date) {
                r.warn(line, path + (text.empty() ? " has no date" : ".date '" + text.substr(0, 40) + "' is not a date") +
                                 "; the grid's days are not used (days run 05:00 to 05:00)");
                m_broken = true;
                return;
            }
            Day d;
            d.day.index = int(position) + 1;
            d.midnight = agenda::wallTime(*date, 0, r.m_zone);
            d.day.startsAt = agenda::wallTime(*date, kAgendaDayStartMinute * 60, r.m_zone);
            d.day.endsAt = agenda::wallTime(*date, kAgendaDayStartMinute * 60 + agenda::kSecondsPerDay, r.m_zone);
            for (size_t i = firstSession; i < r.m_agenda.sessions.size(); ++i) {
                const AgendaSession& s = r.m_agenda.sessions[i];
                // A session listed before its day's midnight keeps the 05:00 rule: a day starts on its date.
                if (s.startsAt >= d.midnight) d.day.startsAt = std::min(d.day.startsAt, s.startsAt);
                d.day.endsAt = std::max(d.day.endsAt, s.endsAt);
                d.lastStart = std::max(d.lastStart.value_or(s.startsAt), s.startsAt);
            }
            m_days.push_back(std::move(d));
        }

        void finish(SessionizeReader& r) {
            if (m_broken) return;
            std::stable_sort(m_days.begin(), m_days.end(),
                             [](const Day& a, const Day& b) { return a.day.startsAt < b.day.startsAt; });
            for (size_t i = 0; i + 1 < m_days.size(); ++i) {
                Day& a = m_days[i];
                Day& b = m_days[i + 1];
                if (a.day.endsAt < b.day.startsAt) continue;
                // Overlap: the boundary goes to the later day's start, unless the earlier
                // day still has a session starting there.
                Instant boundary = b.day.startsAt;
                if (a.lastStart && *a.lastStart >= boundary) boundary = *a.lastStart + 1;
                a.day.endsAt = boundary - 1;
                b.day.startsAt = std::max(boundary, b.midnight);
                if (b.day.endsAt <= b.day.startsAt) b.day.endsAt = b.day.startsAt + 1;
            }
            for (Day& d : m_days) r.m_agenda.days.push_back(std::move(d.day));
        }

    private:
        struct Day {
            ScheduleDay day;  // date is left to the import, which keys it in the event's zone
            Instant midnight = 0;
            std::optional<Instant> lastStart;
        };
        std::vector<size_t> m_offsets;
        std::vector<Day> m_days;
        bool m_broken = false;
    };

    [[noreturn]] void fail(int line, const std::string& reason) const { throw FormatError(m_file, line, reason); }

    void warn(int line, const std::string& what) {
        if (++m_warnings <= kMaxWarnings) m_agenda.warnings.push_back(line > 0 ? std::to_string(line) + ": " + what : what);
    }

    // Line of a top-level key such as "sessions"; 1 when it cannot be told.
    int keyLine(const char* key) const {
        size_t at = m_bytes.find("\"" + std::string(key) + "\"");
        return at == std::string_view::npos ? 1 : m_lines.lineAt(at);
    }

    // `depths`: where the shape puts its session objects, so that lists such
    // as a speaker's "sessions" are not mistaken for them.
    void prepareSpots(size_t sessionCount, std::initializer_list<size_t> depths) {
        m_spots = findSessionSpots(m_bytes);
        m_spots.erase(std::remove_if(m_spots.begin(), m_spots.end(),
                                     [&](const SessionSpot& sp) {
                                         return std::find(depths.begin(), depths.end(), sp.depth) == depths.end();
                                     }),
                      m_spots.end());
        // A shape the scan does not understand: better no lines than wrong ones.
        if (m_spots.size() != sessionCount) m_spots.clear();
    }

    const SessionSpot* spot(size_t index) const { return index < m_spots.size() ? &m_spots[index] : nullptr; }

    int sessionLine(const SessionSpot* sp) const {
        if (!sp) return 0;
        for (const auto& [key, at] : sp->keys)
            if (key == "id") return m_lines.lineAt(at);
        return m_lines.lineAt(sp->objectAt);
    }

    int fieldLine(const SessionSpot* sp, const char* field, int fallback) const {
        if (!sp) return fallback;
        for (const auto& [key, at] : sp->keys)
            if (key == field) return m_lines.lineAt(at);
        return fallback;
    }

    // Missing and null read the same: absent.
    static const Json* member(const Json& obj, const char* key) {
        auto it = obj.find(key);
        if (it == obj.end() || it->is_null()) return nullptr;
        return &*it;
    }

    std::optional<std::string> str(const Json& obj, const char* key, const std::string& path, int line) const {
        const Json* v = member(obj, key);
        if (!v) return std::nullopt;
        if (!v->is_string()) fail(line, path + "." + key + ": expected text, found " + agenda::jsonTypeName(*v));
        return v->get<std::string>();
    }

    bool flag(const Json& obj, const char* key, const std::string& path, int line) const {
        const Json* v = member(obj, key);
        if (!v) return false;
        if (!v->is_boolean()) fail(line, path + "." + key + ": expected true or false, found " + agenda::jsonTypeName(*v));
        return v->get<bool>();
    }

    const Json* list(const Json& obj, const char* key, const std::string& path, int line) const {
        const Json* v = member(obj, key);
        if (v && !v->is_array()) fail(line, path + "." + key + ": expected a list, found " + agenda::jsonTypeName(*v));
        return v;
    }

    std::optional<std::string> id(const Json& obj, const std::string& path, int line) const {
        const Json* v = member(obj, "id");
        if (!v) return std::nullopt;
        auto out = idText(*v);
        if (!out) fail(line, path + ".id: expected text or a whole number, found " + agenda::jsonTypeName(*v));
        return out;
    }

    // Truncates at a UTF-8 character boundary so the text stays valid.
    void cap(std::string& s, const std::string& what, int line) {
        if (agenda::cutUtf8(s, agenda::kMaxFieldBytes)) warn(line, what + " is longer than 1 MiB; truncated");
    }

    void readSpeakers(const Json& root) {
        const Json* speakers = list(root, "speakers", "", keyLine("speakers"));
        if (!speakers) return;
        for (size_t i = 0; i < speakers->size(); ++i) {
            const Json& sp = (*speakers)[i];
            std::string path = "speakers[" + std::to_string(i) + "]";
            if (!sp.is_object()) fail(keyLine("speakers"), path + ": expected an object, found " + agenda::jsonTypeName(sp));
            auto speakerId = id(sp, path, 0);
            if (!speakerId) continue;
            std::string name = text::collapseSpaces(str(sp, "fullName", path, 0).value_or(""));
            if (name.empty())
                name = text::collapseSpaces(str(sp, "firstName", path, 0).value_or("") + " " +
                                            str(sp, "lastName", path, 0).value_or(""));
            cap(name, path + ".fullName", 0);
            m_speakers[*speakerId] = std::move(name);
        }
    }

    void readRooms(const Json& root) {
        const Json* rooms = list(root, "rooms", "", keyLine("rooms"));
        if (!rooms) return;
        for (size_t i = 0; i < rooms->size(); ++i) {
            const Json& room = (*rooms)[i];
            std::string path = "rooms[" + std::to_string(i) + "]";
            if (!room.is_object()) fail(keyLine("rooms"), path + ": expected an object, found " + agenda::jsonTypeName(room));
            auto roomId = id(room, path, 0);
            if (!roomId) continue;
            std::string name = text::collapseSpaces(str(room, "name", path, 0).value_or(""));
            cap(name, path + ".name", 0);
            m_rooms[*roomId] = std::move(name);
        }
    }

    void readCategories(const Json& root) {
        const Json* categories = list(root, "categories", "", keyLine("categories"));
        if (!categories) return;
        for (size_t c = 0; c < categories->size(); ++c) {
            const Json& cat = (*categories)[c];
            std::string path = "categories[" + std::to_string(c) + "]";
            if (!cat.is_object()) fail(keyLine("categories"), path + ": expected an object, found " + agenda::jsonTypeName(cat));
            std::string title = text::lower(text::collapseSpaces(str(cat, "title", path, 0).value_or("")));
            const Json* items = list(cat, "items", path, 0);
            if (!items) continue;
            for (size_t k = 0; k < items->size(); ++k) {
                const Json& item = (*items)[k];
                std::string itemPath = path + ".items[" + std::to_string(k) + "]";
                if (!item.is_object()) fail(0, itemPath + ": expected an object, found " + agenda::jsonTypeName(item));
                auto itemId = id(item, itemPath, 0);
                if (!itemId) continue;
                std::string name = text::collapseSpaces(str(item, "name", itemPath, 0).value_or(""));
                cap(name, itemPath + ".name", 0);
                m_categoryItems[*itemId] = {title, std::move(name)};
            }
        }
    }

    Instant readTime(const std::string& value, const std::string& who, const char* field, int line) {
        auto t = parseIsoDateTime(value, m_zone);
        if (!t) fail(line, who + ": " + field + " '" + value.substr(0, 100) + "' is not a date-time");
        if (!hasUtcOffset(value)) {
            ++m_agenda.wallClockTimes;
        } else if (auto offset = isoOffsetSeconds(value)) {
            noteOffset(m_agenda, *t, *offset);
        }
        return *t;
    }

    void readSession(const Json& s, const std::string& path, bool inlineShape, const std::string& roomFallback) {
        const SessionSpot* sp = nullptr;
        if (s.is_object()) sp = spot(m_objectIndex++);
        int line = sessionLine(sp);
        if (!s.is_object()) fail(line, path + ": expected an object, found " + agenda::jsonTypeName(s));
        ++m_seen;
        try {
            readSessionObject(s, path, inlineShape, roomFallback, sp, line);
        } catch (const Json::exception& e) {
            // The accessors above check types; this is the net under them.
            fail(line, path + ": unexpected value (" + agenda::jsonErrorDetail(e.what()) + ")");
        }
    }

    void readSessionObject(const Json& s, const std::string& path, bool inlineShape, const std::string& roomFallback,
                           const SessionSpot* sp, int line) {
        auto at = [&](const char* field) { return fieldLine(sp, field, line); };
        AgendaSession out;
        out.line = line;
        out.sourceId = id(s, path, line).value_or("");
        std::string who = out.sourceId.empty() ? path : "session '" + out.sourceId.substr(0, 100) + "'";
        cap(out.sourceId, who + " id", line);

        auto startText = str(s, "startsAt", path, at("startsAt"));
        if (!startText || text::trim(*startText).empty()) {
            warn(line, who + " has no start time (not scheduled yet); skipped");
            ++m_unscheduled;
            return;
        }

        out.title = text::collapseSpaces(str(s, "title", path, at("title")).value_or(""));
        cap(out.title, who + " title", line);
        if (out.title.empty()) {
            warn(line, who + " has no title");
            out.title = "(untitled)";
        }
        out.description = text::trim(str(s, "description", path, at("description")).value_or(""));
        cap(out.description, who + " description", line);

        out.startsAt = readTime(*startText, who, "startsAt", at("startsAt"));
        auto endText = str(s, "endsAt", path, at("endsAt"));
        if (!endText || text::trim(*endText).empty()) {
            warn(line, who + " has no end time; it ends when it starts");
            out.endsAt = out.startsAt;
        } else {
            out.endsAt = readTime(*endText, who, "endsAt", at("endsAt"));
            if (out.endsAt < out.startsAt) {
                warn(line, who + " ends before it starts; it ends when it starts");
                out.endsAt = out.startsAt;
            }
        }

        // Room: the inline shapes name it, "All data" refers to rooms[] by id.
        out.room = text::collapseSpaces(str(s, "room", path, at("room")).value_or(""));
        if (out.room.empty()) out.room = roomFallback;
        if (const Json* roomId = member(s, "roomId"); roomId && out.room.empty()) {
            auto key = idText(*roomId);
            if (!key) fail(at("roomId"), path + ".roomId: expected a number, found " + agenda::jsonTypeName(*roomId));
            auto found = m_rooms.find(*key);
            if (found != m_rooms.end())
                out.room = found->second;
            else if (!inlineShape)
                warn(line, who + " refers to unknown room id " + key->substr(0, 100));
        }
        cap(out.room, who + " room", line);

        readCategoriesOf(s, path, inlineShape, out, at);
        if (flag(s, "isServiceSession", path, at("isServiceSession"))) out.type = "service";

        // No session page in Sessionize; a stream or recording is the best link.
        out.url = text::trim(str(s, "liveUrl", path, at("liveUrl")).value_or(""));
        if (out.url.empty()) out.url = text::trim(str(s, "recordingUrl", path, at("recordingUrl")).value_or(""));
        cap(out.url, who + " url", line);

        readSpeakersOf(s, path, who, out, at("speakers"));

        if (inlineShape && !out.sourceId.empty()) {
            // The grid can list one session under several rooms (plenum sessions).
            auto [it, fresh] = m_inlineSeen.emplace(out.sourceId, std::make_pair(out.title, out.startsAt));
            if (!fresh && it->second == std::make_pair(out.title, out.startsAt)) return;
        }
        m_agenda.sessions.push_back(std::move(out));
    }

    template <class LineOf>
    void readCategoriesOf(const Json& s, const std::string& path, bool inlineShape, AgendaSession& out, LineOf at) {
        std::vector<CategoryItem> items;
        if (inlineShape) {
            // [{"name":"Track","categoryItems":[{"id":12,"name":"Cloud"}]}]
            const Json* cats = list(s, "categories", path, at("categories"));
            for (size_t c = 0; cats && c < cats->size(); ++c) {
                const Json& cat = (*cats)[c];
                std::string catPath = path + ".categories[" + std::to_string(c) + "]";
                if (!cat.is_object()) fail(at("categories"), catPath + ": expected an object, found " + agenda::jsonTypeName(cat));
                std::string title = text::lower(text::collapseSpaces(str(cat, "name", catPath, at("categories")).value_or("")));
                const Json* catItems = list(cat, "categoryItems", catPath, at("categories"));
                for (size_t k = 0; catItems && k < catItems->size(); ++k) {
                    const Json& item = (*catItems)[k];
                    std::string itemPath = catPath + ".categoryItems[" + std::to_string(k) + "]";
                    if (!item.is_object()) fail(at("categories"), itemPath + ": expected an object, found " + agenda::jsonTypeName(item));
                    items.push_back({title, text::collapseSpaces(str(item, "name", itemPath, at("categories")).value_or(""))});
                }
            }
        } else {
            const Json* ids = list(s, "categoryItems", path, at("categoryItems"));
            for (size_t k = 0; ids && k < ids->size(); ++k) {
                auto key = idText((*ids)[k]);
                if (!key)
                    fail(at("categoryItems"), path + ".categoryItems[" + std::to_string(k) +
                                                  "]: expected a number, found " + agenda::jsonTypeName((*ids)[k]));
                auto found = m_categoryItems.find(*key);
                if (found != m_categoryItems.end()) items.push_back(found->second);
            }
        }
        // Track: a "Track" category, else the first item that is not a format
        // or a language (those have fields of their own).
        const CategoryItem* track = nullptr;
        const CategoryItem* other = nullptr;
        for (const auto& item : items) {
            if (item.name.empty()) continue;
            if (isTypeCategory(item.category)) {
                if (out.type.empty()) out.type = item.name;
            } else if (item.category == "language" || item.category == "languages") {
                if (out.language.empty()) out.language = item.name;
            } else if (item.category == "track" || item.category == "tracks") {
                if (!track) track = &item;
            } else if (!other) {
                other = &item;
            }
        }
        if (track)
            out.track = track->name;
        else if (other)
            out.track = other->name;
        cap(out.track, "track", out.line);
        cap(out.type, "type", out.line);
        cap(out.language, "language", out.line);
    }

    void readSpeakersOf(const Json& s, const std::string& path, const std::string& who,
                        AgendaSession& out, int line) {
        const Json* speakers = list(s, "speakers", path, line);
        for (size_t k = 0; speakers && k < speakers->size(); ++k) {
            const Json& v = (*speakers)[k];
            std::string itemPath = path + ".speakers[" + std::to_string(k) + "]";
            AgendaSpeaker speaker;
            if (v.is_object()) {
                // Inline shapes: {"id":"uuid","name":"Ana Lima"}.
                speaker.sourceId = id(v, itemPath, line).value_or("");
                speaker.name = text::collapseSpaces(str(v, "name", itemPath, line).value_or(""));
            } else {
                auto key = idText(v);
                if (!key) fail(line, itemPath + ": expected a speaker id, found " + std::string(agenda::jsonTypeName(v)));
                speaker.sourceId = *key;
            }
            if (speaker.name.empty() && !speaker.sourceId.empty()) {
                auto found = m_speakers.find(speaker.sourceId);
                if (found == m_speakers.end()) {
                    warn(out.line, who + " names unknown speaker id '" + speaker.sourceId.substr(0, 100) + "'; left out");
                    continue;
                }
                speaker.name = found->second;
            }
            cap(speaker.name, who + " speaker name", out.line);
            if (speaker.name.empty()) {
                warn(out.line, who + " has a speaker without a name; left out");
                continue;
            }
            out.speakers.push_back(std::move(speaker));
        }
    }

    std::string_view m_bytes;
    const std::string& m_file;
    const std::string& m_zone;
    Agenda& m_agenda;
    text::LineIndex m_lines;
    std::vector<SessionSpot> m_spots;
    size_t m_objectIndex = 0;
    std::map<std::string, std::string> m_speakers;
    std::map<std::string, std::string> m_rooms;
    std::map<std::string, CategoryItem> m_categoryItems;
    std::map<std::string, std::pair<std::string, Instant>> m_inlineSeen;
    size_t m_seen = 0;
    size_t m_warnings = 0;
    size_t m_unscheduled = 0;
};

}  // namespace

Agenda parseSessionize(std::string_view bytes, const std::string& fileName, const AgendaParseOptions& options) {
    std::string zone = options.timeZone.empty() ? systemTimeZone() : options.timeZone;
    if (!isKnownTimeZone(zone))
        throw FormatError(fileName, 0, "unknown time zone '" + zone + "' (use an IANA name such as Europe/Berlin)");

    Json root;
    try {
        root = Json::parse(bytes.begin(), bytes.end());
    } catch (const Json::parse_error& e) {
        // e.byte is 1-based: the character the parser stopped at.
        throw FormatError(fileName, text::lineAt(bytes, e.byte > 0 ? e.byte - 1 : 0),
                          "invalid JSON: " + agenda::jsonErrorDetail(e.what()));
    }

    Agenda agenda;
    agenda.timeZone = zone;
    agenda.readInZone = zone;
    SessionizeReader reader(bytes, fileName, zone, agenda);
    if (root.is_object()) {
        if (!root.contains("sessions") || root["sessions"].is_null())
            throw FormatError(fileName, 1, "no \"sessions\" list: not a Sessionize \"All data\" export");
        reader.readAllData(root);
    } else if (root.is_array()) {
        reader.readInline(root);
    } else {
        throw FormatError(fileName, 1, "expected a Sessionize export (an object or a list), found " +
                                           std::string(agenda::jsonTypeName(root)));
    }

    if (reader.seen() == 0) throw FormatError(fileName, 0, "no sessions found");
    if (agenda.sessions.empty())
        throw FormatError(fileName, 0, "no scheduled sessions: all " + std::to_string(reader.unscheduled()) +
                                           " sessions lack a start time");
    if (reader.hiddenWarnings() > 0)
        agenda.warnings.push_back(std::to_string(reader.hiddenWarnings()) + " more warnings not shown");
    return agenda;
}

bool sniffSessionize(std::string_view head) {
    return agenda::startsJson(head) && (head.find("\"sessions\"") != std::string_view::npos ||
                                        head.find("\"startsAt\"") != std::string_view::npos);
}

}  // namespace hallway
