// The event's time zone across imports: kept on re-import, changed only by an
// explicit zone or the file's own, and a change reported as one summary.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include "core/time_util.h"
#include "services/import_service.h"
#include "store/agenda_repo.h"
#include "store/store.h"
#include "test_support.h"

using namespace hallway;
using hallway::testing::corpus;
using hallway::testing::testData;

namespace {

AgendaImportOptions withZone(const std::string& zone, const std::string& computer = "America/New_York") {
    AgendaImportOptions o;
    o.parse.timeZone = zone;
    o.fallbackZone = computer;
    return o;
}

const Session& bySource(const std::vector<Session>& list, const std::string& sourceId) {
    auto it = std::find_if(list.begin(), list.end(), [&](const Session& s) { return s.sourceId == sourceId; });
    REQUIRE(it != list.end());
    return *it;
}

bool hasWarning(const AgendaImportReport& r, const std::string& part) {
    return std::any_of(r.warnings.begin(), r.warnings.end(),
                       [&](const std::string& w) { return w.find(part) != std::string::npos; });
}

Instant at(int y, int mo, int d, int h, int mi, const std::string& zone) {
    return localToInstant({y, mo, d, h, mi, 0}, zone);
}

}  // namespace

TEST_CASE("a re-import without a zone keeps the event's zone and moves nothing", "[import][zone]") {
    Store store(":memory:");
    const std::string file = testData("zones/no_zone.xml");
    auto first = importAgendaFile(store, file, withZone("Europe/Brussels"));
    CHECK(first.timeZone == "Europe/Brussels");
    CHECK(first.zone.source == ZoneSource::Option);
    CHECK_FALSE(hasWarning(first, "names no time zone"));
    auto sessions = AgendaRepo(store).sessions(first.eventId);
    CHECK(bySource(sessions, "zl-0001").startsAt == at(2025, 2, 1, 10, 0, "Europe/Brussels"));

    // The computer is in New York: that must not matter to an event that has a zone.
    auto again = importAgendaFile(store, file, withZone(""));
    CHECK(again.eventId == first.eventId);
    CHECK(again.timeZone == "Europe/Brussels");
    CHECK(again.zone.source == ZoneSource::Event);
    CHECK_FALSE(again.zoneChange);
    CHECK(again.sessionsUnchanged == 3);
    CHECK(again.sessionsUpdated == 0);
    CHECK(again.changes.empty());
    CHECK(AgendaRepo(store).findEvent(first.eventId)->timeZone == "Europe/Brussels");
    CHECK(bySource(AgendaRepo(store).sessions(first.eventId), "zl-0001").startsAt ==
          at(2025, 2, 1, 10, 0, "Europe/Brussels"));
}

TEST_CASE("a re-import with another zone reports one summary, not a line per session", "[import][zone]") {
    Store store(":memory:");
    const std::string file = testData("zones/no_zone.xml");
    auto first = importAgendaFile(store, file, withZone("Europe/Brussels"));

    auto utc = importAgendaFile(store, file, withZone("UTC"));
    CHECK(utc.timeZone == "UTC");
    CHECK(AgendaRepo(store).findEvent(first.eventId)->timeZone == "UTC");
    REQUIRE(utc.zoneChange);
    CHECK(utc.zoneChange->from == "Europe/Brussels");
    CHECK(utc.zoneChange->to == "UTC");
    CHECK(utc.zoneChange->shifted == 3);
    CHECK(utc.zoneChange->matched == 3);
    CHECK(utc.zoneChange->shiftSeconds == 3600);  // 10:00 in Brussels is 09:00Z; 10:00Z is an hour later
    CHECK(utc.zoneChange->examples.size() == 3);
    CHECK(describeZoneChange(*utc.zoneChange) ==
          "all 3 times shifted by +1 h because the zone changed from Europe/Brussels to UTC");
    // No "moved" line per session: the summary stands for them.
    CHECK(std::none_of(utc.changes.begin(), utc.changes.end(),
                       [](const SessionChange& c) { return c.kind == SessionChange::Kind::Moved; }));
    CHECK(bySource(AgendaRepo(store).sessions(first.eventId), "zl-0001").startsAt == at(2025, 2, 1, 10, 0, "UTC"));

    // And back again without --tz: UTC stays.
    auto same = importAgendaFile(store, file, withZone(""));
    CHECK(same.timeZone == "UTC");
    CHECK_FALSE(same.zoneChange);
    CHECK(same.sessionsUnchanged == 3);
}

TEST_CASE("a zone change that also moves one session lists that move and summarises the rest", "[import][zone]") {
    Store store(":memory:");
    testing::TempDir dir;
    std::string v1 = testing::readFile(testData("zones/no_zone.xml"));
    testing::writeFile(dir.file("conf.xml"), v1);
    auto first = importAgendaFile(store, dir.file("conf.xml"), withZone("Europe/Brussels"));
    std::string v2 = v1;
    v2.replace(v2.find("<start>14:30</start>"), 20, "<start>16:00</start>");
    testing::writeFile(dir.file("conf.xml"), v2);

    auto r = importAgendaFile(store, dir.file("conf.xml"), withZone("Europe/London"));
    REQUIRE(r.zoneChange);
    CHECK(r.zoneChange->shifted == 2);
    CHECK(r.zoneChange->matched == 3);
    CHECK(describeZoneChange(*r.zoneChange) ==
          "2 of 3 times shifted by +1 h because the zone changed from Europe/Brussels to Europe/London");
    REQUIRE(r.changes.size() == 1);
    CHECK(r.changes[0].kind == SessionChange::Kind::Moved);
    CHECK(r.changes[0].sourceId == "zl-0002");
    CHECK(r.changes[0].after == "2025-02-01 16:00 Janson");
}

