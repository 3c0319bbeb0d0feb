#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "core/text.h"
#include "core/time_util.h"
#include "formats/agenda.h"

using namespace hallway;

namespace {

std::string readData(const std::string& name) {
    std::ifstream in(std::string(HALLWAY_TEST_DATA_DIR) + "/sessionize/" + name, std::ios::binary);
    REQUIRE(in);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

Instant utc(int y, int mo, int d, int h, int mi) { return localToInstant({y, mo, d, h, mi, 0}, "UTC"); }

AgendaParseOptions berlin() {
    AgendaParseOptions options;
    options.timeZone = "Europe/Berlin";
    return options;
}

const AgendaSession& byId(const Agenda& agenda, const std::string& id) {
    auto it = std::find_if(agenda.sessions.begin(), agenda.sessions.end(),
                           [&](const AgendaSession& s) { return s.sourceId == id; });
    REQUIRE(it != agenda.sessions.end());
    return *it;
}

bool hasWarning(const Agenda& agenda, const std::string& part) {
    return std::any_of(agenda.warnings.begin(), agenda.warnings.end(),
                       [&](const std::string& w) { return w.find(part) != std::string::npos; });
}

FormatError sessionizeError(const std::string& json, const AgendaParseOptions& options = {}) {
    try {
        parseAgenda(json, "s.json", "sessionize", options);
    } catch (const FormatError& e) {
        return e;
    }
    FAIL("expected a FormatError");
    throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("Sessionize All data: sessions, speakers, rooms, categories", "[sessionize]") {
    Agenda agenda = parseAgenda(readData("all_data.json"), "all_data.json", "auto", berlin());
    CHECK(agenda.format == "sessionize");
    CHECK(agenda.timeZone == "Europe/Berlin");
    REQUIRE(agenda.sessions.size() == 4);  // 1004 is unscheduled
    CHECK(agenda.sessions[0].sourceId == "1001");
    CHECK(agenda.sessions[1].sourceId == "1002");
    CHECK(agenda.sessions[2].sourceId == "svc-lunch");
    CHECK(agenda.sessions[3].sourceId == "1005");

    const AgendaSession& a = byId(agenda, "1001");
    CHECK(a.line == 4);
    CHECK(a.title == "Ünïcödé in Zürich — 日本語のトーク");  // inner double space collapsed
    CHECK(a.description == "Über \"Encodings\", naïvely.\nSecond line: Ελληνικά.");
    CHECK(a.room == "Saal Ü1");
    CHECK(a.track == "Cloud");
    CHECK(a.type == "Workshop");
    CHECK(a.url == "https://example.org/rec/1001");
    REQUIRE(a.speakers.size() == 1);
    CHECK(a.speakers[0].name == "Ana Lima-Ñúñez");
    CHECK(a.speakers[0].sourceId == "6f1c1a7e-0000-4000-8000-00000000a0a0");

    const AgendaSession& b = byId(agenda, "1002");
    CHECK(b.line == 22);
    CHECK(b.title == "Ελληνικά και Кириллица");
    CHECK(b.room == "会議室 A");
    CHECK(b.track == "Beginner");  // no Track category: the first item
    CHECK(b.type.empty());
    CHECK(b.url == "https://example.org/live/2");
    REQUIRE(b.speakers.size() == 1);
    CHECK(b.speakers[0].name == "Βασίλης Παπαδόπουλος");
    CHECK(hasWarning(agenda, "22: session '1002' names unknown speaker id 'deadbeef-not-a-speaker'"));

    const AgendaSession& lunch = byId(agenda, "svc-lunch");
    CHECK(lunch.line == 40);
    CHECK(lunch.type == "service");
    CHECK(lunch.room.empty());
    CHECK(lunch.speakers.empty());
    CHECK(lunch.startsAt == utc(2024, 5, 1, 10, 0));  // 12:00 CEST
    CHECK(lunch.endsAt == utc(2024, 5, 1, 11, 0));

    const AgendaSession& c = byId(agenda, "1005");
    CHECK(c.line == 75);
    CHECK(c.description == "padded");
    CHECK(c.type == "Talk");
    CHECK(c.track == "Beginner");
    CHECK(c.room.empty());
    REQUIRE(c.speakers.size() == 2);
    CHECK(c.speakers[0].name == "Кирилл Иванов");  // no fullName: first + last
    CHECK(c.speakers[1].name == "山田 太郎");
    CHECK(hasWarning(agenda, "75: session '1005' refers to unknown room id 99"));

    CHECK(hasWarning(agenda, "58: session '1004' has no start time"));
    CHECK_FALSE(hasWarning(agenda, "times have no zone"));  // --tz was given
    for (const auto& s : agenda.sessions) CHECK(text::isValidUtf8(s.title));
}

TEST_CASE("Sessionize times across Europe/Berlin DST changes", "[sessionize]") {
    Agenda agenda = parseAgenda(readData("all_data.json"), "all_data.json", "sessionize", berlin());
    // 27 Oct 2024: 01:30 CEST to 03:30 CET is three hours.
    const AgendaSession& fallBack = byId(agenda, "1001");
    CHECK(fallBack.startsAt == utc(2024, 10, 26, 23, 30));
    CHECK(fallBack.endsAt == utc(2024, 10, 27, 2, 30));
    // 31 Mar 2024: 02:30 does not exist; it resolves to 03:30 CEST.
    const AgendaSession& springForward = byId(agenda, "1002");
    CHECK(springForward.startsAt == utc(2024, 3, 31, 1, 30));
    CHECK(springForward.endsAt == utc(2024, 3, 31, 2, 0));
}

TEST_CASE("Sessionize without --tz reads times in the system zone and marks them as wall clock", "[sessionize]") {
    Agenda agenda = parseAgenda(readData("all_data.json"), "all_data.json", "sessionize", {});
    std::string zone = systemTimeZone();
    CHECK(agenda.timeZone == zone);
    CHECK(agenda.readInZone == zone);
    CHECK(agenda.wallClockTimes > 0);
    CHECK(agenda.fileTimeZone.empty());
    const AgendaSession& lunch = byId(agenda, "svc-lunch");
    CHECK(lunch.startsAt == localToInstant({2024, 5, 1, 12, 0, 0}, zone));
}

TEST_CASE("Sessionize times with an offset are not wall clock and their offset is kept", "[sessionize]") {
    std::string json = R"({"sessions":[{"id":"1","title":"T","startsAt":"2024-05-01T09:00:00Z","endsAt":"2024-05-01T10:00:00+01:00"}]})";
    Agenda agenda = parseAgenda(json, "s.json", "sessionize", {});
    REQUIRE(agenda.sessions.size() == 1);
    CHECK(agenda.sessions[0].startsAt == utc(2024, 5, 1, 9, 0));
    CHECK(agenda.sessions[0].endsAt == utc(2024, 5, 1, 9, 0));
    CHECK(agenda.wallClockTimes == 0);
    REQUIRE(agenda.offsets.size() == 1);  // "Z" names no offset, "+01:00" does
    CHECK(agenda.offsets[0].offsetSeconds == 3600);
    CHECK(agenda.offsets[0].at == utc(2024, 5, 1, 9, 0));
}

TEST_CASE("Sessionize schedule grid shape", "[sessionize]") {
    Agenda agenda = parseAgenda(readData("grid.json"), "grid.json", "auto", berlin());
    CHECK(agenda.format == "sessionize");
    REQUIRE(agenda.sessions.size() == 4);  // the plenum opening is listed in two rooms, kept once

    const AgendaSession& opening = agenda.sessions[0];
    CHECK(opening.sourceId == "501");
    CHECK(opening.line == 11);
    CHECK(opening.title == "Opening: Добро пожаловать");
    CHECK(opening.room == "Main Hall");
    CHECK(opening.track == "Keynote");
    REQUIRE(opening.speakers.size() == 1);
    CHECK(opening.speakers[0].name == "Μαρία Κ.");
    CHECK(opening.speakers[0].sourceId == "aa11");

    const AgendaSession& rust = agenda.sessions[1];
    CHECK(rust.sourceId == "502");
    CHECK(rust.line == 31);
    CHECK(rust.title == "日本語 and Rust");
    CHECK(rust.type == "Lightning");
    CHECK(rust.track == "Systems");
    REQUIRE(rust.speakers.size() == 2);
    CHECK(rust.speakers[0].name == "佐藤 花子");
    CHECK(rust.speakers[1].name == "Jörg Ünal");
    CHECK(rust.startsAt == utc(2024, 5, 1, 8, 0));

    const AgendaSession& coffee = agenda.sessions[2];
    CHECK(coffee.sourceId == "sv1");
    CHECK(coffee.line == 77);
    CHECK(coffee.type == "service");
    CHECK(coffee.room == "Room B");  // null "room": the enclosing room's name

    const AgendaSession& dayTwo = agenda.sessions[3];
    CHECK(dayTwo.sourceId == "601");
    CHECK(dayTwo.line == 116);
    CHECK(dayTwo.startsAt == utc(2024, 5, 2, 9, 0));
}

TEST_CASE("Sessionize schedule grid days become the agenda's days, night included", "[sessionize][days]") {
    Agenda agenda = parseAgenda(readData("grid_days.json"), "grid_days.json", "auto", berlin());
    CHECK(agenda.format == "sessionize");
    // The plenum keynote is listed in both rooms and kept once; the timeSlots' copies are not sessions.
    REQUIRE(agenda.sessions.size() == 6);
    CHECK(std::count_if(agenda.sessions.begin(), agenda.sessions.end(),
                        [](const AgendaSession& s) { return s.sourceId == "901"; }) == 1);
    CHECK(byId(agenda, "901").room == "Main Hall");
    CHECK(byId(agenda, "a7c3e1f0-lunch").type == "service");
    CHECK(byId(agenda, "902").endsAt == utc(2025, 3, 14, 23, 30));  // 00:30 Berlin, past midnight

    REQUIRE(agenda.days.size() == 3);
    CHECK(agenda.days[0].index == 1);
    CHECK(agenda.days[1].index == 2);
    CHECK(agenda.days[2].index == 3);
    // Day 1 runs from 05:00 on the 14th to the start of the grid's 05:30 run the next morning.
    CHECK(agenda.days[0].startsAt == utc(2025, 3, 14, 4, 0));
    CHECK(agenda.days[0].endsAt == utc(2025, 3, 15, 4, 30));
    CHECK(agenda.days[1].startsAt == utc(2025, 3, 15, 4, 30) + 1);
    CHECK(agenda.days[2].startsAt == utc(2025, 3, 16, 4, 0));
    CHECK(agenda.days[2].endsAt == utc(2025, 3, 17, 4, 0));

    std::vector<ScheduleDay> days = normalizeScheduleDays(agenda.days, "Europe/Berlin");
    REQUIRE(days.size() == 3);
    CHECK(days[0].date == "2025-03-14");
    AgendaDayTime run = agendaDayTime(byId(agenda, "903").startsAt, "Europe/Berlin", days);
    CHECK(run.day == "2025-03-14");  // the 05:00 rule alone would put it on the 15th
    CHECK(run.number == 1);
    CHECK(agendaDayTime(byId(agenda, "902").startsAt, "Europe/Berlin", days).number == 1);
    CHECK(agendaDayTime(byId(agenda, "911").startsAt, "Europe/Berlin", days).number == 2);
}

TEST_CASE("Sessionize grid days follow the zone the times are read in", "[sessionize][days]") {
    AgendaParseOptions tokyo;
    tokyo.timeZone = "Asia/Tokyo";
    Agenda agenda = parseAgenda(readData("grid_days.json"), "grid_days.json", "sessionize", tokyo);
    REQUIRE(agenda.days.size() == 3);
    CHECK(agenda.days[0].startsAt == utc(2025, 3, 13, 20, 0));  // 05:00 in Tokyo
    CHECK(agenda.wallClockTimes > 0);  // so a re-import in another zone reads them again
}

TEST_CASE("a Sessionize grid day without a usable date falls back to the 05:00 days", "[sessionize][days]") {
    std::string json = R"([
  {"date": "2025-03-14T00:00:00", "rooms": [{"id": 1, "name": "A", "sessions": [
    {"id": "1", "title": "One", "startsAt": "2025-03-14T10:00:00", "endsAt": "2025-03-14T11:00:00"}]}]},
  {"date": "soon", "rooms": [{"id": 1, "name": "A", "sessions": [
    {"id": "2", "title": "Two", "startsAt": "2025-03-15T10:00:00", "endsAt": "2025-03-15T11:00:00"}]}]}
])";
    Agenda agenda = parseAgenda(json, "grid.json", "sessionize", berlin());
    CHECK(agenda.sessions.size() == 2);
    CHECK(agenda.days.empty());
    CHECK(hasWarning(agenda, "4: [1].date 'soon' is not a date; the grid's days are not used"));

    // The "Sessions" list (groups without dates) defines no days.
    std::string groups = R"([{"groupId": null, "groupName": "All", "sessions": [
    {"id": "1", "title": "One", "startsAt": "2025-03-14T10:00:00", "endsAt": "2025-03-14T11:00:00", "room": "A"}]}])";
    Agenda list = parseAgenda(groups, "sessions.json", "sessionize", berlin());
    CHECK(list.sessions.size() == 1);
    CHECK(list.days.empty());
}

