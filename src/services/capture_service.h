// Live capture: notes saved as typed (committed before returning), tied to
// people and the session running now; interactions; a person's timeline.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/changes.h"
#include "core/model.h"
#include "store/notes_repo.h"
#include "store/people_repo.h"

namespace hallway {

class Store;

struct NoteInput {
    std::string body;
    std::optional<RowId> eventId;
    std::optional<Instant> at;          // default: now
    std::optional<RowId> sessionId;     // overrides the automatic link
    bool noSession = false;             // do not link any session
    bool createMissingPeople = false;   // @handles nobody matches become new people
    std::vector<RowId> people;          // talked with (Capture's People field): linked and counted as met
};

struct SavedNote {
    RowId noteId = 0;
    std::optional<Session> session;
    std::vector<PersonBrief> people;  // linked: talked with or mentioned
    std::vector<RowId> metPeople;     // of them, talked with (counts as met)
    std::vector<PersonBrief> createdPeople;
    std::vector<NoteItemRecord> items;
    std::vector<std::string> tags;
    Changes touched;                  // Notes; People when it created someone; Targets when it counts a meeting
    bool met(RowId id) const;
};

// The session the user is most likely in at `at`: a starred one running then,
// else the only session running then; none when it cannot be told.
std::optional<Session> sessionRunningAt(Store& store, RowId eventId, Instant at);

// sessionRunningAt's rule over sessions already loaded (anything with
// startsAt, endsAt and starred): the index of that session, -1 for none.
template <class S>
int runningSessionIndex(const std::vector<S>& sessions, Instant at) {
    int running = -1, runningCount = 0, starred = -1, starredCount = 0;
    for (size_t i = 0; i < sessions.size(); ++i) {
        if (!(sessions[i].startsAt <= at && at < sessions[i].endsAt)) continue;
        running = int(i);
        ++runningCount;
        if (sessions[i].starred) {
            starred = int(i);
            ++starredCount;
        }
    }
    if (starredCount == 1) return starred;
    if (starredCount == 0 && runningCount == 1) return running;
    return -1;
}

// "@ana-lima" / "ana lima" / "Lima" -> one person. Exact name first, then every
// word a prefix of a name word. Throws UnresolvedPerson (services/service_errors.h)
// with the candidates when several fit, or when nobody does.
RowId resolveMention(Store& store, const std::string& handle);

// Parses markers, resolves mentions, links the session, and commits the note
// in one transaction before returning. Throws UnresolvedPerson (a mention
// that fits several people or nobody) or std::invalid_argument (empty note),
// with nothing written.
SavedNote saveNote(Store& store, const NoteInput& input);

// Logs a touch; `kind` and `direction` are checked against the known names.
RowId logInteraction(Store& store, const Interaction& interaction);

// Logs a "met" interaction at the event and, when the person is a target
// there, marks the target met; someone who is not a target stays no target.
// One transaction. Announces Targets, and People when it brings them into
// your network (a speaker known only from an agenda).
Changes markMet(Store& store, RowId eventId, RowId personId, Instant at);
// Undoes markMet: the target (if any) is not met yet and the "met" logged at
// the event goes. A coffee, a call or a note of talking with them still
// counts as met (peopleMetAt). One transaction. Announces Targets, and People
// when they leave your network.
Changes unmarkMet(Store& store, RowId eventId, RowId personId);
// A target's status as the app sets it, for `hallway target set`: Met is
// markMet (logging the "met" at `at`), NotYet is unmarkMet, and Missed undoes
// a met as unmarkMet does, then marks the target missed. Writes nothing and
// returns an empty set when the person is no target at the event.
Changes setTargetStatus(Store& store, RowId eventId, RowId personId, TargetStatus status, Instant at);

// Capture's draft under `key` ("capture:EVENT"), kept as typed so a crash
// loses nothing. No view shows drafts, so keeping one announces nothing.
std::optional<std::string> captureDraft(Store& store, const std::string& key);
// Keeps `text` as the draft under `key`; empty text clears it.
void keepCaptureDraft(Store& store, const std::string& key, const std::string& text);

struct TimelineEntry {
    Instant at = 0;        // 0 for undated facts (listed first)
    std::string kind;      // fact, talk, target, note, interaction, follow_up
    std::string text;
    std::string eventName;
    RowId refId = 0;
};

struct PersonTimeline {
    Person person;
    Warmth warmth;
    std::vector<TimelineEntry> entries;  // time order
};

PersonTimeline personTimeline(Store& store, RowId personId);
// The same over `events`, AgendaRepo(store).listEvents() as the caller already holds it
// (listing hundreds of events with their counts is the slow part).
PersonTimeline personTimeline(Store& store, RowId personId, const std::vector<EventSummary>& events);

}  // namespace hallway
