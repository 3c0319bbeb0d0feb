// The services' structured errors and notes worded for a shell: the remedy
// names the options that fix it. The app words the same facts for its own
// controls (ui/service_words.cpp).
#include "cli/cli_common.h"
#include "services/service_errors.h"

namespace hallway::cli {
namespace {

std::string unresolvedMessage(const UnresolvedPerson& e) {
    if (!e.mention()) {
        const std::string typed = "'" + e.typed() + "'";
        if (e.kind() == UnresolvedPerson::Kind::Nobody) return "no person matches " + typed + " (see `hallway people`)";
        const char* verb = e.kind() == UnresolvedPerson::Kind::SameName ? " names" : " matches";
        return typed + verb + " several people: " + describeCandidates(e.candidates(), 10) + "; use the id";
    }
    const std::string handle = "@" + e.typed();
    if (e.kind() == UnresolvedPerson::Kind::Nobody)
        return "nobody matches " + handle + " (add them with --new-person, or `hallway people add`)";
    const std::string head = handle + " could be " + describeCandidates(e.candidates());
    if (e.kind() == UnresolvedPerson::Kind::SameName) return head + "; use the id, e.g. --person ID";
    return head + "; write more of the name or use --person ID";
}

}  // namespace

std::string cliMessage(const std::exception& e) {
    if (auto* person = dynamic_cast<const UnresolvedPerson*>(&e)) return unresolvedMessage(*person);
    if (auto* zone = dynamic_cast<const UnknownTimeZone*>(&e))
        return zone->file() + ": unknown time zone '" + zone->zone() + "' (give --tz an IANA name such as Europe/Berlin)";
    if (auto* blanks = dynamic_cast<const DraftHasBlanks*>(&e))
        return std::string(e.what()) + " (edit it with `hallway queue edit " + std::to_string(blanks->itemId()) +
               " --body ...`)";
    if (dynamic_cast<const UnknownSession*>(&e))
        return std::string(e.what()) + " (see `hallway sessions`)";
    return e.what();
}

std::string zoneNoteForCli(const ZoneDecision& zone) {
    if (zone.note.empty() || !zone.guessed) return zone.note;
    return zone.note + "; choose another with --tz ZONE";
}

}  // namespace hallway::cli
