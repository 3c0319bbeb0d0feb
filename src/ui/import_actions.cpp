#include "ui/import_actions.h"

#include <filesystem>
#include <fstream>

#include "core/import_service.h"
#include "core/people_service.h"
#include "formats/contacts.h"
#include "store/store.h"

namespace hallway::ui {
namespace {

std::string fileName(const std::string& path) { return std::filesystem::path(path).filename().string(); }

std::string plural(int n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

const char* formatLabel(ContactsFormat f) {
    switch (f) {
        case ContactsFormat::LinkedIn: return "LinkedIn";
        case ContactsFormat::VCard: return "vCard";
        case ContactsFormat::GoogleCsv: return "Google Contacts";
        case ContactsFormat::MeCard: return "MECARD";
        default: return "CSV";
    }
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
    out.message = "Imported " + fileName(path) + " (" + formatLabel(r.format) + "): " +
                  plural(r.added, "person added", "people added") + ", " + std::to_string(r.updated) + " updated, " +
                  std::to_string(r.unchanged) + " unchanged.";
    if (!r.ambiguous.empty()) {
        const AmbiguousContact& first = r.ambiguous.front();
        out.message += " " + plural(int(r.ambiguous.size()), "record needs", "records need") +
                       " a look; first: line " + std::to_string(first.line) + ", " + first.name + ": " + first.reason +
                       ".";
    }
    if (!r.warnings.empty())
        out.message += " " + plural(int(r.warnings.size()), "warning", "warnings") + ", first: " + r.warnings.front();
    return out;
}

ImportOutcome importAgenda(Store& store, const std::string& path) {
    AgendaImportReport r = importAgendaFile(store, path, AgendaImportOptions{});
    ImportOutcome out;
    out.ok = true;
    out.eventId = r.eventId;
    out.message = "Imported " + r.eventName + " from " + fileName(path) + ": " + std::to_string(r.sessionsTotal) +
                  " sessions (" + std::to_string(r.sessionsAdded) + " new, " + std::to_string(r.sessionsUpdated) +
                  " changed, " + std::to_string(r.sessionsRemoved) + " removed), " + std::to_string(r.rooms) +
                  " rooms, " + std::to_string(r.days) + " days.";
    if (!r.warnings.empty())
        out.message += " " + plural(int(r.warnings.size()), "warning", "warnings") + ", first: " + r.warnings.front();
    return out;
}

}  // namespace

ImportOutcome importFromApp(Store& store, const std::string& path, ImportTarget target) {
    try {
        if (target == ImportTarget::Detect) {
            std::error_code ec;
            bool readable = std::filesystem::is_regular_file(path, ec);
            target = readable && looksLikeContacts(headOf(path), path) ? ImportTarget::Contacts : ImportTarget::Agenda;
        }
        return target == ImportTarget::Contacts ? importContacts(store, path) : importAgenda(store, path);
    } catch (const FormatError& e) {
        return {false, target == ImportTarget::Contacts, std::nullopt, std::string(e.what()) + ". Nothing was imported."};
    } catch (const StoreError& e) {
        return {false, target == ImportTarget::Contacts, std::nullopt,
                std::string("Database error: ") + e.what() + ". Nothing was imported."};
    } catch (const std::exception& e) {
        return {false, target == ImportTarget::Contacts, std::nullopt,
                "Could not import " + path + ": " + e.what() + ". Nothing was imported."};
    }
}

}  // namespace hallway::ui
