// frab / pretalx / c3voc schedule JSON.
#include "formats/frab_json.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "core/text.h"
#include "core/time_util.h"
#include "formats/agenda_common.h"
#include "formats/agenda_json.h"

namespace hallway {
namespace {

using namespace agenda;  // hasOffset, parseDate, wallTime, looksLikeHtml, quoteValue, cutUtf8

using nlohmann::json;

constexpr size_t kMaxInheritedRoomBytes = 256;

// nlohmann keeps no source positions, so one lexical pass over the (already
// validated) text finds where each day and each event object begins, by its
// place in schedule.conference.days[d].rooms[R][e].

struct SourcePositions {
    std::map<size_t, size_t> days;
    // (d, R) -> offset of event e, or kNoOffset for a non-object element.
    std::map<std::pair<size_t, std::string>, std::vector<size_t>> rooms;
};

std::string decodeJsonString(std::string_view raw) {
    if (raw.find('\\') == std::string_view::npos) return std::string(raw);
    try {
        return json::parse("\"" + std::string(raw) + "\"").get<std::string>();
    } catch (const json::exception&) {
        return std::string(raw);
    }
}

SourcePositions scanPositions(std::string_view s) {
    struct Level {
        bool object = false;
        bool expectKey = false;
        std::string_view key;  // raw, escapes kept
        size_t index = 0;
    };
    // Only the first 7 levels matter; deeper nesting is just counted.
    constexpr size_t kTracked = 7;
    std::vector<Level> levels;
    size_t depth = 0;
    SourcePositions out;

    auto isPath = [&](size_t n) {
        static const char* const keys[] = {"schedule", "conference", "days"};
        if (levels.size() < n) return false;
        for (size_t i = 0; i < 3 && i < n; ++i)
            if (!levels[i].object || levels[i].key != keys[i]) return false;
        if (n >= 4 && levels[3].object) return false;
        if (n >= 5 && (!levels[4].object || levels[4].key != "rooms")) return false;
        if (n >= 6 && !levels[5].object) return false;
        if (n >= 7 && levels[6].object) return false;
        return true;
    };

    std::vector<size_t>* room = nullptr;  // event offsets of the room array being read
    for (size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c == '"') {
            size_t start = i + 1;
            for (++i; i < s.size() && s[i] != '"'; ++i)
                if (s[i] == '\\') ++i;
            if (depth > 0 && depth <= kTracked && levels.back().object && levels.back().expectKey) {
                levels.back().key = s.substr(start, std::min(i, s.size()) - start);
                levels.back().expectKey = false;
            }
        } else if (c == '{' || c == '[') {
            // A repeated key replaces the earlier value, as it does in nlohmann.
            if (c == '{' && depth == 4 && isPath(4)) out.days[levels[3].index] = i;
            if (c == '[' && depth == 6 && isPath(6)) {
                room = &out.rooms[{levels[3].index, decodeJsonString(levels[5].key)}];
                room->clear();
            }
            if (c == '{' && depth == 7 && isPath(7) && room) {
                room->resize(levels[6].index, kNoOffset);
                room->push_back(i);
            }
            ++depth;
            if (depth <= kTracked) levels.push_back(Level{c == '{', c == '{', {}, 0});
        } else if (c == '}' || c == ']') {
            if (depth > 0 && depth <= kTracked) levels.pop_back();
            if (depth > 0) --depth;
        } else if (c == ',' && depth > 0 && depth <= kTracked) {
            if (levels.back().object)
                levels.back().expectKey = true;
            else
                ++levels.back().index;
        }
    }
    return out;
}

// ["Saal 1"] in a JSON path; long keys are shortened for the message.
std::string pathKey(std::string_view key) {
    std::string out = "[\"";
    bool shortened = key.size() > 60;
    if (shortened) key = key.substr(0, utf8CutPoint(key, 60));
    for (char c : key) {
        if (c == '"' || c == '\\') out.push_back('\\');
        out.push_back(c);
    }
    return out + (shortened ? "...\"]" : "\"]");
}

class FrabJsonReader {
public:
    FrabJsonReader(std::string_view bytes, const std::string& file, const AgendaParseOptions& options)
        : m_bytes(bytes), m_file(file), m_options(options), m_lines(bytes) {}