TEST_CASE("a first import of an agenda without a zone uses the computer's zone and says so", "[import][zone]") {
    Store store(":memory:");
    auto r = importAgendaFile(store, testData("zones/no_zone.xml"), withZone("", "America/New_York"));
    CHECK(r.timeZone == "America/New_York");
    CHECK(r.zone.source == ZoneSource::Fallback);
    CHECK(hasWarning(r, "the agenda names no time zone; times are read in America/New_York, the computer's zone"));
    CHECK(bySource(AgendaRepo(store).sessions(r.eventId), "zl-0001").startsAt ==
          at(2025, 2, 1, 10, 0, "America/New_York"));
}

TEST_CASE("offsets without a zone name: times kept, the event shown in a zone that has those offsets",
          "[import][zone][offsets]") {
    SECTION("the computer's zone fits and is chosen") {
        Store store(":memory:");
        auto r = importAgendaFile(store, testData("zones/offsets_no_name.json"), withZone("", "Europe/Berlin"));
        CHECK(r.timeZone == "Europe/Berlin");
        CHECK(r.zone.source == ZoneSource::Offsets);
        CHECK(hasWarning(r, "the agenda names no time zone but its times carry +01:00; shown in Europe/Berlin, "
                            "the computer's zone, which matches"));
        auto sessions = AgendaRepo(store).sessions(r.eventId);
        CHECK(bySource(sessions, "oc-1").startsAt == at(2019, 12, 27, 10, 0, "UTC"));
        CHECK(AgendaRepo(store).findEvent(r.eventId)->timeZone == "Europe/Berlin");
    }
    SECTION("elsewhere, a matching zone is suggested and picked") {
        Store store(":memory:");
        auto r = importAgendaFile(store, testData("zones/offsets_no_name.json"), withZone("", "Asia/Tokyo"));
        CHECK(r.timeZone != "UTC");
        CHECK(r.zone.suggestions.front() == r.timeZone);
        CHECK(std::count(r.zone.suggestions.begin(), r.zone.suggestions.end(), "Europe/Brussels") == 1);
        CHECK(std::count(r.zone.suggestions.begin(), r.zone.suggestions.end(), "Asia/Tokyo") == 0);
        CHECK(utcOffsetAt(at(2019, 12, 27, 10, 0, "UTC"), r.timeZone) == 3600);
        CHECK(bySource(AgendaRepo(store).sessions(r.eventId), "oc-1").startsAt == at(2019, 12, 27, 10, 0, "UTC"));
    }
    SECTION("a zone the file names but its offsets contradict is not believed") {
        Store store(":memory:");
        auto r = importAgendaFile(store, testData("zones/offsets_says_utc.json"), withZone("", "Europe/Paris"));
        CHECK(r.timeZone == "Europe/Paris");
        CHECK(hasWarning(r, "the file names UTC but its times carry +01:00; shown in Europe/Paris"));
        CHECK_FALSE(hasWarning(r, "names no time zone"));
    }
    SECTION("an explicit zone wins, with a warning when the offsets disagree") {
        Store store(":memory:");
        auto r = importAgendaFile(store, testData("zones/offsets_no_name.json"), withZone("America/Chicago"));
        CHECK(r.timeZone == "America/Chicago");
        CHECK(hasWarning(r, "which America/Chicago does not have on those dates"));
        CHECK(bySource(AgendaRepo(store).sessions(r.eventId), "oc-1").startsAt == at(2019, 12, 27, 10, 0, "UTC"));
    }
}

TEST_CASE("zones matching offsets put the preferred zone and its area first", "[time][zone]") {
    std::vector<std::pair<Instant, int>> winter{{at(2019, 12, 27, 10, 0, "UTC"), 3600}};
    auto fromBerlin = zonesMatchingOffsets(winter, "Europe/Berlin");
    REQUIRE(fromBerlin.size() > 5);
    CHECK(fromBerlin.front() == "Europe/Berlin");
    CHECK(fromBerlin[1].rfind("Europe/", 0) == 0);
    CHECK(std::count(fromBerlin.begin(), fromBerlin.end(), "Africa/Lagos") == 1);
    // Winter and summer offsets together rule out zones without that DST.
    std::vector<std::pair<Instant, int>> both{winter[0], {at(2019, 7, 1, 10, 0, "UTC"), 7200}};
    auto dst = zonesMatchingOffsets(both, "Asia/Tokyo");
    CHECK(std::count(dst.begin(), dst.end(), "Africa/Lagos") == 0);
    CHECK(std::count(dst.begin(), dst.end(), "Europe/Paris") == 1);
    CHECK(isoOffsetSeconds("2019-12-27T11:00:00+01:00") == 3600);
    CHECK(isoOffsetSeconds("2019-12-27T11:00:00-0530") == -19800);
    CHECK_FALSE(isoOffsetSeconds("2019-12-27T11:00:00Z"));
    CHECK_FALSE(isoOffsetSeconds("2019-12-27T11:00:00"));
    CHECK_FALSE(isoOffsetSeconds("2019-12-27"));
}

TEST_CASE("pretalx democon: the file says UTC, its times say +01:00", "[import][zone][corpus]") {
    const std::string file = corpus("agenda/voc_pretalx-democon.json");
    if (!std::filesystem::exists(file)) {
        WARN("corpus file absent, not checked: " << file);
        return;
    }
    Store store(":memory:");
    auto r = importAgendaFile(store, file, withZone("", "Europe/Amsterdam"));
    CHECK(r.sessionsTotal == 36);
    CHECK(r.timeZone == "Europe/Amsterdam");
    CHECK(r.zone.source == ZoneSource::Offsets);
    CHECK(hasWarning(r, "the file names UTC but its times carry +01:00"));
}
