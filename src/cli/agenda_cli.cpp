// The agenda commands: `hallway import`, `events`, `sessions`, `star`,
// `unstar`, `schedule`.
#include <algorithm>
#include <charconv>
#include <iomanip>
#include <iostream>

#include "cli/cli_common.h"
#include "core/schedule.h"
#include "core/text.h"
#include "core/time_util.h"
#include "formats/agenda.h"
#include "services/http_fetch.h"
#include "services/import_service.h"
#include "services/schedule_service.h"
#include "services/service_errors.h"
#include "store/agenda_repo.h"
#include "store/store.h"

namespace hallway::cli {
namespace {

using nlohmann::json;

std::string weekday(Instant t, const std::string& zone) {
    static const char* names[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    auto l = instantToLocal(t, zone);
    // Zeller-free: days since epoch of the local date, 1970-01-01 was a Thursday.
    Instant days = localToInstant({l.year, l.month, l.day, 0, 0, 0}, "UTC") / 86400;
    return names[((days % 7) + 11) % 7];
}

json sessionJson(const Session& s, const std::string& zone) {
    return json{{"id", s.id},
                {"source_id", s.sourceId},
                {"title", s.title},
                {"subtitle", s.subtitle},
                {"start", isoString(s.startsAt, zone)},
                {"end", isoString(s.endsAt, zone)},
                {"start_utc", s.startsAt},
                {"end_utc", s.endsAt},
                {"duration_minutes", (s.endsAt - s.startsAt) / 60},
                {"room", s.room},
                {"track", s.track},
                {"type", s.type},
                {"url", s.url},
                {"language", s.language},
                {"speakers", s.speakers},
                {"starred", s.starred},
                {"removed", s.removed},
                {"abstract", s.abstract}};
}

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i) out += (i ? sep : "") + parts[i];
    return out;
}

}  // namespace

std::string slotText(Instant start, Instant end, const std::string& zone) {
    return weekday(start, zone) + " " + localDateString(start, zone) + " " + localTimeString(start, zone) + "-" +
           localTimeString(end, zone);
}

namespace {

// Renders "Sat 2023-09-10 10:30-10:50" in the event's zone.
std::string slotText(const Session& s, const std::string& zone) { return cli::slotText(s.startsAt, s.endsAt, zone); }

void printSessionLine(std::ostream& out, const Session& s, const std::string& zone) {
    out << std::setw(6) << s.id << "  " << (s.starred ? "* " : "  ") << slotText(s, zone) << "  ";
    if (!s.room.empty()) out << "[" << s.room << "] ";
    out << s.title;
    if (!s.speakers.empty()) out << " — " << join(s.speakers, ", ");
    if (s.removed) out << "  (removed from the agenda)";
    out << "\n";
}

std::vector<std::string> eventDates(Store& store, const Event& event) {
    std::vector<Instant> starts;
    for (const auto& s : AgendaRepo(store).sessions(event.id)) starts.push_back(s.startsAt);
    return agendaDayKeys(event, starts);
}

class AgendaCommands : public CommandGroup {
public:
    void declare(CLI::App& app, bool& asJson) override {
        // import
        m_import = app.add_subcommand("import", "Import an event agenda: " + agendaFormatLabels());
        m_import->add_option("FILE", m_importFile, "agenda file, or its https:// URL (remembered for `hallway refresh`)")
            ->required();
        m_import->add_flag("--allow-http", m_importAllowHttp, "allow a plain http:// URL (unencrypted)");
        m_import->add_option("--event", m_importEvent, "event id or name to import into (default: the agenda's title)");
        m_import->add_option("--format", m_importFormat, agendaFormatChoices())
            ->check(CLI::IsMember(agendaFormatKeys()));
        m_import->add_option("--tz", m_importTz,
                           "IANA zone of the event, e.g. Europe/Brussels (default: the file's zone, else the event's, "
                           "else one matching the file's UTC offsets, else the computer's)");
        m_import->add_option("--map", m_importMap,
                           "CSV column mapping HEADER=FIELD (fields: id title start end duration date room track "
                           "type speakers description abstract url language); repeatable");
        m_import->add_flag("--json", asJson, "print a JSON summary");

        // events
        m_events = app.add_subcommand("events", "List events");
        m_events->add_flag("--json", asJson, "print JSON");

        // sessions
        m_sessions = app.add_subcommand("sessions", "List an event's sessions");
        m_sessions->add_option("--event", m_sessionsEvent, "event id or name")->required();
        m_sessions->add_option("--day", m_sessionsDay, "day number (1 = first day) or date YYYY-MM-DD");
        m_sessions->add_option("--room", m_sessionsRoom, "only this room");
        m_sessions->add_option("--search", m_sessionsSearch, "words in title, abstract, room or track");
        m_sessions->add_flag("--starred", m_sessionsStarred, "only starred sessions");
        m_sessions->add_flag("--include-removed", m_sessionsRemoved, "also sessions dropped from the latest agenda");
        m_sessions->add_flag("--json", asJson, "print JSON");

        // star / unstar
        m_star = app.add_subcommand("star", "Star sessions for your schedule");
        m_star->add_option("SESSION_ID", m_starIds, "session ids (see `hallway sessions`)")->required();
        m_star->add_flag("--json", asJson, "print JSON");
        m_unstar = app.add_subcommand("unstar", "Remove sessions from your schedule");
        m_unstar->add_option("SESSION_ID", m_starIds, "session ids")->required();
        m_unstar->add_flag("--json", asJson, "print JSON");

        // schedule
        m_schedule = app.add_subcommand("schedule", "Your starred sessions, with overlaps flagged");
        m_schedule->add_option("--event", m_scheduleEvent, "event id or name")->required();
        m_schedule->add_flag("--json", asJson, "print JSON");
    }

