// hallway-bench: measures the operations DESIGN.md budgets, on synthetic data,
// and prints medians. Not a test: run it on a quiet machine and read the figures.
//
//   hallway-bench [--runs N] [--sessions N] [--people N] [--notes N] [--only import|linkedin|search|queue|frames]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/followup.h"
#include "core/import_service.h"
#include "core/people_service.h"
#include "store/followups_repo.h"
#include "store/notes_repo.h"
#include "store/people_repo.h"
#include "formats/agenda.h"
#include "store/sqlite.h"
#include "store/store.h"
#ifdef HALLWAY_BENCH_FRAMES
#include "bench_frames.h"
#endif

using namespace hallway;
using Clock = std::chrono::steady_clock;

namespace {

double msSince(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// A frab schedule shaped like a large real one: 10 rooms, 30-minute slots,
// one to three speakers per session drawn from a pool, some repeat speakers.
std::string syntheticFrabXml(int sessions, int shiftMinutes = 0) {
    const int rooms = 10;
    const int slotsPerDay = 20;
    const int perDay = rooms * slotsPerDay;
    int days = (sessions + perDay - 1) / perDay;
    std::string xml;
    xml.reserve(size_t(sessions) * 700);
    xml += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<schedule>\n<conference><title>Bench Conf</title>"
           "<time_zone_name>Europe/Brussels</time_zone_name></conference>\n";
    int id = 0;
    char buf[1024];
    for (int d = 0; d < days && id < sessions; ++d) {
        std::snprintf(buf, sizeof buf, "<day date=\"2025-%02d-%02d\" index=\"%d\">\n", 3 + d / 28, 1 + d % 28, d + 1);
        xml += buf;
        for (int r = 0; r < rooms && id < sessions; ++r) {
            std::snprintf(buf, sizeof buf, "<room name=\"Room %d\">\n", r + 1);
            xml += buf;
            for (int s = 0; s < slotsPerDay && id < sessions; ++s, ++id) {
                int minutes = 9 * 60 + s * 30 + shiftMinutes;
                std::snprintf(buf, sizeof buf,
                              "<event id=\"%d\" guid=\"bench-%d\"><start>%02d:%02d</start><duration>00:25</duration>"
                              "<room>Room %d</room><track>Track %d</track><type>talk</type>"
                              "<title>Session %d: systems, tools and the people who build them</title>"
                              "<abstract>An abstract of a few sentences about session %d, long enough to look "
                              "like the real thing that a conference would publish.</abstract>"
                              "<persons><person id=\"%d\">Speaker %d</person><person id=\"%d\">Speaker %d</person>"
                              "</persons></event>\n",
                              id, id, minutes / 60, minutes % 60, r + 1, id % 12, id, id, id % 3000, id % 3000,
                              (id * 7) % 3000 + 3000, (id * 7) % 3000 + 3000);
                xml += buf;
            }
            xml += "</room>\n";
        }
        xml += "</day>\n";
    }
    xml += "</schedule>\n";
    return xml;
}

struct Timing {
    double parseMs;
    double importMs;
};

// A path with no database left from an earlier run (HALLWAY_BENCH_KEEP keeps them).
std::string freshDatabase(const std::filesystem::path& path) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
    return path.string();
}

Timing importOnce(const std::string& xml, const std::string& dbPath) {
    Store store(freshDatabase(dbPath));
    auto t0 = Clock::now();
    Agenda agenda = parseAgenda(xml, "bench.xml", AgendaFormat::FrabXml);
    double parseMs = msSince(t0);
    auto t1 = Clock::now();
    importAgendaBytes(store, xml, "bench.xml", {});
    return {parseMs, msSince(t1)};
}

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    size_t i = std::min(v.size() - 1, size_t(p * double(v.size() - 1) + 0.5));
    return v[i];
}

const char* const kFirst[] = {"Ana", "Bo", "Cy", "Dee", "Eve", "Femi", "Gus", "Hana", "Ivo", "Jun", "Kai", "Lena",
                              "Mika", "Nia", "Omar", "Pia", "Quin", "Rosa", "Sven", "Tara", "Uma", "Vik", "Wen", "Yara"};
