#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "agenda_server.h"
#include "services/http_fetch.h"
#include "services/url_import.h"
#include "store/agenda_repo.h"
#include "store/people_repo.h"
#include "store/sources_repo.h"
#include "store/store.h"
#include "test_support.h"

using namespace hallway;
using hallway::testing::AgendaServer;
using hallway::testing::TempDir;
using hallway::testing::testData;

namespace {

UrlFetchSettings local() {
    UrlFetchSettings s;
    s.allowHttp = true;
    s.totalTimeoutSeconds = 20;
    return s;
}

std::string sourceIdsAndSlots(Store& store, RowId eventId) {
    std::string out;
    for (const auto& s : AgendaRepo(store).sessions(eventId))
        out += s.sourceId + "@" + std::to_string(s.startsAt) + s.room + (s.starred ? "*" : "") + ";";
    return out;
}

RowId sessionBySource(Store& store, RowId eventId, const std::string& sourceId) {
    for (const auto& s : AgendaRepo(store).sessions(eventId))
        if (s.sourceId == sourceId) return s.id;
    return 0;
}

}  // namespace

TEST_CASE("an agenda by URL: first import, 304 when unchanged, a moved starred session reported once",
          "[core][url]") {
    AgendaServer server({testData("reimport/v1.xml"), testData("reimport/v2.xml")});
    TempDir dir;
    Store store(dir.file("h.db"));
    std::string url = server.url("/schedule.xml");

    UrlImportResult first = importAgendaUrl(store, url, {}, local());
    REQUIRE_FALSE(first.notModified);
    CHECK(first.report.eventCreated);
    CHECK(first.report.sessionsAdded == 5);
    CHECK(first.eventName == "Hallway Test Conf");
    auto source = SourcesRepo(store).find(first.eventId);
    REQUIRE(source);
    CHECK(source->url == url);
    CHECK(source->etag == "\"v1\"");
    CHECK(source->lastModified == "Sat, 01 Feb 2025 00:00:00 GMT");
    CHECK(source->error.empty());
    CHECK(AgendaRepo(store).findEvent(first.eventId)->sourceFile == url);

    // Same URL again: one conditional request answered 304, nothing imported.
    UrlImportResult again = importAgendaUrl(store, url, {}, local());
    CHECK(again.notModified);
    CHECK(again.eventId == first.eventId);
    CHECK(server.stats() == R"({"full": 1, "not_modified": 1})");

    RowId rust = sessionBySource(store, first.eventId, "aaaa-0002");
    REQUIRE(rust != 0);
    AgendaRepo(store).setStarred(rust, true);

    auto unchanged = refreshEvents(store, std::nullopt, {});
    REQUIRE(unchanged.size() == 1);
    CHECK(unchanged[0].status == RefreshOutcome::Status::NotModified);

    server.setVersion(2);
    auto moved = refreshEvents(store, first.eventId, {});
    REQUIRE(moved.size() == 1);
    REQUIRE(moved[0].status == RefreshOutcome::Status::Imported);
    int movedRust = 0;
    for (const auto& c : moved[0].report.changes)
        if (c.kind == SessionChange::Kind::Moved && c.sessionId == rust) {
            ++movedRust;
            CHECK(c.before == "2025-02-01 11:00 Janson");
            CHECK(c.after == "2025-02-01 12:00 K.1.105");
        }
    CHECK(movedRust == 1);
    CHECK(moved[0].report.sessionsRemoved == 1);
    CHECK(AgendaRepo(store).findSession(rust)->starred);
    CHECK(SourcesRepo(store).find(first.eventId)->etag == "\"v2\"");

    // The move is reported once: the next refresh is a 304.
    auto after = refreshEvents(store, std::nullopt, {});
    REQUIRE(after.size() == 1);
    CHECK(after[0].status == RefreshOutcome::Status::NotModified);
    CHECK(server.stats() == R"({"full": 2, "not_modified": 3})");
}

TEST_CASE("a server without ETags sending the same agenda again: unchanged, nothing parsed or written",
          "[core][url]") {
    AgendaServer server({testData("reimport/v1.xml"), testData("reimport/v2.xml")});
    TempDir dir;
    Store store(dir.file("h.db"));
    const std::string url = server.url("/plain.xml");
    UrlImportResult first = importAgendaUrl(store, url, {}, local());
    REQUIRE_FALSE(first.notModified);
    auto source = SourcesRepo(store).find(first.eventId);
    REQUIRE(source);
    CHECK(source->etag.empty());
    CHECK(source->lastModified.empty());
    const Instant importedAt = AgendaRepo(store).findEvent(first.eventId)->importedAt;
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // importedAt has whole seconds

    // The whole body again, byte for byte: reported as not modified, the import not run.
    auto outcomes = refreshEvents(store, first.eventId, local());
    REQUIRE(outcomes.size() == 1);
    CHECK(outcomes[0].status == RefreshOutcome::Status::NotModified);
    CHECK(outcomes[0].report.sessionsUnchanged == 0);  // no import report: nothing was compared
    CHECK(server.stats() == R"({"full": 2, "not_modified": 0})");
    CHECK(AgendaRepo(store).findEvent(first.eventId)->importedAt == importedAt);
    CHECK(SourcesRepo(store).find(first.eventId)->error.empty());

    // A changed body imports as usual, with its changes.
    server.setVersion(2);
    outcomes = refreshEvents(store, first.eventId, local());
    REQUIRE(outcomes.size() == 1);
    CHECK(outcomes[0].status == RefreshOutcome::Status::Imported);
    CHECK_FALSE(outcomes[0].report.changes.empty());

    // An explicit zone reads the same bytes differently, so it imports even when they did not change.
    AgendaImportOptions zoned;
    zoned.event = std::to_string(first.eventId);
    zoned.parse.timeZone = "Europe/Lisbon";
    UrlImportResult again = importAgendaUrl(store, url, zoned, local());
    CHECK_FALSE(again.notModified);
}

