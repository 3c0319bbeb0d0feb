// Indico's JSON export of an event with its contributions
// (/export/event/ID.json?detail=contributions, the HTTP API's "contributions"
// detail level): results[0] is the event, results[0].contributions[] the talks.
#include "formats/indico.h"

#include <nlohmann/json.hpp>

#include "core/text.h"
#include "core/time_util.h"
#include "formats/agenda_common.h"
#include "formats/agenda_json.h"

namespace hallway {
namespace {

using nlohmann::json;
using namespace agenda;

class IndicoReader {
public:
    IndicoReader(std::string_view bytes, const std::string& file, const AgendaParseOptions& options)
        : m_bytes(bytes), m_file(file), m_options(options), m_lines(bytes) {}

    Agenda read() {
        json root;
        try {
            root = json::parse(m_bytes.begin(), m_bytes.end());
        } catch (const json::parse_error& e) {
            size_t at = e.byte > 0 ? e.byte - 1 : 0;
            throw FormatError(m_file, text::lineAt(m_bytes, at), "invalid JSON: " + jsonErrorDetail(e.what()));
        }
        if (!root.is_object()) fail(1, std::string("expected an object at the top level, found ") + jsonTypeName(root));
        const json* results = member(root, "results");
        if (!results || !results->is_array() || results->empty() || !(*results)[0].is_object())
            fail(1, "results: expected a list holding the event (an Indico export of /export/event/ID.json)");
        const json& event = (*results)[0];
        if (results->size() > 1)
            warn(0, "results holds " + std::to_string(results->size()) + " events; only the first is imported");

        m_agenda.title = text::trim(stringAt(event, "title", "results[0]", 1));
        chooseZone(event);
        const json* contributions = member(event, "contributions");
        if (!contributions)
            fail(1, "results[0] has no contributions (export with ?detail=contributions)");
        if (!contributions->is_array())
            fail(1, std::string("results[0].contributions: expected a list, found ") + jsonTypeName(*contributions));
        m_offsets = jsonObjectOffsets(m_bytes, {"results", "[0]", "contributions", "[]"});
        for (size_t i = 0; i < contributions->size(); ++i) readContribution((*contributions)[i], i);
        if (m_agenda.sessions.empty()) fail(0, "no scheduled contributions found");
        return std::move(m_agenda);
    }

private:
    [[noreturn]] void fail(int line, const std::string& what) const { throw FormatError(m_file, line, what); }

    void warn(int line, const std::string& what) {
        m_agenda.warnings.push_back(line > 0 ? std::to_string(line) + ": " + what : what);
    }

    static const json* member(const json& object, const char* key) {
        auto it = object.find(key);
        if (it == object.end() || it->is_null()) return nullptr;
        return &*it;
    }

    std::string stringAt(const json& object, const char* key, const std::string& path, int line) {
        const json* v = member(object, key);
        if (!v) return {};
        if (!v->is_string()) fail(line, path + "." + key + ": expected text, found " + jsonTypeName(*v));
        std::string s = v->get<std::string>();
        if (cutUtf8(s, kMaxFieldBytes)) warn(line, path + "." + key + " is longer than 1 MiB; truncated");
        return s;
    }

    // Ids are strings in places and numbers in others.
    std::string idAt(const json& object, const char* key) {
        const json* v = member(object, key);
        if (!v) return {};
        if (v->is_string()) return text::trim(v->get<std::string>()).substr(0, 200);
        if (v->is_number_integer()) return v->dump();
        return {};
    }

    // --tz wins; else the event's "timezone"; else the zone of its start.
    void chooseZone(const json& event) {
        std::string fileZone = text::trim(stringAt(event, "timezone", "results[0]", 1));
        if (fileZone.empty())
            if (const json* start = member(event, "startDate"); start && start->is_object())
                fileZone = text::trim(stringAt(*start, "tz", "results[0].startDate", 1));
        if (!m_options.timeZone.empty() && isKnownTimeZone(m_options.timeZone)) {
            m_zone = m_agenda.timeZone = m_options.timeZone;
        } else if (!fileZone.empty() && isKnownTimeZone(fileZone)) {
            m_zone = m_agenda.timeZone = fileZone;
        } else if (!fileZone.empty()) {
            warn(0, "unknown time zone " + quoteValue(fileZone) + "; times are read as UTC");
        }
    }