    bool selected() const override { return *m_import || *m_events || *m_sessions || *m_star || *m_unstar || *m_schedule; }
    // Lists and the schedule read; import and star write.
    bool writesNothing() const override { return *m_events || *m_sessions || *m_schedule; }

    int run(Store& store, std::ostream& out, bool asJson) override {
        if (*m_import) return runImport(store, out, asJson);
        if (*m_events) return runEvents(store, out, asJson);
        if (*m_sessions) return runSessions(store, out, asJson);
        if (*m_star || *m_unstar) return runStar(store, out, asJson);
        return runSchedule(store, out, asJson);
    }

private:
    int runImport(Store& store, std::ostream& out, bool asJson) {
        AgendaImportOptions options;
        options.event = m_importEvent;
        options.format = m_importFormat;
        options.parse.timeZone = m_importTz;
        if (!m_importTz.empty() && !isKnownTimeZone(m_importTz))
            throw CommandError("unknown time zone '" + m_importTz + "' (use an IANA name like Europe/Berlin)");
        for (const auto& m : m_importMap) {
            auto eq = m.find('=');
            if (eq == std::string::npos || eq == 0 || eq + 1 == m.size())
                throw CommandError("--map wants HEADER=FIELD, got '" + m + "'");
            options.parse.csvColumns[text::trim(m.substr(0, eq))] = text::trim(m.substr(eq + 1));
        }
        std::optional<AgendaImportReport> fromUrl;
        if (isHttpUrl(m_importFile)) {
            fromUrl = cli::importFromUrl(store, m_importFile, options, m_importAllowHttp, asJson, out);
            if (!fromUrl) return 0;  // not modified, and said so
        }
        AgendaImportReport r = fromUrl ? std::move(*fromUrl) : importAgendaFile(store, m_importFile, options);
        if (asJson) {
            json j = cli::importCountsJson(r);
            j["event_id"] = r.eventId;
            j["event"] = r.eventName;
            j["event_created"] = r.eventCreated;
            j["rooms"] = r.rooms;
            j["days"] = r.days;
            j["url"] = fromUrl ? json(m_importFile) : json(nullptr);
            out << j.dump(2) << "\n";
        } else {
            out << (r.eventCreated ? "Imported " : "Re-imported ") << m_importFile << " ("
                << r.format << ") into event " << r.eventId << " \"" << r.eventName << "\" ("
                << r.timeZone << ")\n";
            out << "  " << r.sessionsTotal << " sessions: " << r.sessionsAdded << " added, " << r.sessionsUpdated
                << " updated, " << r.sessionsRemoved << " removed, " << r.sessionsUnchanged << " unchanged; "
                << r.peopleAdded << " people added; " << r.rooms << " rooms; " << r.days << " days\n";
            if (r.peopleRenamed > 0)
                out << "  " << r.peopleRenamed << (r.peopleRenamed == 1 ? " speaker" : " speakers")
                    << " renamed by the agenda (same speaker id; notes and targets kept)\n";
            if (!r.zone.note.empty() && !r.zone.warn) out << "  zone: " << r.zone.note << "\n";
            if (r.zoneChange) {
                out << "  zone: " << describeZoneChange(*r.zoneChange) << "\n";
                for (const auto& c : r.zoneChange->examples)
                    out << "    e.g. " << describeSessionChange(c) << "\n";
                if (r.zoneChange->shifted > int(r.zoneChange->examples.size()))
                    out << "    and " << r.zoneChange->shifted - int(r.zoneChange->examples.size())
                        << " more the same way\n";
            }
            for (const auto& c : r.changes) {
                if (r.eventCreated && c.kind == SessionChange::Kind::Added) continue;
                out << "  " << std::left << std::setw(9) << sessionChangeKindName(c.kind) << std::right << " "
                    << describeSessionChange(c) << "\n";
            }
            for (const auto& w : r.warnings) out << "  warning: " << (w == r.zone.note ? zoneNoteForCli(r.zone) : w) << "\n";
        }
        return 0;
    }