const char* const kLast[] = {"Lima", "Chen", "Diaz", "Evans", "Fox", "Garcia", "Hansen", "Ito", "Jensen", "Kowalski",
                             "Larsen", "Moreau", "Novak", "Okafor", "Petrov", "Quinn", "Rossi", "Sato", "Tanaka",
                             "Ueda", "Varga", "Weber", "Xu", "Young", "Zhang"};
const char* const kWords[] = {"rust", "kernel", "allocator", "compiler", "wasm", "database", "hiring", "coffee",
                              "paper", "benchmark", "community", "mentor", "keynote", "slides", "startup", "funding",
                              "python", "debian", "packaging", "security", "fuzzing", "design", "sqlite", "search"};

// LinkedIn's Connections.csv: a notes preamble, then the header and rows.
std::string syntheticLinkedIn(int rows, bool withPreamble) {
    std::string csv;
    if (withPreamble)
        csv += "Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are "
               "missing.\"\n\n";
    csv += "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n";
    char buf[512];
    for (int i = 0; i < rows; ++i) {
        const char* first = kFirst[i % 24];
        const char* last = kLast[(i / 24) % 25];
        std::snprintf(buf, sizeof buf,
                      "%s,%s,https://www.linkedin.com/in/%s-%s-%d,%s,\"Company %d, Inc.\",Engineer %d,%02d Mar 2024\n",
                      first, last, first, last, i, i % 3 == 0 ? ("p" + std::to_string(i) + "@example.org").c_str() : "",
                      i % 700, i % 40, 1 + i % 28);
        csv += buf;
    }
    return csv;
}

void benchLinkedIn(const std::filesystem::path& dir, int runs) {
    const int rows = 30000;
    std::string withNotes = (dir / "Connections.csv").string();
    std::string plain = (dir / "plain.csv").string();
    {
        std::ofstream(withNotes) << syntheticLinkedIn(rows, true);
        std::ofstream(plain) << syntheticLinkedIn(rows, false);
    }
    std::vector<double> ours, shell;
    for (int r = 0; r < runs; ++r) {
        std::string db = freshDatabase(dir / ("li" + std::to_string(r) + ".db"));
        Store store(db);
        auto t0 = Clock::now();
        auto report = importContactsFile(store, withNotes, {});
        ours.push_back(msSince(t0));
        if (report.added != rows) std::printf("  (imported %d of %d rows!)\n", report.added, rows);

        std::string shellDb = freshDatabase(dir / ("sh" + std::to_string(r) + ".db"));
        std::string cmd = "sqlite3 " + shellDb + " -cmd 'PRAGMA journal_mode=WAL' '.import --csv " + plain + " t' >/dev/null";
        auto t1 = Clock::now();
        int rc = std::system(cmd.c_str());
        shell.push_back(msSince(t1));
        if (rc != 0) {
            std::printf("import 30,000-row LinkedIn export: ours median %.1f ms; sqlite3 shell not available\n",
                        median(ours));
            return;
        }
    }
    double a = median(ours), b = median(shell);
    std::printf("import 30,000-row LinkedIn export: median %.1f ms; sqlite3 shell .import of the same rows %.1f ms; "
                "ratio %.2fx (budget 2x): %s\n",
                a, b, a / b, a / b <= 2.0 ? "OK" : "OVER");

    // The floor for any importer on this schema: the sqlite3 shell itself
    // loading the same rows into people, their URLs and emails and both
    // search indexes with set-based SQL, no matching and no per-row code.
    std::string script = (dir / "floor.sql").string();
    std::ofstream(script)
        << "PRAGMA synchronous=NORMAL;\nPRAGMA cache_size=-65536;\n"
           ".import --csv " << plain << " raw\n"
           "BEGIN;\nDROP TRIGGER people_fts_insert;\nDROP TRIGGER people_trigram_insert;\n"
           "INSERT INTO people (id, display_name, name_key, company, role, source, created_at, updated_at) "
           "SELECT rowid, \"First Name\"||' '||\"Last Name\", lower(\"First Name\"||' '||\"Last Name\"), "
           "Company, Position, 'linkedin', 0, 0 FROM raw;\n"
           "INSERT INTO person_contacts (person_id, kind, value, label, match_key) "
           "SELECT rowid, 'url', URL, 'linkedin', lower(URL) FROM raw;\n"  // url_key() is ours, not the shell's
           "INSERT INTO person_contacts (person_id, kind, value, label, match_key) "
           "SELECT rowid, 'email', \"Email Address\", '', lower(\"Email Address\") FROM raw "
           "WHERE \"Email Address\" <> '';\n"
           "INSERT INTO people_fts (rowid, display_name, company, role) SELECT id, display_name, company, role FROM people;\n"
           "INSERT INTO people_trigram (rowid, display_name, company) SELECT id, display_name, company FROM people;\n"
           "COMMIT;\n";
    std::vector<double> floor;
    for (int r = 0; r < runs; ++r) {
        std::string floorDb = freshDatabase(dir / ("floor" + std::to_string(r) + ".db"));
        { Store empty(floorDb); }  // Hallway's schema, no rows
        std::string cmd = "sqlite3 " + floorDb + " < " + script + " >/dev/null";
        auto t = Clock::now();
        if (std::system(cmd.c_str()) != 0) return;
        floor.push_back(msSince(t));
    }
    double f = median(floor);
    std::printf("  floor: the sqlite3 shell loading the same rows into Hallway's tables and search indexes with "
                "set-based SQL: median %.1f ms (%.2fx .import); ours is %.2fx that floor\n",
                f, f / b, a / f);
}

