// Small reads about an event's agenda for the GUI's top bar and status line,
// cheap at the power tier (200 events, 20,000 sessions in one), so the shell
// need not list event counts or load a whole agenda to show a clock.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/model.h"
#include "core/reminders.h"

namespace hallway {

class Store;

// Every event, in AgendaRepo::listEvents()'s order (newest first), without the
// counts: sessionCount, roomCount, dayCount, speakerCount and starredCount
// are left at 0.
std::vector<EventSummary> listEventsWithoutCounts(Store& store);

// The event's sessions that are not removed: how many, how many starred, and
// the first start and last end (both 0 when there is none).
struct AgendaTotals {
    int sessions = 0;
    int starred = 0;
    Instant firstStart = 0;
    Instant lastEnd = 0;
};
AgendaTotals agendaTotals(Store& store, RowId eventId);

// A session as a picker lists it: no texts, no speakers.
struct SessionSlot {
    RowId id = 0;
    Instant startsAt = 0;
    Instant endsAt = 0;
    bool starred = false;
    std::string title;
    std::string room;
};
// The event's sessions that are not removed, in AgendaRepo::sessions()'s order
// (start, room, title, id), without loading their abstracts and speakers.
std::vector<SessionSlot> sessionSlots(Store& store, RowId eventId);

// The event's sessions that are not removed, with their speakers, in
// AgendaRepo::sessions()'s order, but with abstract and description left empty:
// a grid or a list shows neither, and at 1.7-2.2 KB a session they are most
// of an agenda (40 MB at 20,000 sessions). AgendaRepo::findSession reads them.
std::vector<Session> sessionsWithoutTexts(Store& store, RowId eventId);
// The same for the sessions starting within either span (first and last
// start, both included) and every starred one: the day a big agenda shows
// first, read before the rest.
std::vector<Session> sessionsWithoutTexts(Store& store, RowId eventId, const std::pair<Instant, Instant> (&spans)[2]);

// What Plan needs of a whole agenda before its rows: every distinct start
// (ascending), every room and track (in first-seen order, '' included) and
// how many sessions (not removed).
struct AgendaOutline {
    std::vector<Instant> starts;
    std::vector<std::string> rooms;
    std::vector<std::string> tracks;
    int sessions = 0;
};
AgendaOutline agendaOutline(Store& store, RowId eventId);

// The event's sessions whose abstract or description has a word starting
// with `word` (through the search index: case and accents ignored), for
// filters over sessions loaded without those texts (sessionsWithoutTexts).
std::vector<RowId> sessionsWithTextWord(Store& store, RowId eventId, const std::string& word);

// The first session (not removed) starting after `after`, only starred ones
// when `starredOnly`; ties in AgendaRepo::sessions()'s order (start, room, title, id).
std::optional<Session> nextSessionAfter(Store& store, RowId eventId, Instant after, bool starredOnly);

// The event's sessions the user watches: starred, or a talk of one of the
// event's targets; removed ones too (a removed starred talk is news). By id.
struct WatchedSession {
    RowId id = 0;
    bool starred = false;
    std::string targetName;  // a target who speaks in it, '' when none
};
std::vector<WatchedSession> watchedSessions(Store& store, RowId eventId);

// The same sessions, not removed, with what a reminder says: start, title,
// room, the target who speaks and the first question prepared for them; by start.
std::vector<WatchedSlot> watchedSlots(Store& store, RowId eventId);

}  // namespace hallway
