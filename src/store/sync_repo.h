// CardDAV/CalDAV sync state: the account, the collections Hallway writes,
// one row per synced record, and conflicts kept for the user. SQL lives here.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/model.h"

namespace hallway {

class Store;

struct SyncAccount {
    std::string url;              // what the user gave to `sync setup`
    std::string user;
    std::string principal;        // absolute URLs found by discovery
    std::string addressBookHome;
    std::string calendarHome;
    std::string caFile;
    bool allowHttp = false;
    std::string secretStore;      // where the password is: "libsecret", "file", "none"
    Instant lastRoundAt = 0;      // 0: never
    Instant lastOkAt = 0;
    std::string lastError;        // '' when the last round worked
    // Private text the user opted in to send in cards (off by default; setSendFields).
    bool sendHowMet = false;      // the person's how-met note
    bool sendFacts = false;       // facts to remember
};

// kind: "contacts", "tasks", "events" (events: one calendar per event).
struct SyncCollection {
    RowId id = 0;
    std::string kind;
    std::optional<RowId> eventId;
    std::string url;
    std::string displayName;
    std::string syncToken;
    std::string ctag;  // the server's CTag when a round last found nothing new there ('' = list it)
};

struct SyncItem {
    RowId id = 0;
    RowId collectionId = 0;
    std::optional<RowId> localId;
    std::string href;   // absolute URL
    std::string uid;
    std::string etag;
    std::string hash;   // of base; '' until the server confirmed it
    std::string base;   // the body both sides last agreed on
    std::string state = "linked";  // or "removed_remote": deleted on the server, kept here, not pushed again
    std::string stamp;  // the local record's change stamp when `hash` was rendered; '' = unknown
};

struct SyncConflict {
    RowId id = 0;
    std::string kind;      // "contacts"
    RowId localId = 0;
    std::string name;      // the person's name, for listings
    std::string field;
    std::string localValue;
    std::string remoteValue;
    Instant foundAt = 0;
};

struct SyncCounts {
    int people = 0;    // linked cards
    int tasks = 0;
    int events = 0;
    int removedOnServer = 0;
    int conflicts = 0;
};

// A session for the calendar: starred, or a talk of one of the event's targets.
struct CalendarSession {
    RowId sessionId = 0;
    RowId eventId = 0;
    bool starred = false;
    bool targetTalk = false;
};

class SyncRepo {
public:
    explicit SyncRepo(Store& store) : m_store(store) {}

    std::optional<SyncAccount> account();
    // Replaces the account; a different server or user forgets every collection and link.
    void saveAccount(const SyncAccount& account);
    // Which private fields cards carry (the account's opt-ins); saveAccount leaves them.
    void setSendFields(bool howMet, bool facts);
    // Stamps a round: `error` '' when it worked.
    void recordRound(Instant at, const std::string& error);

    std::vector<SyncCollection> collections();
    // Inserts or updates by kind and event; returns the id.
    RowId saveCollection(const SyncCollection& collection);
    void setSyncToken(RowId collection, const std::string& token);
    void setCtag(RowId collection, const std::string& ctag);
    void deleteCollection(RowId collection);

    std::vector<SyncItem> items(RowId collection);
    bool hasItems(RowId collection);
    RowId insertItem(const SyncItem& item);
    void updateItem(const SyncItem& item);
    void deleteItem(RowId id);
    void setItemStamp(RowId id, const std::string& stamp);

    // The person's card revision: a new highest number after any write to
    // their row, contacts or tags (schema step 14's triggers); 0 for someone
    // untouched since that step. Equal revisions mean an equal card.
    std::int64_t cardRevision(RowId person);

    // Adds a conflict unless the same one is recorded.
    void addConflict(const SyncConflict& conflict);
    std::vector<SyncConflict> conflicts();
    std::optional<SyncConflict> conflict(RowId id);
    // Forgets a conflict the user settled.
    void deleteConflict(RowId id);
    SyncCounts counts();

    // The user's network: people met (a met note, an interaction), targets,
    // and everyone not from an agenda (imported, added by hand, from a badge
    // or the server). Agenda-only speakers are left out.
    std::vector<RowId> networkPeople();
    // Starred sessions and the talks of each event's targets, not removed.
    std::vector<CalendarSession> calendarSessions();

private:
    Store& m_store;
};

}  // namespace hallway