    int runEvents(Store& store, std::ostream& out, bool asJson) {
        auto list = AgendaRepo(store).listEvents();
        if (asJson) {
            json arr = json::array();
            for (const auto& s : list) {
                arr.push_back({{"id", s.event.id},
                               {"name", s.event.name},
                               {"time_zone", s.event.timeZone},
                               {"start", s.event.startsAt ? isoString(s.event.startsAt, s.event.timeZone) : ""},
                               {"end", s.event.endsAt ? isoString(s.event.endsAt, s.event.timeZone) : ""},
                               {"sessions", s.sessionCount},
                               {"rooms", s.roomCount},
                               {"days", s.dayCount},
                               {"speakers", s.speakerCount},
                               {"starred", s.starredCount},
                               {"source_format", s.event.sourceFormat},
                               {"source_file", s.event.sourceFile}});
            }
            out << arr.dump(2) << "\n";
        } else if (list.empty()) {
            out << "No events yet. Import an agenda: hallway import FILE\n";
        } else {
            for (const auto& s : list) {
                out << std::setw(4) << s.event.id << "  " << s.event.name << "  ";
                if (s.event.startsAt)
                    out << localDateString(s.event.startsAt, s.event.timeZone) << " – "
                        << localDateString(s.event.endsAt, s.event.timeZone) << " (" << s.event.timeZone << ")  ";
                out << s.sessionCount << " sessions, " << s.roomCount << " rooms, " << s.dayCount << " days, "
                    << s.speakerCount << " speakers, " << s.starredCount << " starred\n";
            }
        }
        return 0;
    }

    int runSessions(Store& store, std::ostream& out, bool asJson) {
        Event event = resolveEvent(store, m_sessionsEvent);
        SessionQuery query;
        query.starredOnly = m_sessionsStarred;
        query.includeRemoved = m_sessionsRemoved;
        if (!m_sessionsRoom.empty()) query.room = m_sessionsRoom;
        if (!m_sessionsSearch.empty()) query.search = m_sessionsSearch;
        if (!m_sessionsDay.empty()) {
            int n = -1;
            auto [end, ec] = std::from_chars(m_sessionsDay.data(), m_sessionsDay.data() + m_sessionsDay.size(), n);
            if (ec == std::errc() && end == m_sessionsDay.data() + m_sessionsDay.size() && n >= 0) {
                // The agenda's own day numbers when it defines days, else 1 = the first day.
                auto dates = eventDates(store, event);
                auto date = agendaDayByNumber(event, dates, n);
                if (!date && !event.days.empty())
                    throw CommandError("event " + std::to_string(event.id) + " has " +
                                       std::to_string(event.days.size()) + " days, numbered " +
                                       std::to_string(event.days.front().index) + " to " +
                                       std::to_string(event.days.back().index) +
                                       " by its agenda; there is no day " + m_sessionsDay);
                if (!date)
                    throw CommandError("event " + std::to_string(event.id) + " has " +
                                       std::to_string(dates.size()) + " days; --day " + m_sessionsDay +
                                       " is past the last");
                query.localDate = *date;
            } else if (parseIsoDateTime(m_sessionsDay, "UTC")) {
                query.localDate = m_sessionsDay;
            } else {
                throw CommandError("--day wants a day number (1, 2, ...) or a date YYYY-MM-DD, got '" +
                                   m_sessionsDay + "'");
            }
        }
        auto list = AgendaRepo(store).sessions(event.id, query);
        if (asJson) {
            json arr = json::array();
            for (const auto& s : list) arr.push_back(sessionJson(s, event.timeZone));
            out << arr.dump(2) << "\n";
        } else if (list.empty()) {
            out << "No sessions match.\n";
        } else {
            for (const auto& s : list) printSessionLine(out, s, event.timeZone);
            out << list.size() << " session" << (list.size() == 1 ? "" : "s") << " (times in "
                << event.timeZone << "; * = starred)\n";
        }
        return 0;
    }

