// People out: vCard 4.0 and CSV text. Writing the file is the caller's
// (core/atomic_file.h), so a failed export never leaves half a file.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"

namespace hallway {

// True when a spreadsheet could read `value` as a formula: = + - @ first
// once leading spaces, tabs, line breaks and no-break spaces are skipped, or
// a leading tab, CR or LF; never for a value of blanks only.
bool csvNeedsNeutralising(std::string_view value);

// One CSV cell: quoted when it holds a separator, quote or line break; a
// cell csvNeedsNeutralising gets a leading ' so a spreadsheet shows it as
// text instead of running it as a formula (the CSV importer takes it off).
std::string csvCell(std::string_view value);

// vCard 4.0 (RFC 6350): CRLF lines folded at 75 octets without splitting a
// UTF-8 character, text escaped.
std::string peopleToVCard(const std::vector<Person>& people);

struct VCardOptions {
    std::string uid;         // UID property when set (CardDAV needs a stable one per card)
    // NOTE from how-met and facts: private, so sync sends each only when the user opted in.
    bool withHowMet = true;
    bool withFacts = true;
    std::string noteParams;  // parameters of that NOTE (";X-HALLWAY=1": sync tells its own note apart)
};
// One person as a vCard 4.0, as peopleToVCard writes each.
std::string personToVCard(const Person& person, const VCardOptions& options);
// Raise it with any change to what personToVCard writes: sync skips the
// cards of people unchanged since the writer of this version rendered them,
// so a new writer's cards reach the server only through a new version. The
// test "the vCard writer's output is pinned" fails until it is raised.
constexpr int kVCardWriterVersion = 1;

// Header: name,given_name,family_name,company,role,emails,phones,urls,tags,how_met.
// Several values in one cell are joined with "; ".
std::string peopleToCsv(const std::vector<Person>& people);

}  // namespace hallway