TEST_CASE("Sessionize duplicate ids are kept apart or folded", "[sessionize]") {
    Agenda agenda = parseAgenda(readData("dup_ids.json"), "dup_ids.json", "sessionize", berlin());
    REQUIRE(agenda.sessions.size() == 4);
    CHECK(agenda.sessions[0].sourceId == "7");
    CHECK(agenda.sessions[0].title == "First seven");
    CHECK_THAT(agenda.sessions[1].sourceId, Catch::Matches("7~[0-9a-f]{8}"));  // suffix from title, start, room
    CHECK(agenda.sessions[1].title == "Second seven");
    CHECK(agenda.sessions[2].sourceId == "8");
    CHECK(agenda.sessions[3].sourceId == "9");  // numeric id
    CHECK(agenda.sessions[3].line == 6);
    CHECK(hasWarning(agenda, "line 3: session id '7' is already used by line 2"));
    CHECK(hasWarning(agenda, "line 5: session id '8' repeats line 4 with the same content"));
}

TEST_CASE("Sessionize JSON syntax errors name the line", "[sessionize]") {
    std::string json =
        "{\n"
        "  \"sessions\": [\n"
        "    {\"id\": \"1\", \"title\": \"A\"\n"
        "     \"startsAt\": \"2024-05-01T09:00:00\"}\n"
        "  ]\n"
        "}\n";
    FormatError e = sessionizeError(json);
    CHECK(e.line() == 4);
    CHECK(e.reason().find("invalid JSON") == 0);
    CHECK(std::string(e.what()).rfind("s.json:4: invalid JSON", 0) == 0);

    FormatError truncated = sessionizeError("{\"sessions\": [\n{\"id\": \"1\",\n");
    CHECK(truncated.line() == 3);
}