void benchSearch(const std::filesystem::path& dir, int peopleCount, int noteCount) {
    std::string db = freshDatabase(dir / "search.db");
    Store store(db);
    PeopleRepo people(store);
    NotesRepo notes(store);
    auto t0 = Clock::now();
    {
        Store::Transaction tx(store);
        for (int i = 0; i < peopleCount; ++i) {
            Person p;
            p.displayName = std::string(kFirst[i % 24]) + " " + kLast[(i / 24) % 25] + " " + std::to_string(i);
            p.company = "Company " + std::to_string(i % 900);
            p.role = kWords[i % 24];
            people.create(p);
        }
        std::string body;
        for (int i = 0; i < noteCount; ++i) {
            body = "Met ";
            body += kFirst[(i * 7) % 24];
            body += " at the ";
            body += kWords[i % 24];
            body += " talk; talked about ";
            body += kWords[(i / 24) % 24];
            body += " and ";
            body += kWords[(i / 7) % 24];
            body += ". #promise send the ";
            body += kWords[(i / 3) % 24];
            body += " notes " + std::to_string(i);
            Note n;
            n.createdAt = 1700000000 + i;
            n.body = body;
            n.people = {RowId(1 + i % peopleCount)};
            notes.insertNote(n, {});
        }
        tx.commit();
    }
    std::printf("search data: %d people, %d notes written in %.1f s\n", peopleCount, noteCount, msSince(t0) / 1000);

    // Search-as-you-type: every prefix of a few realistic queries, as typed.
    const char* const queries[] = {"ana lima", "kowalski", "rust kernel", "coffee", "benchmark paper", "tanaka",
                                   "security fuzz", "sqlite", "mentor", "compan", "zhang 12", "deb"};
    std::vector<double> times;
    for (int round = 0; round < 3; ++round)
        for (const char* q : queries) {
            std::string typed;
            for (const char* c = q; *c; ++c) {
                typed += *c;
                auto t = Clock::now();
                auto hits = notes.search(typed, 10);
                times.push_back(msSince(t));
                if (round == 0 && times.back() > 8 && std::getenv("HALLWAY_BENCH_VERBOSE"))
                    std::printf("  slow: \"%s\" %.1f ms\n", typed.c_str(), times.back());
                (void)hits;
            }
        }
    std::printf("search-as-you-type over %d people and %d notes: %zu queries, median %.2f ms, p99 %.2f ms, "
                "max %.2f ms (budget p99 10 ms): %s\n",
                peopleCount, noteCount, times.size(), median(times), percentile(times, 0.99),
                *std::max_element(times.begin(), times.end()), percentile(times, 0.99) < 10 ? "OK" : "OVER");
}

