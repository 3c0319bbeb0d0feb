// The app's sync worker: rounds on its own thread and connection; the frame
// only reads a snapshot for the status line.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <thread>

#include "dav_server.h"
#include "services/dav_client.h"
#include "services/sync_service.h"
#include "store/people_repo.h"
#include "store/store.h"
#include "test_support.h"
#include "ui/sync_worker.h"

using namespace hallway;
using hallway::testing::DavServer;
using hallway::testing::TempDir;
using hallway::ui::SyncWorker;

namespace {

// Waits (at most 30 s) until a round started after `after` has finished.
SyncWorker::Snapshot settled(SyncWorker& w, std::function<bool(const SyncWorker::Snapshot&)> done) {
    for (int i = 0; i < 600; ++i) {
        auto s = w.snapshot();
        if (s.checked && !s.running && done(s)) return s;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    FAIL("the sync worker did not finish a round in 30 s");
    return {};
}

}  // namespace

TEST_CASE("the sync worker runs a round at start and on demand, and reports failures for the status line",
          "[ui][sync]") {
    TempDir dir;
    DavServer server("radicale", dir.file("dav"));
    setenv("HALLWAY_SYNC_PASSWORD", DavServer::kPassword, 1);
    std::string db = dir.file("h.db");
    {
        Store store(db);
        Person p;
        p.displayName = "Ana Lima";
        p.source = "typed";
        PeopleRepo(store).create(p);
        setupSync(store, {server.url("/"), DavServer::kUser, DavServer::kPassword, "", false});
    }
    int wakes = 0;
    SyncWorker worker(db, std::chrono::hours(1), [&] { ++wakes; });
    auto first = settled(worker, [](auto& s) { return s.lastOk != 0; });
    CHECK(first.configured);
    CHECK(first.error.empty());
    CHECK(SyncWorker::statusText(first, "UTC").rfind("Synced ", 0) == 0);
    CHECK(wakes >= 1);
    {
        Store store(db);
        CHECK(syncStatus(store).counts.people == 1);
    }

    // A card added on the phone: the next round on demand brings it, and the views are told.
    DavClient phone(DavAccount{DavServer::kUser, DavServer::kPassword, "", false});
    std::string book;
    {
        Store store(db);
        for (auto& c : syncStatus(store).collections)
            if (c.kind == "contacts") book = c.url;
    }
    phone.expect2xx("PUT", book + "bo.vcf",
                    "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:bo\r\nFN:Bo Chen\r\nN:Chen;Bo;;;\r\nEND:VCARD\r\n",
                    {"Content-Type: text/vcard"});
    worker.requestNow();
    auto second = settled(worker, [&](auto& s) { return s.dataVersion > first.dataVersion; });
    CHECK(second.error.empty());
    {
        Store store(db);
        CHECK(PeopleRepo(store).count() == 2);
    }

    server.crash();
    worker.requestNow();
    auto failed = settled(worker, [](auto& s) { return !s.error.empty(); });
    CHECK(failed.error.find("cannot connect") != std::string::npos);
    CHECK(SyncWorker::statusText(failed, "UTC").rfind("Sync failed: cannot connect", 0) == 0);
    unsetenv("HALLWAY_SYNC_PASSWORD");
}

TEST_CASE("the sync worker with nothing linked says nothing in the status line", "[ui][sync]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    { Store store(db); }
    SyncWorker worker(db, std::chrono::hours(1), {});
    auto s = settled(worker, [](auto&) { return true; });
    CHECK_FALSE(s.configured);
    CHECK(SyncWorker::statusText(s, "UTC").empty());
}
