// Agendas by URL on the command line: `hallway import URL` (its 304 case) and
// `hallway refresh [--event ID]`.
#include <iostream>

#include "cli/cli_common.h"
#include "formats/agenda.h"
#include "services/url_import.h"
#include "store/store.h"

namespace hallway::cli {
namespace {

using nlohmann::json;

void printChanges(std::ostream& out, const AgendaImportReport& r) {
    for (const auto& c : r.changes) {
        if (c.kind == SessionChange::Kind::Added && r.eventCreated) continue;
        out << "  " << sessionChangeKindName(c.kind) << " " << c.title;
        if (c.kind == SessionChange::Kind::Moved) out << ": " << c.before << " -> " << c.after;
        else if (c.kind == SessionChange::Kind::Retitled) out << " (was \"" << c.before << "\")";
        else if (c.kind == SessionChange::Kind::Removed) out << " (was " << c.before << ")";
        out << "\n";
    }
}

class RefreshCommands : public CommandGroup {
public:
    void declare(CLI::App& app, bool& asJson) override {
        m_refresh = app.add_subcommand("refresh", "Fetch again every event's agenda that was imported from a URL, "
                                                  "and re-import what changed (stars, notes and targets kept)");
        m_refresh->add_option("--event", m_event, "only this event (id or name)");
        m_refresh->add_flag("--allow-http", m_allowHttp,
                            "allow plain http:// (an event imported from an http:// URL is always allowed)");
        m_refresh->add_flag("--json", asJson, "print JSON: per event its status and the change counts of import");
    }

    bool selected() const override { return bool(*m_refresh); }

    int run(Store& store, std::ostream& out, bool asJson) override {
        std::optional<RowId> only;
        if (!m_event.empty()) only = resolveEvent(store, m_event).id;
        UrlFetchSettings settings;
        settings.allowHttp = m_allowHttp;
        auto outcomes = refreshEvents(store, only, settings);
        bool failed = false;
        json arr = json::array();
        for (const auto& o : outcomes) {
            failed = failed || o.status == RefreshOutcome::Status::Failed;
            if (asJson) {
                json j = o.status == RefreshOutcome::Status::Imported ? importCountsJson(o.report) : json::object();
                j["event_id"] = o.eventId;
                j["event"] = o.eventName;
                j["url"] = o.url;
                j["status"] = refreshStatusName(o.status);
                j["error"] = o.error;
                arr.push_back(j);
                continue;
            }
            out << "event " << o.eventId << " \"" << o.eventName << "\": ";
            if (o.status == RefreshOutcome::Status::NotModified) {
                out << "unchanged (not modified since the last import)\n";
            } else if (o.status == RefreshOutcome::Status::Failed) {
                out << "failed: " << o.error << " (the stored agenda is kept)\n";
            } else {
                const auto& r = o.report;
                out << r.sessionsAdded << " added, " << r.sessionsUpdated << " updated, " << r.sessionsRemoved
                    << " removed, " << r.sessionsUnchanged << " unchanged\n";
                printChanges(out, r);
            }
        }
        if (asJson) out << arr.dump(2) << "\n";
        else if (outcomes.empty()) out << "No event was imported from a URL (hallway import https://...)\n";
        return failed ? 1 : 0;
    }

private:
    CLI::App* m_refresh = nullptr;
    std::string m_event;
    bool m_allowHttp = false;
};

}  // namespace

nlohmann::json importCountsJson(const AgendaImportReport& r) {
    auto changeJson = [](const SessionChange& c) {
        return nlohmann::json{{"kind", sessionChangeKindName(c.kind)},
                              {"session_id", c.sessionId},
                              {"source_id", c.sourceId},
                              {"title", c.title},
                              {"before", c.before},
                              {"after", c.after}};
    };
    nlohmann::json changes = nlohmann::json::array();
    for (const auto& c : r.changes) {
        if (r.eventCreated && c.kind == SessionChange::Kind::Added) continue;
        changes.push_back(changeJson(c));
    }
    nlohmann::json zoneChange = nullptr;
    if (r.zoneChange) {
        nlohmann::json examples = nlohmann::json::array();
        for (const auto& c : r.zoneChange->examples) examples.push_back(changeJson(c));
        zoneChange = {{"from", r.zoneChange->from},
                      {"to", r.zoneChange->to},
                      {"shifted", r.zoneChange->shifted},
                      {"matched", r.zoneChange->matched},
                      {"shift_seconds", r.zoneChange->shiftSeconds},
                      {"summary", describeZoneChange(*r.zoneChange)},
                      {"examples", examples}};
    }
    return nlohmann::json{{"format", r.format},
                {"time_zone", r.timeZone},
                {"time_zone_source", zoneSourceName(r.zone.source)},
                {"time_zone_note", r.zone.note},
                {"time_zone_suggestions", r.zone.suggestions},
                {"zone_change", zoneChange},
                {"sessions", r.sessionsTotal},
                {"sessions_added", r.sessionsAdded},
                {"sessions_updated", r.sessionsUpdated},
                {"sessions_removed", r.sessionsRemoved},
                {"sessions_unchanged", r.sessionsUnchanged},
                {"people_added", r.peopleAdded},
                {"people_renamed", r.peopleRenamed},
                {"changes", changes},
                {"warnings", r.warnings}};
}

std::optional<AgendaImportReport> importFromUrl(Store& store, const std::string& url,
                                                const AgendaImportOptions& options, bool allowHttp, bool asJson,
                                                std::ostream& out) {
    UrlFetchSettings settings;
    settings.allowHttp = allowHttp;
    UrlImportResult r = importAgendaUrl(store, url, options, settings);
    if (!r.notModified) return std::move(r.report);
    if (asJson)
        out << json{{"event_id", r.eventId}, {"event", r.eventName}, {"url", url}, {"status", "not modified"}}.dump(2)
            << "\n";
    else
        out << url << " is unchanged since the last import into event " << r.eventId << " \"" << r.eventName
            << "\" (not modified)\n";
    return std::nullopt;
}

std::unique_ptr<CommandGroup> makeRefreshCommands() { return std::make_unique<RefreshCommands>(); }

}  // namespace hallway::cli