TEST_CASE("Sessionize structural errors", "[sessionize]") {
    SECTION("no sessions key") {
        FormatError e = sessionizeError("{\"speakers\": [], \"rooms\": []}");
        CHECK(e.line() == 1);
        CHECK(e.reason().find("\"sessions\"") != std::string::npos);
    }
    SECTION("sessions is not a list") {
        FormatError e = sessionizeError("{\n\"sessions\": {\"id\": 1}\n}");
        CHECK(e.line() == 2);
        CHECK(e.reason() == "sessions: expected a list, found an object");
    }
    SECTION("wrong type names the JSON path and the field's line") {
        std::string json =
            "{\"sessions\": [\n"
            "  {\"id\": \"1\", \"title\": \"A\", \"startsAt\": \"2024-05-01T09:00:00\"},\n"
            "  {\"id\": \"2\",\n"
            "   \"title\": \"B\",\n"
            "   \"startsAt\": 1714554000}\n"
            "]}";
        FormatError e = sessionizeError(json, berlin());
        CHECK(e.line() == 5);
        CHECK(e.reason() == "sessions[1].startsAt: expected text, found a number");
    }
    SECTION("wrong type of a speaker list") {
        std::string json = "{\"sessions\": [{\"id\": \"1\", \"title\": \"A\", \"startsAt\": \"2024-05-01T09:00:00\", \"speakers\": \"Ana\"}]}";
        FormatError e = sessionizeError(json, berlin());
        CHECK(e.line() == 1);
        CHECK(e.reason() == "sessions[0].speakers: expected a list, found text");
    }
    SECTION("a session that is not an object") {
        FormatError e = sessionizeError("{\"sessions\": [42]}", berlin());
        CHECK(e.reason() == "sessions[0]: expected an object, found a number");
    }
    SECTION("a bad date names session, field and value") {
        std::string json =
            "{\"sessions\": [\n"
            "  {\"id\": \"77\", \"title\": \"A\",\n"
            "   \"startsAt\": \"2024-05-01T09:00:00\",\n"
            "   \"endsAt\": \"2024-05-01T25:00:00\"}\n"
            "]}";
        FormatError e = sessionizeError(json, berlin());
        CHECK(e.line() == 4);
        CHECK(e.reason() == "session '77': endsAt '2024-05-01T25:00:00' is not a date-time");
    }
    SECTION("no sessions at all") {
        CHECK(sessionizeError("{\"sessions\": []}").reason() == "no sessions found");
        CHECK(sessionizeError("[]").reason() == "no sessions found");
    }
    SECTION("nothing scheduled yet") {
        FormatError e = sessionizeError("{\"sessions\": [{\"id\": \"1\", \"title\": \"A\", \"startsAt\": null}]}");
        CHECK(e.reason().find("no scheduled sessions") == 0);
    }
    SECTION("a top-level scalar") {
        CHECK(sessionizeError("\"sessions\"").reason().find("found text") != std::string::npos);
    }
    SECTION("an unknown zone") {
        AgendaParseOptions options;
        options.timeZone = "Mars/Olympus_Mons";
        CHECK(sessionizeError("{\"sessions\": []}", options).reason().find("unknown time zone") == 0);
    }
}