    int runStar(Store& store, std::ostream& out, bool asJson) {
        const bool on = bool(*m_star);
        Written<std::vector<StarredSession>> result;
        try {
            result = starSessions(store, m_starIds, on);
        } catch (const UnknownSession& e) {
            throw CommandError(cliMessage(e) + "; nothing was " + (on ? "starred" : "unstarred"));
        }
        json arr = json::array();
        for (const auto& [s, changed] : result.value) {
            arr.push_back({{"id", s.id}, {"title", s.title}, {"starred", on}, {"changed", changed}});
            if (asJson) continue;
            if (changed) out << (on ? "Starred " : "Unstarred ") << s.id << " " << s.title << "\n";
            else out << (on ? "Already starred " : "Already unstarred ") << s.id << " " << s.title << "\n";
        }
        if (asJson) out << arr.dump(2) << "\n";
        return 0;
    }

    int runSchedule(Store& store, std::ostream& out, bool asJson) {
        Event event = resolveEvent(store, m_scheduleEvent);
        SessionQuery query;
        query.starredOnly = true;
        query.includeRemoved = true;  // a starred session that vanished must be seen
        auto list = AgendaRepo(store).sessions(event.id, query);
        auto overlaps = findOverlaps(list);
        if (asJson) {
            json arr = json::array();
            for (const auto& s : list) {
                json j = sessionJson(s, event.timeZone);
                json with = json::array();
                for (RowId other : overlaps[s.id]) with.push_back(other);
                j["overlaps"] = with;
                arr.push_back(j);
            }
            out << json{{"event_id", event.id}, {"time_zone", event.timeZone}, {"sessions", arr}}.dump(2) << "\n";
        } else if (list.empty()) {
            out << "Nothing starred yet for " << event.name << ". Star sessions with: hallway star SESSION_ID\n";
        } else {
            std::string lastDate;
            for (const auto& s : list) {
                // Grouped by schedule day: the 01:30 session stays under the evening before.
                AgendaDayTime at = agendaDayTime(s.startsAt, event);
                const std::string& date = at.day;
                if (date != lastDate)
                    out << weekday(s.startsAt - Instant(at.minute - 12 * 60) * 60, event.timeZone) << " " << date
                        << "\n";
                lastDate = date;
                printSessionLine(out, s, event.timeZone);
                for (RowId other : overlaps[s.id]) {
                    auto o = std::find_if(list.begin(), list.end(), [&](const Session& x) { return x.id == other; });
                    if (o != list.end())
                        out << "          ! overlaps " << o->id << " " << o->title << " ("
                            << localTimeString(o->startsAt, event.timeZone) << "-"
                            << localTimeString(o->endsAt, event.timeZone) << ")\n";
                }
            }
            int clashes = 0;
            for (auto& [id, with] : overlaps) clashes += int(with.size());
            out << list.size() << " starred; " << clashes / 2 << " overlap" << (clashes / 2 == 1 ? "" : "s")
                << " (times in " << event.timeZone << ")\n";
        }
        return 0;
    }

    CLI::App* m_import = nullptr;
    CLI::App* m_events = nullptr;
    CLI::App* m_sessions = nullptr;
    CLI::App* m_star = nullptr;
    CLI::App* m_unstar = nullptr;
    CLI::App* m_schedule = nullptr;
    std::string m_importFile, m_importEvent, m_importFormat = "auto", m_importTz;
    std::vector<std::string> m_importMap;
    bool m_importAllowHttp = false;
    std::string m_sessionsEvent, m_sessionsDay, m_sessionsRoom, m_sessionsSearch;
    bool m_sessionsStarred = false, m_sessionsRemoved = false;
    std::vector<RowId> m_starIds;
    std::string m_scheduleEvent;
};

}  // namespace

std::unique_ptr<CommandGroup> makeAgendaCommands() { return std::make_unique<AgendaCommands>(); }

}  // namespace hallway::cli
