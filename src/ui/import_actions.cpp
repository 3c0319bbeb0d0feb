#include "ui/import_actions.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "formats/contacts.h"
#include "services/import_service.h"
#include "services/people_service.h"
#include "services/http_fetch.h"
#include "services/url_import.h"
#include "store/store.h"
#include "ui/service_words.h"

namespace hallway::ui {
namespace {

std::string fileName(const std::string& path) { return std::filesystem::path(path).filename().string(); }

std::string plural(int n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

// Enough of the file to tell contacts from an agenda: headers and preambles
// sit in the first lines.
std::string headOf(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::string head(64 * 1024, '\0');
    in.read(head.data(), std::streamsize(head.size()));
    head.resize(size_t(in.gcount()));
    return head;
}

ImportOutcome importContacts(Store& store, const std::string& path) {
    ContactsImportReport r = importContactsFile(store, path, ContactsImportOptions{});
    ImportOutcome out;
    out.ok = true;
    out.contacts = true;
    out.touched = r.touched;
    out.message = "Imported " + fileName(path) + " (" + findContactsFormat(r.format)->label + "): " +
                  plural(r.added, "person added", "people added") + ", " + std::to_string(r.updated) + " updated, " +
                  std::to_string(r.unchanged) + " unchanged.";
    // Every record that needs a look and every warning, whole, for the panel
    // the status line opens; the line itself says how many.
    for (const AmbiguousContact& a : r.ambiguous)
        out.warnings.push_back("line " + std::to_string(a.line) + ", " + a.name + ": " + a.reason + ".");
    if (!r.ambiguous.empty())
        out.message += " " + plural(int(r.ambiguous.size()), "record needs", "records need") + " a look.";
    out.warnings.insert(out.warnings.end(), r.warnings.begin(), r.warnings.end());
    if (!r.warnings.empty()) out.message += " " + plural(int(r.warnings.size()), "warning", "warnings") + ".";
    return out;
}

ImportOutcome agendaImported(AgendaImportReport r, const std::string& from) {
    ImportOutcome out;
    out.ok = true;
    out.eventId = r.eventId;
    out.message = "Imported " + r.eventName + " from " + from + ": " + std::to_string(r.sessionsTotal) +
                  " sessions (" + std::to_string(r.sessionsAdded) + " new, " + std::to_string(r.sessionsUpdated) +
                  " changed, " + std::to_string(r.sessionsRemoved) + " removed), " + std::to_string(r.rooms) +
                  " rooms, " + std::to_string(r.days) + " days; times in " + r.timeZone + ".";
    if (r.zoneChange) out.message += " " + describeZoneChange(*r.zoneChange) + ".";
    if (!r.warnings.empty()) out.message += " " + plural(int(r.warnings.size()), "warning", "warnings") + ".";
    out.warnings = r.warnings;
    for (auto& w : out.warnings)
        if (w == r.zone.note) w = zoneNoteForApp(r.zone);
    out.touched = r.touched;
    out.agenda = std::move(r);
    return out;
}

ImportOutcome importAgenda(Store& store, const std::string& path, const std::string& zone) {
    AgendaImportOptions options;
    options.parse.timeZone = zone;
    return agendaImported(importAgendaFile(store, path, options), fileName(path));
}

ImportOutcome failed(ImportTarget target, const std::string& why) {
    ImportOutcome out;
    out.contacts = target == ImportTarget::Contacts;
    out.message = why + ". Nothing was imported.";
    return out;
}

}  // namespace

ImportOutcome importFromApp(Store& store, const std::string& path, ImportTarget target, const std::string& zone) {
    try {
        if (target == ImportTarget::Detect) {
            std::error_code ec;
            bool readable = std::filesystem::is_regular_file(path, ec);
            target = readable && looksLikeContacts(headOf(path), path) ? ImportTarget::Contacts : ImportTarget::Agenda;
        }
        return target == ImportTarget::Contacts ? importContacts(store, path) : importAgenda(store, path, zone);
    } catch (const FormatError& e) {
        return failed(target, appMessage(e));
    } catch (const StoreError& e) {
        return failed(target, std::string("Database error: ") + e.what());
    } catch (const std::exception& e) {
        return failed(target, "Could not import " + path + ": " + e.what());
    }
}

ImportOutcome importUrlFromApp(Store& store, const std::string& url, const std::string& zone, bool allowHttp) {
    try {
        AgendaImportOptions options;
        options.parse.timeZone = zone;
        UrlFetchSettings settings;
        settings.allowHttp = allowHttp;
        settings.totalTimeoutSeconds = 60;  // someone is watching the dialog
        UrlImportResult r = importAgendaUrl(store, url, options, settings);
        if (!r.notModified) return agendaImported(std::move(r.report), url);
        ImportOutcome out;
        out.ok = true;
        out.eventId = r.eventId;
        out.message = "The agenda at " + url + " has not changed since " + r.eventName +
                      " was last fetched from it: nothing to import.";
        return out;
    } catch (const FetchError& e) {
        return failed(ImportTarget::Agenda, "Could not download the agenda: " + std::string(e.what()));
    } catch (const FormatError& e) {
        return failed(ImportTarget::Agenda, appMessage(e));
    } catch (const StoreError& e) {
        return failed(ImportTarget::Agenda, std::string("Database error: ") + e.what());
    } catch (const std::exception& e) {
        return failed(ImportTarget::Agenda, "Could not import " + url + ": " + e.what());
    }
}

std::optional<ZonePrefill> agendaZonePrefill(Store& store, const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec) || looksLikeContacts(headOf(path), path)) return std::nullopt;
    try {
        AgendaImportPreview p = previewAgendaFile(store, path, AgendaImportOptions{});
        ZonePrefill out;
        out.zone = p.zone.zone;
        out.warn = p.zone.warn;
        out.eventName = p.eventName;
        out.reimport = p.eventExists;
        if (!p.zone.note.empty()) out.why = zoneNoteForApp(p.zone, true);
        else if (p.zone.source == ZoneSource::File) out.why = "the zone the file names";
        else if (p.zone.source == ZoneSource::Event) out.why = "the event's zone";
        if (p.eventExists && !p.eventZone.empty() && p.eventZone != p.zone.zone)
            out.why += (out.why.empty() ? "" : "; ") + std::string("the event is in ") + p.eventZone + " now";
        return out;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

std::vector<ChangeLine> changeLines(const AgendaImportReport& r) {
    std::vector<ChangeLine> out;
    for (const auto& c : r.changes) {
        if (r.eventCreated && c.kind == SessionChange::Kind::Added) continue;
        out.push_back({sessionChangeKindName(c.kind), describeSessionChange(c, "\u2192")});
    }
    return out;
}

}  // namespace hallway::ui