    // {"date": "2011-06-23", "time": "08:20:00", "tz": "Europe/Zurich"}
    std::optional<Instant> dateTimeAt(const json& object, const char* key, const std::string& path, int line) {
        const json* v = member(object, key);
        if (!v) return std::nullopt;
        std::string here = path + "." + key;
        if (!v->is_object()) fail(line, here + ": expected {date, time, tz}, found " + jsonTypeName(*v));
        std::string dateText = text::trim(stringAt(*v, "date", here, line));
        std::string timeText = text::trim(stringAt(*v, "time", here, line));
        std::string zone = text::trim(stringAt(*v, "tz", here, line));
        auto date = parseDate(dateText);
        if (!date) fail(line, here + ".date: unparseable date " + quoteValue(dateText) + " (expected YYYY-MM-DD)");
        auto clock = parseClockDuration(timeText.empty() ? "00:00" : timeText);
        if (!clock || *clock >= kSecondsPerDay)
            fail(line, here + ".time: unparseable time " + quoteValue(timeText) + " (expected HH:MM:SS)");
        if (zone.empty() || !isKnownTimeZone(zone)) zone = m_zone;
        return wallTime(*date, *clock, zone);
    }

    // Indico writes "fullName" as "Last, First" beside first_name/last_name.
    AgendaSpeaker personOf(const json& p, const std::string& path, int line) {
        AgendaSpeaker speaker;
        if (!p.is_object()) return speaker;
        std::string first = text::collapseSpaces(stringAt(p, "first_name", path, line));
        std::string last = text::collapseSpaces(stringAt(p, "last_name", path, line));
        if (!first.empty() || !last.empty()) {
            speaker.name = text::collapseSpaces(first + " " + last);
        } else {
            std::string full = text::collapseSpaces(stringAt(p, "fullName", path, line));
            size_t comma = full.find(", ");
            speaker.name = comma == std::string::npos ? full : full.substr(comma + 2) + " " + full.substr(0, comma);
        }
        for (const char* key : {"person_id", "db_id", "id"}) {
            speaker.sourceId = idAt(p, key);
            if (!speaker.sourceId.empty()) break;
        }
        return speaker;
    }

    void readContribution(const json& c, size_t index) {
        std::string path = "results[0].contributions[" + std::to_string(index) + "]";
        int line = index < m_offsets.size() && m_offsets[index] != kNoOffset ? m_lines.lineAt(m_offsets[index]) : 0;
        if (!c.is_object()) fail(line, path + ": expected an object, found " + jsonTypeName(c));
        AgendaSession s;
        s.line = line;
        s.title = text::trim(stringAt(c, "title", path, line));
        std::string label = s.title.empty() ? "contribution" : "contribution " + quoteValue(s.title);
        if (s.title.empty()) fail(line, path + ".title: " + label + " has no title");
        // friendly_id is what Indico shows in its own URLs; id is the database key.
        s.sourceId = idAt(c, "id");
        if (s.sourceId.empty()) s.sourceId = idAt(c, "friendly_id");
        auto start = dateTimeAt(c, "startDate", path, line);
        if (!start) {
            warn(line, label + " is not scheduled (no startDate); skipped");
            return;
        }
        s.startsAt = *start;
        if (auto end = dateTimeAt(c, "endDate", path, line)) {
            s.endsAt = *end;
        } else if (const json* minutes = member(c, "duration"); minutes && minutes->is_number_integer()) {
            s.endsAt = s.startsAt + Instant(minutes->get<std::int64_t>()) * 60;
        } else {
            s.endsAt = s.startsAt;
        }
        std::string description = stringAt(c, "description", path, line);
        s.description = looksLikeHtml(description) ? text::stripHtml(description) : text::trim(description);
        s.room = text::trim(stringAt(c, "roomFullname", path, line));
        if (s.room.empty()) s.room = text::trim(stringAt(c, "room", path, line));
        if (const json* track = member(c, "track"); track && track->is_string()) s.track = text::trim(track->get<std::string>());
        if (const json* type = member(c, "type"); type && type->is_string()) s.type = text::trim(type->get<std::string>());
        s.url = text::trim(stringAt(c, "url", path, line));
        // Speakers when the event names them, else the primary authors.
        for (const char* key : {"speakers", "primaryauthors"}) {
            const json* people = member(c, key);
            if (!people || !people->is_array()) continue;
            for (size_t p = 0; p < people->size(); ++p) {
                AgendaSpeaker speaker = personOf((*people)[p], path + "." + key + "[" + std::to_string(p) + "]", line);
                if (!speaker.name.empty()) s.speakers.push_back(std::move(speaker));
            }
            if (!s.speakers.empty()) break;
        }
        m_agenda.sessions.push_back(std::move(s));
    }

    std::string_view m_bytes;
    const std::string& m_file;
    const AgendaParseOptions& m_options;
    text::LineIndex m_lines;
    std::vector<size_t> m_offsets;
    std::string m_zone = "UTC";
    Agenda m_agenda;
};

}  // namespace

Agenda parseIndico(std::string_view bytes, const std::string& fileName, const AgendaParseOptions& options) {
    return IndicoReader(bytes, fileName, options).read();
}

bool sniffIndico(std::string_view head) {
    return agenda::startsJson(head) && head.find("\"results\"") != std::string_view::npos &&
           (head.find("\"contributions\"") != std::string_view::npos ||
            head.find("\"_type\"") != std::string_view::npos);
}

}  // namespace hallway