TEST_CASE("Sessionize null reads as missing", "[sessionize]") {
    std::string json =
        R"({"sessions":[{"id":"1","title":"T","description":null,"startsAt":"2024-05-01T09:00:00","endsAt":null,)"
        R"("speakers":null,"categoryItems":null,"roomId":null,"isServiceSession":null}],"speakers":null,"rooms":null,"categories":null})";
    Agenda agenda = parseAgenda(json, "s.json", "sessionize", berlin());
    REQUIRE(agenda.sessions.size() == 1);
    CHECK(agenda.sessions[0].endsAt == agenda.sessions[0].startsAt);
    CHECK(hasWarning(agenda, "session '1' has no end time"));
    CHECK(agenda.sessions[0].type.empty());
}

TEST_CASE("Sessionize caps huge fields at 1 MiB on a character boundary", "[sessionize]") {
    std::string big;
    while (big.size() < (size_t(3) << 19)) big += "日本語";  // 3-byte characters, 1.5 MiB
    std::string json = "{\"sessions\":[{\"id\":\"1\",\"title\":\"T\",\"description\":\"" + big +
                       "\",\"startsAt\":\"2024-05-01T09:00:00\",\"endsAt\":\"2024-05-01T10:00:00\"}]}";
    Agenda agenda = parseAgenda(json, "s.json", "sessionize", berlin());
    REQUIRE(agenda.sessions.size() == 1);
    const std::string& d = agenda.sessions[0].description;
    CHECK(d.size() <= (size_t(1) << 20));
    CHECK(d.size() > (size_t(1) << 20) - 4);
    CHECK(text::isValidUtf8(d));
    CHECK(hasWarning(agenda, "description is longer than 1 MiB; truncated"));
}

