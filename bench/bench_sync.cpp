// The sync budget against a real server: Radicale from Debian, started from
// tests/tools/dav_server.py on 127.0.0.1 with its storage in the bench folder.
#include "bench_sync.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

#include "bench_util.h"
#include "core/followup.h"
#include "services/sync_service.h"
#include "store/followups_repo.h"
#include "store/people_repo.h"
#include "store/store.h"
#include "store/sync_repo.h"

namespace hallway::bench {
namespace {

struct Server {
    pid_t pid = -1;
    FILE* out = nullptr;
    int port = 0;
    ~Server() {
        if (pid > 0) {
            kill(pid, SIGTERM);
            waitpid(pid, nullptr, 0);
        }
        if (out) fclose(out);
    }
};

bool startRadicale(Server& s, const std::string& storage) {
    int fds[2];
    if (pipe(fds) != 0) return false;
    s.pid = fork();
    if (s.pid == 0) {
        dup2(fds[1], 1);
        close(fds[0]);
        close(fds[1]);
        execl("/usr/bin/python3", "python3", HALLWAY_DAV_SERVER_SCRIPT, "radicale", storage.c_str(), "--lifetime", "600",
              static_cast<char*>(nullptr));
        _exit(127);
    }
    close(fds[1]);
    s.out = fdopen(fds[0], "r");
    char line[32] = {0};
    if (!s.out || !fgets(line, sizeof line, s.out)) return false;
    s.port = std::atoi(line);
    return s.port > 0;
}

// Radicale's own time for the first round's work, asked by a bare client: the
// same bodies (read back whole from Hallway's collections with a GET, which
// Radicale serves for a collection) uploaded in one PUT per new collection,
// then one sync-collection listing each, which is what gives Hallway its
// links and token. No client can store and list these records with less.
double radicaleFloor(const std::string& base, const std::string& cards, const std::string& tasks) {
    DavClient c(DavAccount{"ana", "s3cret", "", false});
    std::vector<DavTiming> timed;
    const std::string xml = "Content-Type: application/xml; charset=utf-8";
    const std::string list =
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><d:sync-collection xmlns:d=\"DAV:\"><d:sync-token/>"
        "<d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>";
    c.expect2xx("MKCOL", base + "floor-cards/",
                "<?xml version=\"1.0\" encoding=\"utf-8\"?><d:mkcol xmlns:d=\"DAV:\" "
                "xmlns:c=\"urn:ietf:params:xml:ns:carddav\"><d:set><d:prop><d:resourcetype><d:collection/>"
                "<c:addressbook/></d:resourcetype></d:prop></d:set></d:mkcol>",
                {xml});
    c.expect2xx("MKCALENDAR", base + "floor-tasks/",
                "<?xml version=\"1.0\" encoding=\"utf-8\"?><c:mkcalendar xmlns:d=\"DAV:\" "
                "xmlns:c=\"urn:ietf:params:xml:ns:caldav\"><d:set><d:prop><c:supported-calendar-component-set>"
                "<c:comp name=\"VTODO\"/></c:supported-calendar-component-set></d:prop></d:set></c:mkcalendar>",
                {xml});
    c.afterRequest = [&](const DavTiming& t) { timed.push_back(t); };
    c.expect2xx("PUT", base + "floor-cards/", cards, {"Content-Type: text/vcard; charset=utf-8"});
    c.expect2xx("REPORT", base + "floor-cards/", list, {xml, "Depth: 0"});
    c.expect2xx("PUT", base + "floor-tasks/", tasks, {"Content-Type: text/calendar; charset=utf-8"});
    c.expect2xx("REPORT", base + "floor-tasks/", list, {xml, "Depth: 0"});
    double total = 0;
    for (auto& t : timed) {
        total += t.ms;
        info("  floor %-10s %-28s %3ld %8zu bytes %9.1f ms", t.method.c_str(),
             t.url.substr(t.url.find("/ana/")).c_str(), t.status, t.bytesSent, t.ms);
    }
    return total;
}

}  // namespace

void benchSync(const std::filesystem::path& dir, int runs) {
    const int peopleCount = 2000, taskCount = 500;
    std::filesystem::remove_all(dir / "sync-dav");
    Server server;
    if (!startRadicale(server, (dir / "sync-dav").string())) {
        std::printf("sync: skipped, Radicale did not start (install it: scripts/setup.sh)\n");
        return;
    }
    std::string db = (dir / "sync.db").string();
    std::filesystem::remove(db);
    std::filesystem::remove(db + "-wal");
    Store store(db);
    {
        PeopleRepo people(store);
        FollowUpsRepo followUps(store);
        Store::Transaction tx(store);
        for (int i = 0; i < peopleCount; ++i) {
            Person p;
            p.displayName = "Person " + std::to_string(i);
            p.givenName = "Person";
            p.familyName = std::to_string(i);
            p.company = "Company " + std::to_string(i % 150);
            p.role = "Engineer";
            p.source = "linkedin";
            p.emails = {{"person" + std::to_string(i) + "@example.org", "work"}};
            p.phones = {{"+1 555 01" + std::to_string(1000 + i), "cell"}};
            p.tags = {"bench"};
            RowId id = people.create(p);
            if (i < taskCount) {
                FollowUp f;
                f.personId = id;
                f.rule = "bench";
                f.kind = "thank_you";
                f.dueDate = "2026-12-0" + std::to_string(1 + i % 7);
                f.priority = 5 + i % 3;
                f.reason = "you met at the bench";
                f.dedupeKey = "bench-" + std::to_string(i);
                followUps.insertIfAbsent(f);
            }
        }
        tx.commit();
    }
    std::string url = "http://127.0.0.1:" + std::to_string(server.port) + "/";
    setupSync(store, {url, "ana", "s3cret", "", false});
    SyncRoundOptions o;
    o.password = "s3cret";
    o.today = "2026-11-30";
    // Each request's wall time: the server's share of a round (the rest is Hallway's CPU and the database).
    std::vector<DavTiming> timings;
    o.afterRequest = [&](const DavTiming& t) { timings.push_back(t); };
    auto breakdown = [&](const char* round) {
        double total = 0;
        for (auto& t : timings) total += t.ms;
        info("%s: %zu requests, %.0f ms waiting for the server", round, timings.size(), total);
        for (auto& t : timings) {
            std::string path = t.url.substr(t.url.find('/', t.url.find("//") + 2));
            info("  %-10s %-40s %3ld %8zu bytes %9.1f ms", t.method.c_str(), path.c_str(), t.status, t.bytesSent, t.ms);
        }
        timings.clear();
    };
    auto t0 = Clock::now();
    std::clock_t c0 = std::clock();
    SyncRoundReport first = runSyncRound(store, o);
    double firstCpu = double(std::clock() - c0) * 1000.0 / CLOCKS_PER_SEC;
    double firstMs = msSince(t0);
    char note[200];
    std::snprintf(note, sizeof note, "%d cards, %d tasks, %d requests", first.peoplePushed, first.tasksPushed,
                  first.requests);
    Budget firstRound;
    firstRound.what = "sync first round to a local Radicale, 2,000 people + 500 follow-ups";
    firstRound.note = note;
    firstRound.figure = firstMs;
    firstRound.limit = 10000;
    firstRound.floorWhat = "Radicale storing and listing the same bodies for a bare client, 4 requests; "
                           "Hallway's own CPU " + std::to_string(int(firstCpu)) + " ms";
    try {
        DavClient reader(DavAccount{"ana", "s3cret", "", false});
        std::string cards, tasks;
        for (auto& col : SyncRepo(store).collections())
            (col.kind == "contacts" ? cards : tasks) = reader.expect2xx("GET", col.url).body;
        firstRound.floor = radicaleFloor(url + "ana/", cards, tasks);
    } catch (const std::exception& e) {
        firstRound.floorWhat = std::string("not measured: ") + e.what();
    }
    report(firstRound);
    breakdown("first round");
    std::vector<double> quiet, cpu, waits;
    int requests = 0;
    for (int r = 0; r < std::max(3, runs); ++r) {
        auto t1 = Clock::now();
        std::clock_t c1 = std::clock();
        SyncRoundReport q = runSyncRound(store, o);
        cpu.push_back(double(std::clock() - c1) * 1000.0 / CLOCKS_PER_SEC);
        quiet.push_back(msSince(t1));
        requests = q.requests;
        double waited = 0;
        for (auto& t : timings) waited += t.ms;
        waits.push_back(waited);
        timings.clear();
    }
    // The first of them lists the collections the first round wrote to once more; the others ask their CTags.
    std::snprintf(note, sizeof note,
                  "%zu rounds, %d requests in the last, median %.0f ms of it waiting for the server, slowest %.0f ms",
                  quiet.size(), requests, median(waits), *std::max_element(quiet.begin(), quiet.end()));
    Budget quietRound;
    quietRound.what = "sync round with nothing changed";
    quietRound.note = note;
    quietRound.figure = median(quiet);
    quietRound.floorWhat = "none: the server's work dominates; Hallway's own CPU " + std::to_string(int(median(cpu))) + " ms";
    quietRound.limit = 200;
    report(quietRound);
}

}  // namespace hallway::bench
