// The benchmark's data, shaped like the real thing: agendas whose sessions
// carry abstracts of 1.7-2.2 KB (as real ones do) and one to four speakers,
// and the power tier of DESIGN.md (20,000 sessions, 50,000 people, 500,000
// notes, 200 events, a follow-up queue), or a small one for --quick.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/model.h"
#include "core/time_util.h"
#include "store/agenda_repo.h"

namespace hallway {
class Store;
}

namespace hallway::bench {

// Name and word tables the data is drawn from.
extern const char* const kFirst[24];
extern const char* const kLast[25];
extern const char* const kWords[24];

// "Ana K. Lima": 24 x 25 x 26 distinct names, then a number.
std::string personName(int i);

// [SECTION] Agendas

struct AgendaShape {
    int sessions = 1000;
    int rooms = 10;
    int slotsPerDay = 20;     // per room
    int slotMinutes = 30;
    int firstMinute = 9 * 60;
    int speakerPool = 3000;   // distinct speakers; some speak several times
    int shiftMinutes = 0;     // every session moved by this much (re-import)
    bool longEvery9th = false;  // every 9th session runs 40 minutes, overlapping the next
};

struct AgendaSession {
    std::string sourceId;  // "bench-<n>"
    std::string title, abstract, room, track;
    LocalDateTime start;   // Europe/Brussels
    int minutes = 25;
    std::vector<std::string> speakers;  // one to four names
};

constexpr const char* kZone = "Europe/Brussels";

// The sessions of a conference of that shape, the same for the same shape.
std::vector<AgendaSession> agendaSessions(const AgendaShape& shape);
// The same as a frab schedule XML ("Bench Conf").
std::string frabXml(const std::vector<AgendaSession>& sessions, const std::string& title = "Bench Conf");
// The set-based floor of an agenda import: an SQL script for the sqlite3
// shell that .imports the sessions and speakers from CSV files it writes in
// `dir` and loads them into Hallway's tables and search indexes with one
// statement each. Run on a database that has Hallway's schema and no rows.
std::string agendaFloorScript(const std::vector<AgendaSession>& sessions, const std::string& dir);

// [SECTION] The power tier

struct TierSize {
    int days = 8, rooms = 50, slots = 50;  // sessions = days x rooms x slots, 15-minute slots from 08:00
    int speakers = 8000, people = 50000, notes = 500000, otherEvents = 199;
    static TierSize power() { return {}; }
    static TierSize quick() { return {2, 25, 40, 800, 5000, 20000, 19}; }  // for --quick
};

struct PowerData {
    TierSize size;
    RowId eventId = 0;
    std::vector<RowId> sessions;   // the event's, in time order per AgendaRepo(store).sessions()
    std::vector<RowId> people;     // everyone
    RowId busyPerson = 0;          // a target with a talk and many notes
    RowId conflictSession = 0;     // a starred session overlapping another starred one
    Instant now = 0;               // the third day (or the last), 11:05
    std::string description;       // "20,000 sessions, 50,000 people, 500,000 notes"
};

// Builds the tier into `store` (an empty database) and prints how long it took.
PowerData buildPowerTier(Store& store, const TierSize& size);

// The ids of a built tier, kept beside a copy of its database so a later run
// can start from it (HALLWAY_BENCH_TIER) instead of building it again.
void savePowerData(const PowerData& data, const std::string& path);
// Null when `path` is missing or not written by savePowerData.
std::optional<PowerData> loadPowerData(const std::string& path);

}  // namespace hallway::bench