TEST_CASE("Sessionize session list shape and the speaker list mistake", "[sessionize]") {
    std::string groups =
        "[{\"groupId\": null, \"groupName\": \"All\", \"sessions\": [\n"
        "  {\"id\": \"1\", \"title\": \"Άλφα\", \"startsAt\": \"2024-05-01T09:00:00\", \"endsAt\": \"2024-05-01T10:00:00\",\n"
        "   \"room\": \"Hall\", \"speakers\": [{\"id\": \"x\", \"name\": \"Ana\"}], \"categories\": []},\n"
        "  {\"id\": \"2\", \"title\": \"Βήτα\", \"startsAt\": \"2024-05-01T10:00:00\", \"endsAt\": \"2024-05-01T11:00:00\",\n"
        "   \"room\": \"Hall\", \"speakers\": [], \"categories\": []}\n"
        "]}]";
    Agenda agenda = parseAgenda(groups, "list.json", "auto", berlin());
    REQUIRE(agenda.sessions.size() == 2);
    CHECK(agenda.sessions[0].line == 2);
    CHECK(agenda.sessions[0].title == "Άλφα");
    CHECK(agenda.sessions[0].speakers.at(0).name == "Ana");
    CHECK(agenda.sessions[1].line == 4);

    std::string speakers =
        R"([{"id":"x","firstName":"Ana","lastName":"Lima","fullName":"Ana Lima","sessions":[{"id":1,"name":"Talk"}]}])";
    FormatError e = sessionizeError(speakers);
    CHECK(e.reason().find("speaker list, not a schedule") != std::string::npos);
}