// Follow-up queue: an event with 500 people met and 2,000 notes carrying
// markers. Each run generates on a fresh copy of the same database, then runs
// generation again (the idempotent case: nothing to add).
void benchQueue(const std::filesystem::path& dir, int runs) {
    const int metCount = 500, noteCount = 2000;
    std::string seed = freshDatabase(dir / "queue-seed.db");
    RowId eventId = 0;
    {
        Store store(seed);
        PeopleRepo people(store);
        NotesRepo notes(store);
        Store::Transaction tx(store);
        Event e;
        e.name = "Queue Bench Conf";
        e.timeZone = "Europe/Brussels";
        e.startsAt = 1741161600;       // 2025-03-05
        e.endsAt = e.startsAt + 3 * 86400;
        eventId = store.createEvent(e);
        std::vector<RowId> ids;
        for (int i = 0; i < metCount; ++i) {
            Person p;
            p.displayName = std::string(kFirst[i % 24]) + " " + kLast[(i / 24) % 25] + " " + std::to_string(i);
            p.emails = {{"p" + std::to_string(i) + "@example.org", "work"}};
            if (i % 10 == 0) p.keepInTouchDays = 30;
            ids.push_back(people.create(p));
            Interaction met;
            met.personId = ids.back();
            met.eventId = eventId;
            met.occurredAt = e.startsAt + 3600 * (i % 60);
            met.direction = i % 7 == 0 ? "ask" : "neutral";
            notes.addInteraction(met);
            if (i % 5 == 0) {
                Target t;
                t.eventId = eventId;
                t.personId = ids.back();
                t.priority = i % 3 == 0 ? TargetPriority::Must : TargetPriority::Should;
                t.status = TargetStatus::Met;
                people.upsertTarget(t);
            }
        }
        for (int i = 0; i < noteCount; ++i) {
            Note n;
            n.createdAt = e.startsAt + 60 * i;
            n.eventId = eventId;
            n.people = {ids[i % metCount]};
            if (i % 4 == 3) n.people.push_back(ids[(i + 1) % metCount]);
            n.body = std::string("Talked about ") + kWords[i % 24] + " and " + kWords[(i / 24) % 24];
            std::vector<NoteItemRecord> items;
            NoteItemRecord it;
            switch (i % 4) {
                case 0: it.kind = "promise"; it.text = "send the " + std::string(kWords[i % 24]) + " notes"; break;
                case 1: it.kind = "detail"; it.text = "running a race"; it.onDate = "2025-04-12"; break;
                case 2: it.kind = "ask"; it.text = "a 20-minute meeting about " + std::string(kWords[i % 24]); break;
                default: it.kind = "intro"; it.text = "to each other about " + std::string(kWords[i % 24]); break;
            }
            n.body += " #" + it.kind + " " + it.text;
            items.push_back(it);
            notes.insertNote(n, items);
        }
        tx.commit();
    }
    std::vector<double> first, second, floor;
    size_t added = 0;
    for (int r = 0; r < runs; ++r) {
        std::string copy = freshDatabase(dir / ("queue-" + std::to_string(r) + ".db"));
        std::filesystem::copy_file(seed, copy, std::filesystem::copy_options::overwrite_existing);
        std::vector<FollowUp> rows;
        {
            Store store(copy);
            ensureDefaultTemplates(store);  // first use of the templates is not the engine's cost
            auto t0 = Clock::now();
            QueueReport rep = generateQueue(store, eventId, "2025-03-10");
            first.push_back(msSince(t0));
            added = rep.added.size();
            rows = rep.added;
            auto t1 = Clock::now();
            QueueReport again = generateQueue(store, eventId, "2025-03-10");
            second.push_back(msSince(t1));
            if (!again.added.empty())
                std::printf("  queue: second run added %zu items (should be 0)\n", again.added.size());
        }
        {
            // The floor: the same rows put in with one plain prepared INSERT each,
            // in one transaction, on a fresh copy (no reading, no rules, no dedupe).
            std::string bare = freshDatabase(dir / ("queue-floor-" + std::to_string(r) + ".db"));
            std::filesystem::copy_file(seed, bare, std::filesystem::copy_options::overwrite_existing);
            Store store(bare);
            auto t0 = Clock::now();
            Store::Transaction tx(store);
            auto& q = store.statement(
                "INSERT INTO follow_ups (person_id, event_id, rule, note_id, note_item_id, kind, due_date, priority, "
                "channel, status, attempt, reason, dedupe_key, created_at, updated_at) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
            for (auto& f : rows) {
                q.bind(1, f.personId).bind(2, f.eventId).bind(3, f.rule).bind(4, f.noteId).bind(5, f.noteItemId);
                q.bind(6, f.kind).bind(7, f.dueDate).bind(8, f.priority).bind(9, f.channel).bind(10, f.status);
                q.bind(11, f.attempt).bind(12, f.reason).bind(13, f.dedupeKey).bind(14, f.createdAt);
                q.bind(15, f.createdAt);
                q.run();
            }
            tx.commit();
            floor.push_back(msSince(t0));
        }
        if (std::getenv("HALLWAY_BENCH_VERBOSE")) {
            std::string split = freshDatabase(dir / ("queue-split-" + std::to_string(r) + ".db"));
            std::filesystem::copy_file(seed, split, std::filesystem::copy_options::overwrite_existing);
            Store fresh(split);
            ensureDefaultTemplates(fresh);
            FollowUpsRepo repo(fresh);
            auto t2 = Clock::now();
            QueueInputs in = repo.loadInputs(eventId);
            double load = msSince(t2);
            auto t3 = Clock::now();
            QueueReport plan = planQueue(in, "2025-03-10");
            std::printf("  queue: load %.1f ms, plan %.1f ms (%zu items)\n", load, msSince(t3), plan.added.size());
        }
    }
    double med = median(first);
    std::printf("generate the follow-up queue (%d people met, %d notes with markers, %zu items): median %.1f ms, "
                "again (nothing new) median %.1f ms; budget 50 ms: %s\n",
                metCount, noteCount, added, med, median(second), med < 50 && median(second) < 50 ? "OK" : "OVER");
    double load = 0;
    if (FILE* f = std::fopen("/proc/loadavg", "r")) {
        if (std::fscanf(f, "%lf", &load) != 1) load = 0;
        std::fclose(f);
    }
    std::printf("  floor, a plain INSERT of the same %zu rows in one transaction: median %.1f ms; generation is %.1fx "
                "the floor (load average %.1f)\n",
                added, median(floor), med / std::max(0.001, median(floor)), load);
}

}  // namespace

