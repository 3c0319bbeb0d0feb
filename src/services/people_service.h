// People: contacts import with deduplication, merge, targets and where to find
// them, the network map. Rules live here; SQL lives in store/people_repo.
#pragma once
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/changes.h"
#include "core/model.h"
#include "formats/contacts.h"
#include "store/people_repo.h"

namespace hallway {

class Store;

struct ContactsImportOptions {
    std::string format = "auto";  // a key of contactsFormats(), or "auto"
    ContactsParseOptions parse;
};

struct AmbiguousContact {
    int line = 0;
    std::string name;
    std::vector<PersonBrief> candidates;
    std::string reason;  // "same email as two people", "same name, no company to tell apart"
};

struct ContactsImportReport {
    std::string format;  // the key of the format read
    int added = 0;
    int updated = 0;
    int unchanged = 0;
    // Not guessed: records skipped because they match several people, and
    // records added beside a same-named person (candidates for `people merge`).
    std::vector<AmbiguousContact> ambiguous;
    std::vector<std::string> warnings;
    Changes touched;  // People and Targets when anyone was added or updated
};

// Parses the file fully, then writes it in one transaction. A record matches
// an existing person by email, then profile URL, then normalised name and
// company; a match updates that person (new details added, company and role
// taken from the file), several matches are reported and skipped, and a
// same-named person at another company is added and reported.
ContactsImportReport importContactsFile(Store& store, const std::string& path, const ContactsImportOptions& options);
ContactsImportReport importContactsBytes(Store& store, std::string_view bytes, const std::string& fileName,
                                         const ContactsImportOptions& options);

// Writes people (all, or those with `tag`) to `path` as vCard 4.0 or CSV
// through writeUserFile (core/safe_write.h): never onto the database or a
// backup, a device or FIFO; an existing file only when `replace`, else
// WouldReplace. `format` "vcard" or "csv"; empty: CSV for a .csv name, else
// vCard. Returns how many and the format.
struct PeopleExport {
    int people = 0;
    std::string format;
};
PeopleExport exportPeople(Store& store, const std::string& path, const std::string& format, const std::string& tag,
                          bool replace = false);
// The same export as text ("vcard" or "csv"), written nowhere: for standard output.
struct PeopleExportText {
    std::string text;
    int people = 0;
};
PeopleExportText peopleExportText(Store& store, const std::string& format, const std::string& tag);

// The app's person editor: stores `edited` (from personFromEditText) as the
// whole of that person, in one transaction. Announces People and Targets.
Changes savePersonDetails(Store& store, const Person& edited);

struct AddedPerson {
    RowId id = 0;
    bool created = false;  // false: an existing person matched and was updated
    Changes touched;
};

// A person added by hand (Capture's "Add person", People's +, `people add`),
// as given; throws std::invalid_argument without a name. Announces People.
AddedPerson addPerson(Store& store, const Person& person);

// `hallway people add --from-text`: a badge's vCard or MECARD. Matches like an
// import; says which person and whether it was created. Announces People and Targets.
AddedPerson addPersonFromText(Store& store, std::string_view payload);

// One contact matched like an import (email, profile, name and company):
// a match gets the record's new details, else a person is created with
// `source`. Throws std::invalid_argument when it matches several people.
// The caller holds the transaction.
std::pair<RowId, bool> addContactRecord(Store& store, const ContactRecord& record, const std::string& source);

// Resolves what a user typed for a person: an id, an exact name, or a unique
// part of a name. Throws UnresolvedPerson (services/service_errors.h) with the
// candidates when it is ambiguous or unknown, std::invalid_argument for an
// unknown id.
RowId resolvePerson(Store& store, const std::string& typed);

// Merges `gone` into `kept` in one transaction; every link of both survives.
// Announces everything a person is linked to: their talks (Events), People,
// Notes, Queue and Targets.
Changes mergePeople(Store& store, RowId kept, RowId gone);

// Who of some people is in your network, taken before a write: changed()
// after it says whether the write moved one of them in or out (a note, a
// touch or a target brings a speaker known only from an agenda in). That is
// announced as People: the list's scopes and counts show it, and the list
// reloads only for People, not for every note or tick.
class NetworkMembership {
public:
    NetworkMembership(Store& store, std::vector<RowId> people);
    bool changed(Store& store) const;

private:
    std::vector<std::pair<RowId, bool>> m_before;
};

// Adds or replaces the target (event, person) in one transaction. Announces
// Targets, and People when it brings them into your network.
Changes saveTarget(Store& store, const Target& target);
// Stops wanting to meet the person at the event; notes and interactions stay.
// Announces Targets (and People when they leave your network), nothing when
// they were no target there.
Changes removeTarget(Store& store, RowId eventId, RowId personId);

struct FreeSlot {
    Instant startsAt = 0;
    Instant endsAt = 0;
};

struct WhereToFind {
    Target target;
    PersonBrief person;
    std::vector<PeopleRepo::Talk> talks;        // sessions they speak in, time order (the first maxTalks)
    size_t talkCount = 0;                       // all their talks at the event
    std::vector<std::optional<FreeSlot>> after; // per talk: the user's free slot right after it, if any
};

// Gaps of at least `minimumMinutes` in the user's starred schedule, per day,
// inside each day's programme hours (first start to last end of that day).
std::vector<FreeSlot> freeSlots(Store& store, RowId eventId, int minimumMinutes = 30);

// Every target of the event with where to find them, must-meet first; at
// most `maxTalks` talks each (talkCount says how many there are).
std::vector<WhereToFind> whereToFind(Store& store, RowId eventId, size_t maxTalks = SIZE_MAX);

}  // namespace hallway

namespace hallway {

struct GoalProgress {
    RowId goalId = 0;
    std::string kind;   // people_met, coffee_chats, follow_ups_sent, text
    std::string label;  // "Meet 5 people", or the free text
    std::optional<int> target;
    int done = 0;       // 0 for text goals
};

// The event's goals with progress counted from targets, interactions and follow-ups.
std::vector<GoalProgress> goalProgress(Store& store, RowId eventId);
// The same, "meet N people" counting `met` (peopleMetIds of the event): a
// caller that keeps the met set current need not work it out again.
std::vector<GoalProgress> goalProgress(Store& store, RowId eventId, const std::set<RowId>& met);
// Everyone who counts as met at the event (peopleMetAt): reads all its notes
// and interactions (50,000 and 2,000 at the power tier).
std::set<RowId> peopleMetIds(Store& store, RowId eventId);
// Whether one person counts as met at the event, from their own rows only.
bool countsAsMet(Store& store, RowId eventId, RowId personId);

// Adds a goal and returns its id; throws std::invalid_argument for an unknown
// kind or a numeric goal without a positive target. Announces Targets (goals
// show beside the targets).
Written<RowId> addGoal(Store& store, RowId eventId, const std::string& kind, std::optional<int> target,
                       const std::string& text);
// Removes goal `goalId`. Announces Targets, nothing when there was no such goal.
Changes removeGoal(Store& store, RowId goalId);

}  // namespace hallway
