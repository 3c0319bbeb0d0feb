#include "cli/cli.h"

#include "cli/build_info.h"
#include "cli/cli_common.h"
#include "cli/cli_docs.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <set>

#include "core/schedule.h"
#include "core/text.h"
#include "core/time_util.h"
#include "formats/agenda.h"
#include "services/http_fetch.h"
#include "services/import_service.h"
#include "services/safe_write.h"
#include "store/schema.h"
#include "store/store.h"

namespace hallway {
namespace {

using nlohmann::json;

using cli::CommandError;
using cli::parseRowId;
using cli::resolveEvent;

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

std::string cli::slotText(Instant start, Instant end, const std::string& zone) {
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
    for (const auto& s : store.sessions(event.id)) starts.push_back(s.startsAt);
    return agendaDayKeys(event, starts);
}

std::string versionText() {
    return std::string("hallway ") + HALLWAY_VERSION + " (commit " + buildCommit() + ", database schema " +
           std::to_string(schema::latestVersion()) + ")";
}

}  // namespace

namespace cli {

std::optional<RowId> parseRowId(const std::string& s) {
    RowId id = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
    if (ec != std::errc() || ptr != s.data() + s.size() || id <= 0) return std::nullopt;
    return id;
}

Event resolveEvent(Store& store, const std::string& selector) {
    if (auto id = parseRowId(selector)) {
        if (auto e = store.findEvent(*id)) return *e;
        throw CommandError("no event with id " + selector + " (see `hallway events`)");
    }
    if (auto e = store.findEventByName(selector)) return *e;
    throw CommandError("no event named '" + selector + "' (see `hallway events`)");
}

}  // namespace cli

int runCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, const GuiLauncher& launchGui,
           const std::vector<std::string>& guiViews) {
    CLI::App app{"Hallway: plan events, capture who you meet, follow up.\n"
                 "Run without a subcommand to open the app."};
    app.set_version_flag("--version", versionText(), "Print the version, the commit it was built from and the "
                                                     "database schema version, and exit");
    std::string dbPath = Store::defaultPath();
    app.add_option("--db", dbPath, "SQLite database file")->capture_default_str();

    GuiRequest gui;
    std::string sizeText;
    std::string guiEvent;
    app.add_option("--screenshot", gui.screenshotPath, "GUI: render a view to this PNG file and exit");
    std::string viewHelp;
    for (const auto& v : guiViews) viewHelp += (viewHelp.empty() ? " (" : ", ") + v;
    auto* view = app.add_option("--view", gui.view, "GUI: view to open" + viewHelp + (viewHelp.empty() ? "" : ")"));
    if (!guiViews.empty()) view->check(CLI::IsMember(guiViews));
    app.add_option("--size", sizeText, "GUI: window size WxH, e.g. 1280x800");
    app.add_option("--event", guiEvent, "GUI: event id to open");
    std::string openFile;
    app.add_option("FILE", openFile, "GUI: an agenda or contacts file to open in the import dialog");
    // For the build: the man page and shell completions, from these very definitions.
    std::string generate;
    app.add_option("--generate", generate)->group("")->check(CLI::IsMember({"man", "bash", "zsh"}));

    bool asJson = false;

    // import
    auto* import = app.add_subcommand("import", "Import an event agenda (frab XML/JSON, iCalendar, Indico, Sessionize, CSV)");
    std::string importFile, importEvent, importFormat = "auto", importTz;
    std::vector<std::string> importMap;
    bool importAllowHttp = false;
    import->add_option("FILE", importFile, "agenda file, or its https:// URL (remembered for `hallway refresh`)")
        ->required();
    import->add_flag("--allow-http", importAllowHttp, "allow a plain http:// URL (unencrypted)");
    import->add_option("--event", importEvent, "event id or name to import into (default: the agenda's title)");
    std::vector<std::string> formatNames{"auto"};
    for (const auto& f : agendaFormats()) formatNames.push_back(f.name);
    import->add_option("--format", importFormat, agendaFormatChoices())->check(CLI::IsMember(formatNames));
    import->add_option("--tz", importTz,
                       "IANA zone of the event, e.g. Europe/Brussels (default: the file's zone, else the event's, "
                       "else one matching the file's UTC offsets, else the computer's)");
    import->add_option("--map", importMap,
                       "CSV column mapping HEADER=FIELD (fields: id title start end duration date room track "
                       "type speakers description abstract url language); repeatable");
    import->add_flag("--json", asJson, "print a JSON summary");

    // events
    auto* events = app.add_subcommand("events", "List events");
    events->add_flag("--json", asJson, "print JSON");

    // sessions
    auto* sessions = app.add_subcommand("sessions", "List an event's sessions");
    std::string sessionsEvent, sessionsDay, sessionsRoom, sessionsSearch;
    bool sessionsStarred = false, sessionsRemoved = false;
    sessions->add_option("--event", sessionsEvent, "event id or name")->required();
    sessions->add_option("--day", sessionsDay, "day number (1 = first day) or date YYYY-MM-DD");
    sessions->add_option("--room", sessionsRoom, "only this room");
    sessions->add_option("--search", sessionsSearch, "words in title, abstract, room or track");
    sessions->add_flag("--starred", sessionsStarred, "only starred sessions");
    sessions->add_flag("--include-removed", sessionsRemoved, "also sessions dropped from the latest agenda");
    sessions->add_flag("--json", asJson, "print JSON");

    // star / unstar
    std::vector<RowId> starIds;
    auto* star = app.add_subcommand("star", "Star sessions for your schedule");
    star->add_option("SESSION_ID", starIds, "session ids (see `hallway sessions`)")->required();
    star->add_flag("--json", asJson, "print JSON");
    auto* unstar = app.add_subcommand("unstar", "Remove sessions from your schedule");
    unstar->add_option("SESSION_ID", starIds, "session ids")->required();
    unstar->add_flag("--json", asJson, "print JSON");

    // schedule
    auto* schedule = app.add_subcommand("schedule", "Your starred sessions, with overlaps flagged");
    std::string scheduleEvent;
    schedule->add_option("--event", scheduleEvent, "event id or name")->required();
    schedule->add_flag("--json", asJson, "print JSON");

    std::vector<std::unique_ptr<cli::CommandGroup>> groups;
    groups.push_back(cli::makePeopleCommands());
    groups.push_back(cli::makeCaptureCommands());
    groups.push_back(cli::makeQueueCommands());
    groups.push_back(cli::makeBackupCommands());
    groups.push_back(cli::makeRefreshCommands());
    groups.push_back(cli::makeSyncCommands());
    for (auto& g : groups) g->declare(app, asJson);

    app.require_subcommand(0, 1);
    // Set last: subcommands made after it would inherit it in their --help.
    app.footer(cli::helpFooter());

    std::vector<const char*> argv;
    for (const auto& a : args) argv.push_back(a.c_str());
    try {
        app.parse(int(argv.size()), const_cast<char**>(argv.data()));
    } catch (const CLI::ParseError& e) {
        int code = app.exit(e, out, err);
        return code == 0 ? 0 : 2;
    }

    if (!generate.empty()) {
        if (generate == "man") out << cli::manPage(app, HALLWAY_VERSION);
        else if (generate == "bash") out << cli::bashCompletion(app);
        else out << cli::zshCompletion(app);
        return 0;
    }

    try {
        if (app.get_subcommands().empty()) {
            if (!openFile.empty()) {
                // `hallway FILE` from a launcher; a mistyped command name lands here too.
                std::error_code ec;
                if (!std::filesystem::is_regular_file(openFile, ec)) {
                    err << "hallway: '" << openFile << "' is neither a command nor a file (see hallway --help)\n";
                    return 2;
                }
                gui.openFile = std::filesystem::absolute(openFile, ec).string();
            }
            if (!sizeText.empty()) {
                int w = 0, h = 0;
                if (std::sscanf(sizeText.c_str(), "%dx%d", &w, &h) != 2 || w < 320 || h < 240 || w > 8192 ||
                    h > 8192)
                    throw CommandError("--size wants WIDTHxHEIGHT between 320x240 and 8192x8192, got '" + sizeText +
                                       "'");
                gui.width = w;
                gui.height = h;
            }
            if (!guiEvent.empty()) {
                auto id = parseRowId(guiEvent);
                if (!id) throw CommandError("--event wants an event id, got '" + guiEvent + "'");
                gui.eventId = id;
            }
            gui.dbPath = dbPath;
            if (!launchGui) {
                err << "hallway: this build has no GUI; use a subcommand (see --help)\n";
                return 2;
            }
            return launchGui(gui);
        }

        if (dbPath.empty()) throw CommandError("--db needs a file name; an empty one would keep nothing");
        if (dbPath == ":memory:" || dbPath.rfind("file::memory:", 0) == 0)
            throw CommandError("--db " + dbPath + " is a throwaway in-memory database: nothing would be kept; "
                               "give a file name");
        for (auto& g : groups)
            if (g->selected())
                if (auto code = g->runWithoutStore(dbPath, out, asJson)) return *code;

        std::optional<Store> opened;
        try {
            opened.emplace(dbPath);
        } catch (const StorageRefused&) {
            // Opening wanted a byte a full disk does not have; a command that
            // writes nothing reads without one.
            bool writesNothing = *events || *sessions || *schedule;
            for (auto& g : groups) writesNothing |= g->selected() && g->writesNothing();
            if (!writesNothing) throw;
            Store::OpenOptions quiet;
            quiet.create = false;
            quiet.writesNothing = true;
            opened.emplace(dbPath, quiet);
        } catch (const DamagedDatabase& e) {
            bool readsOnly = false;
            for (auto& g : groups) readsOnly |= g->selected() && g->readsOnly();
            if (!readsOnly) throw;
            // An export saves what can still be read; nothing is written.
            err << "hallway: " << e.what() << "\n";
            Store::OpenOptions ro;
            ro.readOnly = true;
            opened.emplace(dbPath, ro);
        }
        Store& store = *opened;

        for (auto& g : groups)
            if (g->selected()) return g->run(store, out, asJson);

        if (*import) {
            AgendaImportOptions options;
            options.event = importEvent;
            options.format = agendaFormatFromName(importFormat);
            options.parse.timeZone = importTz;
            if (!importTz.empty() && !isKnownTimeZone(importTz))
                throw CommandError("unknown time zone '" + importTz + "' (use an IANA name like Europe/Berlin)");
            for (const auto& m : importMap) {
                auto eq = m.find('=');
                if (eq == std::string::npos || eq == 0 || eq + 1 == m.size())
                    throw CommandError("--map wants HEADER=FIELD, got '" + m + "'");
                options.parse.csvColumns[text::trim(m.substr(0, eq))] = text::trim(m.substr(eq + 1));
            }
            std::optional<AgendaImportReport> fromUrl;
            if (isHttpUrl(importFile)) {
                fromUrl = cli::importFromUrl(store, importFile, options, importAllowHttp, asJson, out);
                if (!fromUrl) return 0;  // not modified, and said so
            }
            AgendaImportReport r = fromUrl ? std::move(*fromUrl) : importAgendaFile(store, importFile, options);
            if (asJson) {
                json j = cli::importCountsJson(r);
                j["event_id"] = r.eventId;
                j["event"] = r.eventName;
                j["event_created"] = r.eventCreated;
                j["rooms"] = r.rooms;
                j["days"] = r.days;
                j["url"] = fromUrl ? json(importFile) : json(nullptr);
                out << j.dump(2) << "\n";
            } else {
                out << (r.eventCreated ? "Imported " : "Re-imported ") << importFile << " ("
                    << agendaFormatName(r.format) << ") into event " << r.eventId << " \"" << r.eventName << "\" ("
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
                for (const auto& w : r.warnings) out << "  warning: " << w << "\n";
            }
            return 0;
        }

        if (*events) {
            auto list = store.listEvents();
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

        if (*sessions) {
            Event event = resolveEvent(store, sessionsEvent);
            SessionQuery query;
            query.starredOnly = sessionsStarred;
            query.includeRemoved = sessionsRemoved;
            if (!sessionsRoom.empty()) query.room = sessionsRoom;
            if (!sessionsSearch.empty()) query.search = sessionsSearch;
            if (!sessionsDay.empty()) {
                int n = -1;
                auto [end, ec] = std::from_chars(sessionsDay.data(), sessionsDay.data() + sessionsDay.size(), n);
                if (ec == std::errc() && end == sessionsDay.data() + sessionsDay.size() && n >= 0) {
                    // The agenda's own day numbers when it defines days, else 1 = the first day.
                    auto dates = eventDates(store, event);
                    auto date = agendaDayByNumber(event, dates, n);
                    if (!date && !event.days.empty())
                        throw CommandError("event " + std::to_string(event.id) + " has " +
                                           std::to_string(event.days.size()) + " days, numbered " +
                                           std::to_string(event.days.front().index) + " to " +
                                           std::to_string(event.days.back().index) +
                                           " by its agenda; there is no day " + sessionsDay);
                    if (!date)
                        throw CommandError("event " + std::to_string(event.id) + " has " +
                                           std::to_string(dates.size()) + " days; --day " + sessionsDay +
                                           " is past the last");
                    query.localDate = *date;
                } else if (parseIsoDateTime(sessionsDay, "UTC")) {
                    query.localDate = sessionsDay;
                } else {
                    throw CommandError("--day wants a day number (1, 2, ...) or a date YYYY-MM-DD, got '" +
                                       sessionsDay + "'");
                }
            }
            auto list = store.sessions(event.id, query);
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

        if (*star || *unstar) {
            bool on = bool(*star);
            json arr = json::array();
            // Every id checked before anything is written: all or none.
            std::vector<Session> found;
            for (RowId id : starIds) {
                auto s = store.findSession(id);
                if (!s) throw CommandError("no session with id " + std::to_string(id) +
                                           " (see `hallway sessions`); nothing was " + (on ? "starred" : "unstarred"));
                found.push_back(*s);
            }
            Store::Transaction tx(store);
            for (RowId id : starIds) store.setStarred(id, on);
            tx.commit();
            for (const Session& s : found) {
                arr.push_back({{"id", s.id}, {"title", s.title}, {"starred", on}});
                if (!asJson) out << (on ? "Starred " : "Unstarred ") << s.id << " " << s.title << "\n";
            }
            if (asJson) out << arr.dump(2) << "\n";
            return 0;
        }

        if (*schedule) {
            Event event = resolveEvent(store, scheduleEvent);
            SessionQuery query;
            query.starredOnly = true;
            query.includeRemoved = true;  // a starred session that vanished must be seen
            auto list = store.sessions(event.id, query);
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
    } catch (const WouldReplace& e) {
        err << "hallway: " << e.what() << "; nothing was written (add --force to replace it)\n";
        return 1;
    } catch (const FormatError& e) {
        err << "hallway: " << e.what() << "\n";
        return 1;
    } catch (const StoreError& e) {
        err << "hallway: " << e.what() << "\n";
        return 1;
    } catch (const CommandError& e) {
        err << "hallway: " << e.what() << "\n";
        return 1;
    } catch (const std::exception& e) {
        // std::invalid_argument from the services carries a message for the user.
        err << "hallway: " << e.what() << "\n";
        return 1;
    }
    return 0;
}

}  // namespace hallway