#ifdef HALLWAY_BENCH_FRAMES
// What safety copies cost an import: 1,000 new sessions into the power-tier
// database against the same into an empty one. The first import with no
// backup of the day takes the rolling daily copy; the others take none.
void benchBackupCost(const std::filesystem::path& dir, int runs) {
    std::string xml = syntheticFrabXml(1000);
    auto importAs = [&](const std::string& db, int r) {
        Store store(db);
        AgendaImportOptions options;
        options.event = "bench import " + std::to_string(r);
        auto t0 = Clock::now();
        importAgendaBytes(store, xml, "bench.xml", options);
        return msSince(t0);
    };
    std::vector<double> empty, power;
    for (int r = 0; r < runs; ++r) empty.push_back(importAs(freshDatabase(dir / "empty.db"), r));
    std::string powerDb = (dir / "power.db").string();
    std::filesystem::remove_all(powerDb + ".backups");
    hallway::bench::buildPowerTierDatabase(powerDb);
    double first = importAs(powerDb, 0);
    for (int r = 1; r <= runs; ++r) power.push_back(importAs(powerDb, r));
    double ratio = median(power) / median(empty);
    std::printf("import 1,000 sessions into the power tier (%.0f MB): median %.1f ms, into an empty database %.1f ms: "
                "%.2fx, budget 1.5x: %s; the day's first (takes the daily safety copy) %.1f ms\n",
                std::filesystem::file_size(powerDb) / 1e6, median(power), median(empty), ratio,
                ratio <= 1.5 ? "OK" : "OVER", first);
}
#endif

