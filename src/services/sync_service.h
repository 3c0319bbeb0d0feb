// CardDAV/CalDAV sync: `hallway sync setup`, one round, status. The user's
// network goes to an address book "Hallway", open follow-ups to a task list
// "Hallway follow-ups", starred sessions and targets' talks to a calendar
// "Hallway: EVENT" per event. Local state is kept first: every synced record
// has a row (href, ETag, the text both sides last agreed on), so a round cut
// short resumes without duplicates and a change made offline is found by the
// next round (its rendering no longer matches the stored hash).
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/changes.h"
#include "core/model.h"
#include "services/dav_client.h"
#include "services/sync_secret.h"
#include "store/sync_repo.h"

namespace hallway {

class Store;

struct SyncSetupOptions {
    std::string url;       // the server, or any URL on it (discovery per RFC 6764)
    std::string user;
    std::string password;  // used for discovery; never stored in the database
    std::string caFile;
    bool allowHttp = false;
};

struct SyncSetupResult {
    SyncAccount account;
    std::string addressBook;         // URL of "Hallway"
    std::string taskList;            // URL of "Hallway follow-ups"
    std::vector<std::string> created;  // display names of collections made now
};

// Finds the user's principal and home sets (well-known URLs, then
// current-user-principal), finds or creates the address book and task list,
// and stores the account (not the password). Throws DavError (network,
// 401, 403, 507, TLS) or std::runtime_error (not a CardDAV/CalDAV server).
SyncSetupResult setupSync(Store& store, const SyncSetupOptions& options);

// Records where the password was kept ("libsecret", "file"; "none": given each time).
void setSyncSecretStore(Store& store, const std::string& where);

struct SyncLinkResult {
    SyncSetupResult setup;
    StoredSecret kept;  // where the password went, and a warning when it fell back to a file
};

// All of `sync setup` (the CLI and the app's Sync dialog): setupSync, then
// the password kept in the Secret Service or the 0600 file, and where it went
// recorded on the account. Throws as setupSync does; nothing is kept then.
SyncLinkResult linkSyncAccount(Store& store, const SyncSetupOptions& options);

// Which private fields the cards carry from the next round on (both off until
// the user opts in): the how-met note and the facts, as one NOTE Hallway
// marks as its own. Turning one off takes it off the server's cards at the
// next round; a note written on the phone stays. Throws when nothing is linked.
void setSyncSendFields(Store& store, bool howMet, bool facts);

// How the user settles a conflict listed by syncStatus.
enum class ConflictChoice {
    Here,    // keep Hallway's value (the next round writes it to the server)
    Server,  // take the server's value here (the next round writes it back as agreed)
    Both,    // keep Hallway's value, and the server's as a fact on the person ("Company on the server: ...")
};

// Settles conflict `conflictId` and forgets it. Throws std::invalid_argument
// when it is no longer listed (settled elsewhere) or its person is gone.
// Announces People (the person's details, or the conflict listed with them).
Changes resolveSyncConflict(Store& store, RowId conflictId, ConflictChoice choice);

struct SyncRoundOptions {
    std::string password;
    std::string today;  // YYYY-MM-DD for follow-up status dates; '' = today
    std::function<void(int requestNumber)> beforeRequest;  // progress; tests stop the server with it
    std::function<void(const DavTiming&)> afterRequest;   // each request's time (the benchmark)
};

struct SyncRoundReport {
    int peoplePushed = 0;        // cards written (new or changed here)
    int peopleUpdated = 0;       // people changed from edited cards
    int peopleAdded = 0;         // new cards that became new people
    int peopleMatched = 0;       // new cards matched to someone already here
    int peopleRemovedOnServer = 0;
    int cardsDeleted = 0;        // people who left the network: their cards removed
    int tasksPushed = 0;
    int tasksCompleted = 0;      // completed on the server: marked done here
    int tasksSnoozed = 0;        // due date moved on the server
    int tasksDropped = 0;        // deleted or cancelled on the server
    int eventsPushed = 0;
    int eventsDeleted = 0;
    int conflicts = 0;           // new conflicts found this round
    int requests = 0;
    std::vector<std::string> warnings;
    Changes touched;             // People and Targets when cards changed people here, Queue when tasks did
};

// One round: for each collection, changes on the server are read and merged
// first (sync-collection when offered, else an ETag listing), then local
// changes are written. Throws DavError or std::runtime_error; the error is
// recorded on the account for `sync status` either way, and everything done
// before it is kept.
SyncRoundReport runSyncRound(Store& store, const SyncRoundOptions& options);

struct SyncStatusReport {
    std::optional<SyncAccount> account;
    std::vector<SyncCollection> collections;
    SyncCounts counts;
    int pendingPeople = 0;  // cards to write or delete at the next round
    int pendingTasks = 0;
    int pendingEvents = 0;
    std::vector<SyncConflict> conflicts;
};

// `countPending` false leaves the pending counts 0: they render every record
// (tens of milliseconds), the rest is a few small reads (the app's Sync dialog).
SyncStatusReport syncStatus(Store& store, bool countPending = true);

// The linked account, if any: one small read (the app checks it before a round).
std::optional<SyncAccount> syncAccount(Store& store);

// The password for the stored account: `HALLWAY_SYNC_PASSWORD`, else the
// Secret Service or the 0600 file. Throws std::runtime_error saying how to give it.
std::string storedSyncPassword(const SyncAccount& account);

}  // namespace hallway
