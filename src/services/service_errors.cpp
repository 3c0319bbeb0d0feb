#include "services/service_errors.h"

namespace hallway {
namespace {

std::string unresolvedText(const std::string& typed, bool mention, UnresolvedPerson::Kind kind,
                           const std::vector<PersonBrief>& candidates) {
    const std::string name = mention ? "@" + typed : "'" + typed + "'";
    if (kind == UnresolvedPerson::Kind::Nobody) return "nobody matches " + name;
    return name + " could be " + describeCandidates(candidates);
}

std::string blanksText(const std::string& personName, const std::vector<std::string>& blanks) {
    return "the draft for " + personName + " still has " +
           (blanks.size() == 1 ? std::string("a blank") : std::to_string(blanks.size()) + " blanks") +
           " to fill: " + (blanks.empty() ? std::string() : blanks.front());
}

}  // namespace

UnresolvedPerson::UnresolvedPerson(std::string typed, bool mention, Kind kind, std::vector<PersonBrief> candidates)
    : std::invalid_argument(unresolvedText(typed, mention, kind, candidates)),
      m_typed(std::move(typed)),
      m_mention(mention),
      m_kind(kind),
      m_candidates(std::move(candidates)) {}

std::string describeCandidates(const std::vector<PersonBrief>& candidates, size_t most) {
    std::string out;
    for (size_t i = 0; i < candidates.size() && i < most; ++i) {
        out += (i ? "; " : "") + candidates[i].displayName + " #" + std::to_string(candidates[i].id);
        if (!candidates[i].company.empty()) out += " (" + candidates[i].company + ")";
    }
    if (candidates.size() > most) out += "; and " + std::to_string(candidates.size() - most) + " more";
    return out;
}

UnknownTimeZone::UnknownTimeZone(std::string file, std::string zone)
    : FormatError(std::move(file), 0, "unknown time zone '" + zone + "'"), m_zone(std::move(zone)) {}

DraftHasBlanks::DraftHasBlanks(RowId itemId, std::string personName, std::vector<std::string> blanks)
    : std::invalid_argument(blanksText(personName, blanks)),
      m_itemId(itemId),
      m_personName(std::move(personName)),
      m_blanks(std::move(blanks)) {}

UnknownSession::UnknownSession(RowId sessionId)
    : std::invalid_argument("no session with id " + std::to_string(sessionId)), m_sessionId(sessionId) {}

}  // namespace hallway