TEST_CASE("a failed, truncated, too large or non-agenda download leaves the stored agenda as it was",
          "[core][url]") {
    AgendaServer server({testData("reimport/v1.xml")});
    TempDir dir;
    Store store(dir.file("h.db"));
    UrlImportResult first = importAgendaUrl(store, server.url("/schedule.xml"), {}, local());
    RowId eventId = first.eventId;
    AgendaRepo(store).setStarred(sessionBySource(store, eventId, "aaaa-0001"), true);
    std::string before = sourceIdsAndSlots(store, eventId);
    AgendaImportOptions intoEvent;
    intoEvent.event = std::to_string(eventId);

    auto failsWith = [&](const std::string& path, const std::string& reason, UrlFetchSettings settings) {
        INFO(path);
        std::string url = server.url(path);
        try {
            importAgendaUrl(store, url, intoEvent, settings);
            FAIL("no error for " << path);
        } catch (const std::exception& e) {
            std::string message = e.what();
            CHECK_THAT(message, Catch::StartsWith(url));
            CHECK_THAT(message, Catch::Contains(reason));
        }
        CHECK(sourceIdsAndSlots(store, eventId) == before);
    };
    failsWith("/missing.xml", "HTTP 404", local());
    failsWith("/truncated.xml", "cut short", local());
    failsWith("/huge.xml", "more than 64 MiB", local());
    UrlFetchSettings small = local();
    small.maxBytes = 1 << 20;  // the stream has no Content-Length: refused while it arrives
    failsWith("/stream.xml", "larger than 1 MiB", small);
    failsWith("/not-agenda.xml", "", local());
    failsWith("/loop.xml", "redirects", local());

    // The failure is on the event for the top bar; the validators stay.
    auto source = SourcesRepo(store).find(eventId);
    REQUIRE(source);
    CHECK_THAT(source->error, Catch::Contains("redirects"));
    CHECK(source->etag == "\"v1\"");
}

TEST_CASE("an agenda URL behind a redirect imports - plain http needs allowing", "[core][url]") {
    AgendaServer server({testData("reimport/v1.xml")});
    TempDir dir;
    Store store(dir.file("h.db"));
    UrlImportResult r = importAgendaUrl(store, server.url("/moved.xml"), {}, local());
    CHECK(r.report.sessionsAdded == 5);
    CHECK(SourcesRepo(store).find(r.eventId)->url == server.url("/moved.xml"));

    UrlFetchSettings strict;
    CHECK_THROWS_WITH(importAgendaUrl(store, server.url("/schedule.xml"), {}, strict),
                      Catch::Contains("plain http:// is not encrypted"));
    CHECK(server.stats() == R"({"full": 1, "not_modified": 0})");  // refused before any request
    CHECK_THROWS_WITH(refreshEvents(store, RowId(999), {}), Catch::Contains("was not imported from a URL"));
}

TEST_CASE("no network and TLS failures are named", "[core][url]") {
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    FetchRequest refused;
    refused.url = "http://127.0.0.1:1/schedule.xml";
    refused.allowHttp = true;
    CHECK_THROWS_WITH(fetchUrl(refused), Catch::Contains("cannot connect"));

    // TLS to a plain-HTTP server fails the handshake.
    AgendaServer server({testData("reimport/v1.xml")});
    FetchRequest tls;
    tls.url = "https" + server.url("/schedule.xml").substr(4);
    tls.totalTimeoutSeconds = 10;
    CHECK_THROWS_WITH(fetchUrl(tls), Catch::Contains("TLS"));
    CHECK(isHttpUrl("HTTPS://example.org/x.ics"));
    CHECK_FALSE(isHttpUrl("schedule.xml"));
}

TEST_CASE("a refresh's changes to a target's talk are watched, other sessions' are not", "[core][url]") {
    AgendaServer server({testData("reimport/v1.xml"), testData("reimport/v2.xml")});
    TempDir dir;
    Store store(dir.file("h.db"));
    RowId eventId = importAgendaUrl(store, server.url("/schedule.xml"), {}, local()).eventId;
    PeopleRepo people(store);
    auto cy = people.list({"Cy Diaz", "", 1});
    REQUIRE(cy.size() == 1);
    Target t;
    t.eventId = eventId;
    t.personId = cy[0].id;
    people.upsertTarget(t);

    server.setVersion(2);
    auto refreshed = refreshEvents(store, eventId, {});
    REQUIRE(refreshed.size() == 1);
    REQUIRE(refreshed[0].status == RefreshOutcome::Status::Imported);
    // v2 moves "Rust in the kernel" (not starred here), retitles Cy's talk, removes another.
    auto watched = watchedChanges(store, eventId, refreshed[0].report.changes);
    REQUIRE(watched.size() == 1);
    CHECK_FALSE(watched[0].starred);
    CHECK(watched[0].targetName == "Cy Diaz");
    CHECK(watched[0].change.kind == SessionChange::Kind::Retitled);
    CHECK(describeWatchedChange(watched[0]) ==
          "Cy Diaz's talk has a new title: \u201cPackaging for humans, revisited\u201d (was \u201cPackaging for humans\u201d)");
}
