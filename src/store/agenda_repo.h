// Events and their agendas: days, sessions, stars, speakers and the imports
// that wrote them. SQL lives here. Smaller reads for the GUI's first frames
// are in agenda_queries.h.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/model.h"

namespace hallway {

class Store;

struct SessionQuery {
    std::optional<std::string> localDate;  // "YYYY-MM-DD": the schedule day in the event's zone (agendaDayString)
    std::optional<std::string> room;       // exact, case-insensitive
    std::optional<std::string> search;     // full-text over title/abstract/description/room/track
    bool starredOnly = false;
    bool includeRemoved = false;
};

class AgendaRepo {
public:
    explicit AgendaRepo(Store& store) : m_store(store) {}

    // --- events
    RowId createEvent(const Event& event);
    void updateEvent(const Event& event);
    // Events come with their days (Event::days).
    std::optional<Event> findEvent(RowId id);
    // Replaces the days the event's agenda defines; empty: it defines none.
    void setEventDays(RowId eventId, const std::vector<ScheduleDay>& days);
    // Exact name match, case-insensitive; the newest when several share it.
    std::optional<Event> findEventByName(const std::string& name);
    std::vector<EventSummary> listEvents();
    void recordImport(RowId eventId, const std::string& file, const std::string& format, const std::string& hash,
                      int added, int updated, int removed, const std::string& warnings);

    // --- sessions
    std::vector<Session> sessions(RowId eventId, const SessionQuery& query = {});
    // Sessions (not removed) running at some moment in [from, to), in start
    // order. Sessions longer than a day are not looked for: none is "running"
    // in the sense capture needs.
    std::vector<Session> sessionsRunningBetween(RowId eventId, Instant from, Instant to);
    std::optional<Session> findSession(RowId id);
    // Start, end and star of every session of the event (not removed), in
    // start order: what free slots need, without loading titles and speakers.
    struct SessionSpan {
        Instant startsAt = 0, endsAt = 0;
        bool starred = false;
    };
    std::vector<SessionSpan> sessionSpans(RowId eventId);
    // Every session of the event keyed by source id, removed ones included.
    std::map<std::string, Session> sessionsBySourceId(RowId eventId);
    RowId insertSession(const Session& session);
    // Writes the agenda's fields (not the user's stars/attendance) and clears removed_at.
    void updateSessionAgendaFields(const Session& session);
    void markSessionRemoved(RowId sessionId, Instant when);
    // False when no such session.
    bool setStarred(RowId sessionId, bool starred);

    // --- speakers (the people themselves are PeopleRepo's)
    // Who speaks in which session of the event, in agenda order per session.
    struct SessionSpeaker {
        RowId sessionId = 0;
        RowId personId = 0;
        std::string displayName;
    };
    std::vector<SessionSpeaker> speakersOfEvent(RowId eventId);
    // The session's speakers in agenda order.
    std::vector<SessionSpeaker> speakersOfSession(RowId sessionId);
    void setSessionSpeakers(RowId sessionId, const std::vector<RowId>& personIds);
    // Which person each speaker id of the event's agenda is, with the name the
    // agenda gave them last and the person's name now; keyed by the source id.
    struct SpeakerSourceId {
        RowId personId = 0;
        std::string agendaName;
        std::string personName;
    };
    std::map<std::string, SpeakerSourceId> speakerSourceIds(RowId eventId);
    // Inserts or replaces the person and agenda name of (event, source id).
    void setSpeakerSourceId(RowId eventId, const std::string& sourceId, RowId personId, const std::string& agendaName);

private:
    std::vector<std::string> speakerNames(RowId sessionId);
    std::vector<ScheduleDay> eventDays(RowId eventId);
    void attachSpeakers(RowId eventId, std::vector<Session>& sessions);

    Store& m_store;
};

}  // namespace hallway