    Agenda read() {
        json root;
        try {
            root = json::parse(m_bytes.begin(), m_bytes.end());
        } catch (const json::parse_error& e) {
            size_t at = e.byte > 0 ? e.byte - 1 : 0;
            throw FormatError(m_file, text::lineAt(m_bytes, at), "invalid JSON: " + jsonErrorDetail(e.what()));
        } catch (const json::exception& e) {
            throw FormatError(m_file, 0, "invalid JSON: " + jsonErrorDetail(e.what()));
        }
        m_positions = scanPositions(m_bytes);
        try {
            readSchedule(root);
        } catch (const json::exception& e) {
            // Every access below is type-checked; this is only a safety net.
            throw FormatError(m_file, 0, "unexpected JSON structure: " + jsonErrorDetail(e.what()));
        }
        if (m_agenda.sessions.empty()) throw FormatError(m_file, 0, "no sessions found");
        restoreFileOrder();
        return std::move(m_agenda);
    }

private:
    // Rooms come out of nlohmann's map sorted by name; put sessions back in the
    // order the file has them (by offset: minified files are all on line 1).
    void restoreFileOrder() {
        std::vector<size_t> order(m_agenda.sessions.size());
        for (size_t i = 0; i < order.size(); ++i) order[i] = i;
        std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return m_offsets[a] < m_offsets[b]; });
        std::vector<AgendaSession> sorted;
        sorted.reserve(order.size());
        for (size_t i : order) sorted.push_back(std::move(m_agenda.sessions[i]));
        m_agenda.sessions = std::move(sorted);
    }

    [[noreturn]] void fail(const std::string& path, int line, const std::string& what) const {
        throw FormatError(m_file, line, path + ": " + what);
    }

    void warn(int line, const std::string& what) {
        m_agenda.warnings.push_back(line > 0 ? std::to_string(line) + ": " + what : what);
    }

    std::string cap(std::string value, const std::string& path, int line) {
        if (value.size() <= kMaxFieldBytes) return value;
        cutUtf8(value, kMaxFieldBytes);
        warn(line, path + " is longer than 1 MiB; truncated");
        return value;
    }

    // The member `key` of `object`; nullptr when absent or null.
    static const json* member(const json& object, const char* key) {
        auto it = object.find(key);
        if (it == object.end() || it->is_null()) return nullptr;
        return &*it;
    }

    const json& objectAt(const json& parent, const char* key, const std::string& path, int line) const {
        const json* value = member(parent, key);
        if (!value) fail(path, line, "required object is missing");
        if (!value->is_object()) fail(path, line, std::string("expected an object, found ") + value->type_name());
        return *value;
    }

    std::string stringAt(const json& object, const char* key, const std::string& path, int line) {
        const json* value = member(object, key);
        if (!value) return {};
        std::string here = path + "." + key;
        if (!value->is_string()) fail(here, line, std::string("expected a string, found ") + value->type_name());
        return cap(value->get_ref<const std::string&>(), here, line);
    }

    // Ids are numbers in frab and strings elsewhere; both are fine.
    std::string idAt(const json& object, const char* key, const std::string& path, int line) {
        const json* value = member(object, key);
        if (!value) return {};
        if (value->is_string()) return cap(text::trim(value->get_ref<const std::string&>()), path + "." + key, line);
        if (value->is_number_unsigned()) return std::to_string(value->get<std::uint64_t>());
        if (value->is_number_integer()) return std::to_string(value->get<std::int64_t>());
        if (value->is_number()) return value->dump();
        fail(path + "." + key, line, std::string("expected a string or number, found ") + value->type_name());
    }

    std::string richText(const json& object, const char* key, const std::string& path, int line) {
        std::string raw = stringAt(object, key, path, line);
        return looksLikeHtml(raw) ? text::stripHtml(raw) : text::trim(raw);
    }

    // The option wins, then the file's zone, then UTC for wall-clock times.
    void chooseZone(const std::string& fileZone) {
        if (!fileZone.empty() && isKnownTimeZone(fileZone)) m_agenda.fileTimeZone = fileZone;
        if (!m_options.timeZone.empty()) {
            if (isKnownTimeZone(m_options.timeZone)) {
                m_zone = m_agenda.timeZone = m_options.timeZone;
                return;
            }
            warn(0, "unknown time zone " + quoteValue(m_options.timeZone) + " given as an option; ignored");
        }
        if (fileZone.empty()) {
            m_zone = "UTC";
            return;
        }
        if (isKnownTimeZone(fileZone)) {
            m_zone = m_agenda.timeZone = fileZone;
            return;
        }
        warn(0, "unknown time zone " + quoteValue(fileZone) + "; times without an offset are read as UTC");
        m_zone = m_agenda.timeZone = "UTC";
    }

    int lineOfOffset(std::optional<size_t> offset) const {
        return offset ? m_lines.lineAt(*offset) : 0;
    }

    void readSchedule(const json& root) {
        if (!root.is_object()) fail("(top level)", 1, std::string("expected an object, found ") + root.type_name());
        // c3voc's "schedule v2" keeps the events in one list beside the
        // conference (schedule.events, or events at the top level).
        const json* wrapped = member(root, "schedule");
        const json& base = wrapped && wrapped->is_object() ? *wrapped : root;
        if (const json* events = member(base, "events"); events && events->is_array()) {
            readVersion2(base, *events, wrapped ? "schedule." : "");
            return;
        }
        const json& schedule = objectAt(root, "schedule", "schedule", 1);
        const json& conference = objectAt(schedule, "conference", "schedule.conference", 0);
        std::string conferencePath = "schedule.conference";
        m_agenda.title = text::trim(stringAt(conference, "title", conferencePath, 0));
        chooseZone(text::trim(stringAt(conference, "time_zone_name", conferencePath, 0)));
        m_agenda.readInZone = m_zone;

        const json* days = member(conference, "days");
        if (!days) return;
        if (!days->is_array()) fail(conferencePath + ".days", 0, std::string("expected an array, found ") + days->type_name());
        for (size_t d = 0; d < days->size(); ++d) readDay((*days)[d], d);
    }

    // A text that schedule v2 may give per language: {"en": "...", "de": "..."}.
    std::string localized(const json& object, const char* key, const std::string& path, int line) {
        const json* value = member(object, key);
        if (!value || !value->is_object()) return stringAt(object, key, path, line);
        for (const char* lang : {"en", "de"})
            if (const json* t = member(*value, lang); t && t->is_string()) return cap(t->get<std::string>(), path + "." + key, line);
        for (const auto& [k, t] : value->items())
            if (t.is_string()) return cap(t.get<std::string>(), path + "." + key, line);
        return {};
    }

    // guid -> name for conference.rooms[] or persons[], to name references.
    std::map<std::string, std::string> namesByGuid(const json* list, const std::string& path) {
        std::map<std::string, std::string> out;
        if (!list || !list->is_array()) return out;
        for (size_t i = 0; i < list->size() && i < 100000; ++i) {
            const json& item = (*list)[i];
            if (!item.is_object()) continue;
            std::string here = path + "[" + std::to_string(i) + "]";
            std::string guid = idAt(item, "guid", here, 0);
            std::string name = text::collapseSpaces(stringAt(item, "name", here, 0));
            if (name.empty()) name = text::collapseSpaces(stringAt(item, "public_name", here, 0));
            if (!guid.empty() && !name.empty()) out.emplace(guid, name);
        }
        return out;
    }

    // A reference that is a name, or an object with a name, or a guid or slug to look up.
    std::string nameOf(const json* value, const std::map<std::string, std::string>& byGuid, const std::string& path,
                       int line) {
        if (!value) return {};
        if (value->is_string()) return cap(text::trim(value->get<std::string>()), path, line);
        if (!value->is_object()) fail(path, line, std::string("expected a name or an object, found ") + value->type_name());
        std::string name = text::trim(stringAt(*value, "name", path, line));
        if (!name.empty()) return name;
        std::string guid = idAt(*value, "guid", path, line);
        if (auto found = byGuid.find(guid); found != byGuid.end()) return found->second;
        std::string slug = text::trim(stringAt(*value, "slug", path, line));
        if (auto found = byGuid.find(slug); found != byGuid.end()) return found->second;
        return slug;
    }

    void readVersion2(const json& base, const json& events, const std::string& prefix) {
        const json* conference = member(base, "conference");
        if (conference && !conference->is_object()) fail(prefix + "conference", 1, "expected an object");
        const json empty = json::object();
        const json& conf = conference ? *conference : empty;
        std::string confPath = prefix + "conference";
        m_agenda.title = text::trim(stringAt(conf, "title", confPath, 0));
        chooseZone(text::trim(stringAt(conf, "time_zone_name", confPath, 0)));
        const json* roomList = member(conf, "rooms");
        if (!roomList) roomList = member(base, "rooms");
        auto rooms = namesByGuid(roomList, confPath + ".rooms");
        auto persons = namesByGuid(member(base, "persons"), prefix + "persons");
        std::map<std::string, std::string> tracks;  // slug -> name
        if (const json* list = member(conf, "tracks"); list && list->is_array())
            for (const auto& t : *list)
                if (t.is_object() && t.contains("slug") && t["slug"].is_string() && t.contains("name") && t["name"].is_string())
                    tracks.emplace(t["slug"].get<std::string>(), t["name"].get<std::string>());

        std::vector<std::string> steps;
        if (!prefix.empty()) steps.push_back("schedule");
        steps.push_back("events");
        steps.push_back("[]");
        std::vector<size_t> offsets = jsonObjectOffsets(m_bytes, steps);
        for (size_t i = 0; i < events.size(); ++i) {
            std::string path = prefix + "events[" + std::to_string(i) + "]";
            size_t offset = i < offsets.size() ? offsets[i] : kNoOffset;
            const json& event = events[i];
            AgendaSession s;
            s.line = offset == kNoOffset ? 0 : m_lines.lineAt(offset);
            if (!event.is_object()) fail(path, s.line, std::string("expected an object, found ") + event.type_name());
            s.sourceId = idAt(event, "guid", path, s.line);
            if (s.sourceId.empty()) s.sourceId = idAt(event, "code", path, s.line);
            if (s.sourceId.empty()) s.sourceId = idAt(event, "id", path, s.line);
            std::string label = s.sourceId.empty() ? "event" : "event " + quoteValue(s.sourceId);
            s.title = text::trim(stringAt(event, "title", path, s.line));
            if (s.title.empty()) fail(path + ".title", s.line, label + " has no title");
            s.subtitle = text::trim(stringAt(event, "subtitle", path, s.line));
            std::string abstract = localized(event, "abstract", path, s.line);
            s.abstract = looksLikeHtml(abstract) ? text::stripHtml(abstract) : text::trim(abstract);
            std::string description = localized(event, "description", path, s.line);
            s.description = looksLikeHtml(description) ? text::stripHtml(description) : text::trim(description);
            s.room = nameOf(member(event, "room"), rooms, path + ".room", s.line);
            s.track = nameOf(member(event, "track"), tracks, path + ".track", s.line);
            s.type = text::trim(stringAt(event, "type", path, s.line));
            s.url = text::trim(stringAt(event, "url", path, s.line));
            s.language = text::trim(stringAt(event, "language", path, s.line));
            readParticipants(event, persons, path, s);

            std::string startText = text::trim(stringAt(event, "start", path, s.line));
            if (startText.empty()) startText = text::trim(stringAt(event, "date", path, s.line));
            auto start = parseIsoDateTime(startText, m_zone);
            if (!start)
                fail(path + ".start", s.line, "unparseable start " + quoteValue(startText) + " (expected an ISO 8601 date-time)");
            s.startsAt = *start;
            std::string endText = text::trim(stringAt(event, "end", path, s.line));
            std::string durationText = text::trim(stringAt(event, "duration", path, s.line));
            if (!endText.empty()) {
                auto end = parseIsoDateTime(endText, m_zone);
                if (!end) fail(path + ".end", s.line, "unparseable end " + quoteValue(endText) + " (expected an ISO 8601 date-time)");
                s.endsAt = *end;
            } else if (!durationText.empty()) {
                auto duration = parseClockDuration(durationText);
                if (!duration) fail(path + ".duration", s.line, "unparseable duration " + quoteValue(durationText) + " (expected HH:MM)");
                s.endsAt = s.startsAt + *duration;
            } else {
                warn(s.line, label + " has neither an end nor a duration; it ends when it starts");
                s.endsAt = s.startsAt;
            }
            m_agenda.sessions.push_back(std::move(s));
            m_offsets.push_back(offset);
        }
    }

    // participants[] (name, guid, role); a participant without a name is
    // looked up in persons[] by guid.
    void readParticipants(const json& event, const std::map<std::string, std::string>& persons,
                          const std::string& path, AgendaSession& s) {
        const json* list = member(event, "participants");
        if (!list) {
            readPersons(event, path, s);
            return;
        }
        if (!list->is_array()) fail(path + ".participants", s.line, std::string("expected an array, found ") + list->type_name());
        for (size_t p = 0; p < list->size(); ++p) {
            const json& person = (*list)[p];
            std::string here = path + ".participants[" + std::to_string(p) + "]";
            if (!person.is_object()) continue;
            AgendaSpeaker speaker;
            speaker.sourceId = idAt(person, "guid", here, s.line);
            speaker.name = text::collapseSpaces(stringAt(person, "name", here, s.line));
            if (speaker.name.empty())
                if (auto found = persons.find(speaker.sourceId); found != persons.end()) speaker.name = found->second;
            if (speaker.name.empty()) {
                warn(s.line, here + " has no name; skipped");
                continue;
            }
            s.speakers.push_back(std::move(speaker));
        }
    }

    struct Day {
        std::optional<LocalDateTime> date;
        std::optional<Instant> start;
        std::optional<Instant> end;
    };

    void readDay(const json& day, size_t index) {
        std::string path = "schedule.conference.days[" + std::to_string(index) + "]";
        auto found = m_positions.days.find(index);
        int line = lineOfOffset(found == m_positions.days.end() ? std::nullopt : std::optional<size_t>(found->second));
        if (!day.is_object()) fail(path, line, std::string("expected an object, found ") + day.type_name());

        Day info;
        std::string dateText = text::trim(stringAt(day, "date", path, line));
        if (!dateText.empty()) {
            info.date = parseDate(dateText);
            if (!info.date) fail(path + ".date", line, "unparseable date " + quoteValue(dateText) + " (expected YYYY-MM-DD)");
        }
        // A frab day may run past midnight; its bounds tell which date "01:00" is on.
        std::string startText = text::trim(stringAt(day, "day_start", path, line));
        std::string endText = text::trim(stringAt(day, "day_end", path, line));
        if (hasOffset(startText)) info.start = parseIsoDateTime(startText, m_zone);
        if (hasOffset(endText)) info.end = parseIsoDateTime(endText, m_zone);
        noteOffsetOf(startText, info.start);
        noteOffsetOf(endText, info.end);
        std::string indexText;
        if (const json* n = member(day, "index"); n && n->is_number_integer()) indexText = std::to_string(n->get<long long>());
        else if (n && n->is_string()) indexText = text::trim(n->get<std::string>());
        addFileDay(m_agenda, indexText, index, info.date, startText, endText, m_zone);

        const json* rooms = member(day, "rooms");
        if (!rooms) return;
        if (!rooms->is_object()) fail(path + ".rooms", line, std::string("expected an object, found ") + rooms->type_name());
        for (const auto& [key, events] : rooms->items()) {
            std::string roomPath = path + ".rooms" + pathKey(key);
            if (events.is_null()) continue;
            if (!events.is_array()) fail(roomPath, line, std::string("expected an array, found ") + events.type_name());
            // Every event without its own "room" gets a copy: keep that copy small.
            std::string room = text::trim(key);
            if (room.size() > kMaxInheritedRoomBytes) {
                cutUtf8(room, kMaxInheritedRoomBytes);
                warn(line, roomPath + ": room name longer than " + std::to_string(kMaxInheritedRoomBytes) +
                               " bytes; truncated");
            }
            auto known = m_positions.rooms.find({index, key});
            const std::vector<size_t>* offsets = known == m_positions.rooms.end() ? nullptr : &known->second;
            for (size_t e = 0; e < events.size(); ++e) {
                size_t offset = offsets && e < offsets->size() ? (*offsets)[e] : kNoOffset;
                readEvent(events[e], info, room, e, roomPath, offset);
            }
        }
    }

    void readEvent(const json& event, const Day& day, const std::string& room, size_t index,
                   const std::string& roomPath, size_t offset) {
        std::string path = roomPath + "[" + std::to_string(index) + "]";
        AgendaSession s;
        s.line = offset == kNoOffset ? 0 : m_lines.lineAt(offset);
        if (!event.is_object()) fail(path, s.line, std::string("expected an object, found ") + event.type_name());

        std::string guid = idAt(event, "guid", path, s.line);
        s.sourceId = !guid.empty() ? guid : idAt(event, "id", path, s.line);
        std::string label = s.sourceId.empty() ? "event" : "event " + quoteValue(s.sourceId);

        s.title = text::trim(stringAt(event, "title", path, s.line));
        if (s.title.empty()) fail(path + ".title", s.line, label + " has no title");
        s.subtitle = text::trim(stringAt(event, "subtitle", path, s.line));
        s.abstract = richText(event, "abstract", path, s.line);
        s.description = richText(event, "description", path, s.line);
        s.room = text::trim(stringAt(event, "room", path, s.line));
        if (s.room.empty()) s.room = room;
        s.track = text::trim(stringAt(event, "track", path, s.line));
        s.type = text::trim(stringAt(event, "type", path, s.line));
        s.url = text::trim(stringAt(event, "url", path, s.line));
        s.language = text::trim(stringAt(event, "language", path, s.line));
        readPersons(event, path, s);

        s.startsAt = startOf(event, day, path, label, s.line);
        std::string durationText = text::trim(stringAt(event, "duration", path, s.line));
        int duration = 0;
        if (durationText.empty()) {
            warn(s.line, label + " has no duration; it ends when it starts");
        } else {
            std::optional<int> parsed = parseClockDuration(durationText);
            if (!parsed)
                fail(path + ".duration", s.line,
                     "unparseable duration " + quoteValue(durationText) + " (expected HH:MM or HH:MM:SS)");
            duration = *parsed;
        }
        s.endsAt = s.startsAt + duration;
        m_agenda.sessions.push_back(std::move(s));
        m_offsets.push_back(offset);
    }

    void readPersons(const json& event, const std::string& path, AgendaSession& s) {
        const json* persons = member(event, "persons");
        if (!persons) return;
        std::string listPath = path + ".persons";
        if (!persons->is_array()) fail(listPath, s.line, std::string("expected an array, found ") + persons->type_name());
        for (size_t p = 0; p < persons->size(); ++p) {
            const json& person = (*persons)[p];
            std::string personPath = listPath + "[" + std::to_string(p) + "]";
            AgendaSpeaker speaker;
            if (person.is_string()) {
                speaker.name = person.get<std::string>();
            } else if (person.is_object()) {
                speaker.name = stringAt(person, "public_name", personPath, s.line);
                if (text::trim(speaker.name).empty()) speaker.name = stringAt(person, "name", personPath, s.line);
                speaker.sourceId = idAt(person, "id", personPath, s.line);
                if (speaker.sourceId.empty()) speaker.sourceId = idAt(person, "guid", personPath, s.line);
                if (speaker.sourceId.empty()) speaker.sourceId = idAt(person, "code", personPath, s.line);
            } else if (!person.is_null()) {
                fail(personPath, s.line, std::string("expected an object, found ") + person.type_name());
            }
            speaker.name = cap(text::collapseSpaces(speaker.name), personPath, s.line);
            if (speaker.name.empty()) {
                warn(s.line, personPath + " has no name; skipped");
                continue;
            }
            s.speakers.push_back(std::move(speaker));
        }
    }

    void noteOffsetOf(const std::string& isoText, std::optional<Instant> at) {
        if (!at) return;
        if (auto offset = isoOffsetSeconds(isoText)) noteOffset(m_agenda, *at, *offset);
    }

    // "date" when it carries an offset; else the day's date plus "start" as
    // wall time in the agenda zone; else "date" read as wall time.
    Instant startOf(const json& event, const Day& day, const std::string& path, const std::string& label, int line) {
        std::string dateText = text::trim(stringAt(event, "date", path, line));
        std::optional<Instant> fromDate;
        if (!dateText.empty()) {
            fromDate = parseIsoDateTime(dateText, m_zone);
            if (!fromDate)
                fail(path + ".date", line, "unparseable date " + quoteValue(dateText) + " (expected an ISO 8601 date-time)");
            if (hasOffset(dateText)) {
                noteOffsetOf(dateText, fromDate);
                return *fromDate;
            }
        }
        std::string startText = text::trim(stringAt(event, "start", path, line));
        if (!startText.empty()) {
            std::optional<int> clock = parseClockDuration(startText);
            if (!clock || *clock >= 2 * kSecondsPerDay)
                fail(path + ".start", line, "unparseable start " + quoteValue(startText) + " (expected HH:MM)");
            std::optional<LocalDateTime> date = day.date;
            if (!date && dateText.size() >= 10) date = parseDate(std::string_view(dateText).substr(0, 10));
            if (!date) fail(path + ".start", line, label + " has a start time but no date");
            Instant start = wallTime(*date, *clock, m_zone);
            ++m_agenda.wallClockTimes;
            // Before the day begins but inside it a date later: an after-midnight slot.
            if (day.start && day.end && start < *day.start) {
                Instant nextDay = wallTime(*date, *clock + kSecondsPerDay, m_zone);
                if (nextDay >= *day.start && nextDay <= *day.end) start = nextDay;
            }
            return start;
        }
        if (fromDate) {
            ++m_agenda.wallClockTimes;
            return *fromDate;
        }
        fail(path, line, label + " has no time (neither \"date\" nor \"start\")");
    }

    std::string_view m_bytes;
    const std::string& m_file;
    const AgendaParseOptions& m_options;
    text::LineIndex m_lines;
    SourcePositions m_positions;
    std::vector<size_t> m_offsets;  // per session, where its object starts
    Agenda m_agenda;
    std::string m_zone = "UTC";
};

}  // namespace

Agenda parseFrabJson(std::string_view bytes, const std::string& fileName, const AgendaParseOptions& options) {
    return FrabJsonReader(bytes, fileName, options).read();
}

// c3voc's layouts: schedule.conference.days[].rooms, or "schedule v2" with
// events[] and persons[] (inside "schedule" or at the top level).
bool sniffFrabJson(std::string_view head) {
    if (!agenda::startsJson(head)) return false;
    if (head.find("\"schedule\"") != std::string_view::npos) return true;
    return head.find("\"events\"") != std::string_view::npos && head.find("\"persons\"") != std::string_view::npos;
}

}  // namespace hallway
