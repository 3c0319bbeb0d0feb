#include "ui/service_words.h"

#include "services/service_errors.h"

namespace hallway::ui {
namespace {

std::string nameWithCompany(const PersonBrief& p) {
    return p.company.empty() ? p.displayName : p.displayName + " \u00b7 " + p.company;
}

std::string unresolvedMessage(const UnresolvedPerson& e) {
    const std::string who = e.mention() ? "@" + e.typed() : "\u201c" + e.typed() + "\u201d";
    if (e.kind() == UnresolvedPerson::Kind::Nobody)
        return "nobody is called " + who + " yet (add them with Add person first)";
    std::string names;
    for (size_t i = 0; i < e.candidates().size() && i < 3; ++i)
        names += (i ? ", " : "") + e.candidates()[i].displayName;
    if (e.candidates().size() > 3) names += " and " + std::to_string(e.candidates().size() - 3) + " more";
    const std::string head = who + " could be " + names;
    // Two people of the very same name: only the picker tells them apart.
    if (e.kind() == UnresolvedPerson::Kind::SameName) return head + "; pick the right one with Add person instead";
    return head + "; pick one from the list under it, or write more of the name";
}

}  // namespace

std::string appMessage(const std::exception& e) {
    if (auto* person = dynamic_cast<const UnresolvedPerson*>(&e)) return unresolvedMessage(*person);
    if (auto* zone = dynamic_cast<const UnknownTimeZone*>(&e))
        return zone->file() + ": there is no time zone called \u201c" + zone->zone() +
               "\u201d; choose one from the list under the Import dialog's zone field";
    if (dynamic_cast<const DraftHasBlanks*>(&e))
        return std::string(e.what()) + " (fill it in the draft first)";
    return e.what();
}

std::vector<std::string> candidateLines(const std::exception& e) {
    std::vector<std::string> lines;
    if (auto* person = dynamic_cast<const UnresolvedPerson*>(&e))
        for (const PersonBrief& p : person->candidates()) lines.push_back(nameWithCompany(p));
    return lines;
}

std::string zoneNoteForApp(const ZoneDecision& zone, bool besideField) {
    if (zone.note.empty() || !zone.guessed) return zone.note;
    if (besideField) return zone.note + "; if that is wrong, choose another above";
    return zone.note + "; choose another in the Import dialog's zone field";
}

}  // namespace hallway::ui