int main(int argc, char** argv) {
    int runs = 7;
    int sessions = 5000;
    int notesCount = 500000;
    int peopleCount = 50000;
    std::string only;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string flag = argv[i];
        if (flag == "--runs") runs = std::max(1, std::atoi(argv[i + 1]));
        else if (flag == "--sessions") sessions = std::max(1, std::atoi(argv[i + 1]));
        else if (flag == "--notes") notesCount = std::max(1, std::atoi(argv[i + 1]));
        else if (flag == "--people") peopleCount = std::max(1, std::atoi(argv[i + 1]));
        else if (flag == "--only") only = argv[i + 1];
    }
    auto dir = std::filesystem::temp_directory_path() / "hallway-bench";
    std::filesystem::create_directories(dir);
    std::string dbPath = (dir / "bench.db").string();

    std::printf("hallway-bench %s, %d runs per case, database on disk (WAL)\n\n", HALLWAY_VERSION, runs);

    if (only.empty() || only == "linkedin") benchLinkedIn(dir, std::min(runs, 5));
    if (only.empty() || only == "search") benchSearch(dir, peopleCount, notesCount);
    if (only.empty() || only == "queue") benchQueue(dir, runs);
#ifdef HALLWAY_BENCH_FRAMES
    if (only.empty() || only == "frames") hallway::bench::benchFrames(dir);
    if (only.empty() || only == "backup-cost") benchBackupCost(dir, runs);
#endif
    // HALLWAY_BENCH_KEEP=1 leaves the databases in the temp folder to look into.
    bool keep = std::getenv("HALLWAY_BENCH_KEEP") != nullptr;
    if (!only.empty() && only != "import") {
        if (!keep) std::filesystem::remove_all(dir);
        return 0;
    }

    // Agenda import: the whole pipeline (read, parse, diff, write, commit).
    for (int n : {1000, sessions}) {
        std::string xml = syntheticFrabXml(n);
        std::vector<double> parse, total;
        for (int r = 0; r < runs; ++r) {
            Timing t = importOnce(xml, dbPath);
            parse.push_back(t.parseMs);
            total.push_back(t.importMs);
        }
        double med = median(total);
        std::printf("import %5d-session frab XML (%.1f MB): median %.1f ms (parse alone %.1f ms), "
                    "%.1f ms per 1,000 sessions; budget 100 ms per 1,000: %s\n",
                    n, xml.size() / 1e6, med, median(parse), med * 1000.0 / n, med * 1000.0 / n < 100 ? "OK" : "OVER");
    }

    // Re-import: the same agenda again, then one with every session moved.
    {
        std::string xml = syntheticFrabXml(sessions);
        std::string moved = syntheticFrabXml(sessions, 5);
        std::vector<double> same, shifted;
        for (int r = 0; r < runs; ++r) {
            importOnce(xml, dbPath);
            Store store(dbPath);
            auto t0 = Clock::now();
            importAgendaBytes(store, xml, "bench.xml", {});
            same.push_back(msSince(t0));
            auto t1 = Clock::now();
            importAgendaBytes(store, moved, "bench.xml", {});
            shifted.push_back(msSince(t1));
        }
        std::printf("re-import %d sessions unchanged: median %.1f ms; all %d moved: median %.1f ms\n", sessions,
                    median(same), sessions, median(shifted));
    }

    if (!keep) std::filesystem::remove_all(dir);
    return 0;
}
