#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "formats/agenda.h"
#include "formats/frab_json.h"

using namespace hallway;

namespace {

std::string frabJsonData(const std::string& name) {
    std::ifstream in(std::string(HALLWAY_TEST_DATA_DIR) + "/frab/" + name, std::ios::binary);
    REQUIRE(in.good());
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

FormatError jsonError(const std::string& json) {
    try {
        parseAgenda(json, "bad.json", "frab-json");
    } catch (const FormatError& e) {
        return e;
    }
    FAIL("expected a FormatError");
    return FormatError("", 0, "");
}

// The sample file with one piece of text swapped for another.
std::string patched(const std::string& from, const std::string& to) {
    std::string json = frabJsonData("c3voc.json");
    size_t at = json.find(from);
    REQUIRE(at != std::string::npos);
    return json.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("frab json: c3voc-style schedule", "[frab]") {
    std::string bytes = frabJsonData("c3voc.json");
    REQUIRE(detectAgendaFormat(bytes, "c3voc.json") == "frab-json");
    Agenda agenda = parseAgenda(bytes, "c3voc.json", "auto");

    CHECK(agenda.format == "frab-json");
    CHECK(agenda.title == "JSON Conf 2024");
    CHECK(agenda.timeZone == "Europe/Berlin");
    REQUIRE(agenda.sessions.size() == 6);

    // File order, although nlohmann hands rooms back sorted by name.
    std::vector<int> lines;
    for (const auto& s : agenda.sessions) lines.push_back(s.line);
    CHECK(lines == std::vector<int>{23, 41, 55, 74, 86, 94});

    SECTION("numeric id, guid, HTML abstract, null description, public_name") {
        const AgendaSession& s = agenda.sessions[0];
        CHECK(s.sourceId == "5f0c6a3e-1001-4c1e-9b7a-000000001001");
        CHECK(s.title == "Opening");
        CHECK(s.startsAt == 1717232400);
        CHECK(s.endsAt == s.startsAt + 40 * 60);
        CHECK(s.room == "Saal 1");
        CHECK(s.url == "https://jsonconf.example/talk/1001");
        CHECK(s.track == "Community");
        CHECK(s.type == "lecture");
        CHECK(s.language == "en");
        CHECK(s.abstract == "Welcome & intro\nSecond paragraph");
        CHECK(s.description.empty());
        REQUIRE(s.speakers.size() == 1);
        CHECK(s.speakers[0].name == "Ana Lima");
        CHECK(s.speakers[0].sourceId == "1");
    }

    SECTION("string id without guid, after-midnight start, non-ASCII title, name vs public_name") {
        const AgendaSession& s = agenda.sessions[1];
        CHECK(s.sourceId == "1002");
        CHECK(s.title ==
              "Nachtschicht: \xC3\x9Cn\xC3\xAF" "c\xC3\xB6" "d\xC3\xA9 \xE2\x80\x94 \xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E "
              "\xE2\x80\x94 \xCE\x95\xCE\xBB\xCE\xBB\xCE\xB7\xCE\xBD\xCE\xB9\xCE\xBA\xCE\xAC");
        CHECK(s.startsAt == 1717284600);  // 2024-06-02 01:30 CEST: the night after day 1
        CHECK(s.endsAt == s.startsAt + 30 * 60);
        CHECK(s.abstract == "Plain text, trimmed.");
        REQUIRE(s.speakers.size() == 2);
        CHECK(s.speakers[0].name == "Bo Chen");
        CHECK(s.speakers[0].sourceId == "2");
        CHECK(s.speakers[1].name == "Zo\xC3\xAB \xC3\x86gir");
    }

    SECTION("null date falls back to day date + start; room from the key; escapes decoded") {
        const AgendaSession& s = agenda.sessions[2];
        CHECK(s.room == "Saal Zuse");
        CHECK(s.title == "Caf\xC3\xA9 \"quotes\" & <angles>");
        CHECK(s.startsAt == 1717243200);
        CHECK(s.endsAt == s.startsAt + 3600);
        CHECK(s.speakers.empty());
    }

    SECTION("UTC date, persons as plain strings") {
        const AgendaSession& s = agenda.sessions[3];
        CHECK(s.startsAt == 1717315200);
        REQUIRE(s.speakers.size() == 1);
        CHECK(s.speakers[0].name == "Cy Diaz");
        CHECK(s.speakers[0].sourceId.empty());
    }

    SECTION("non-ASCII room key, reused guid, padded title, HTML list") {
        const AgendaSession& reused = agenda.sessions[4];
        CHECK(reused.room == "H\xC3\xB6rsaal \xCE\xA9");
        CHECK_THAT(reused.sourceId, Catch::Matches("5f0c6a3e-1001-4c1e-9b7a-000000001001~[0-9a-f]{8}"));  // suffix from title, start, room
        REQUIRE(agenda.warnings.size() == 1);
        CHECK(agenda.warnings[0].find("already used") != std::string::npos);

        const AgendaSession& padded = agenda.sessions[5];
        CHECK(padded.title == "Padded title");
        CHECK(padded.description == "- one\n- two");
        CHECK(padded.startsAt == 1717333200);
        CHECK(padded.endsAt == padded.startsAt + 20 * 60);
    }
}

TEST_CASE("frab json: the zone option overrides the file's zone", "[frab]") {
    AgendaParseOptions options;
    options.timeZone = "UTC";
    Agenda agenda = parseFrabJson(frabJsonData("c3voc.json"), "c3voc.json", options);
    CHECK(agenda.timeZone == "UTC");
    REQUIRE(agenda.sessions.size() == 6);
    CHECK(agenda.sessions[2].startsAt == 1717250400);  // 14:00 UTC
    CHECK(agenda.sessions[0].startsAt == 1717232400);  // explicit offset unaffected
}

TEST_CASE("frab json: a minified file keeps the file's session order", "[frab]") {
    std::string pretty = frabJsonData("c3voc.json");
    std::string minified = nlohmann::ordered_json::parse(pretty).dump();
    REQUIRE(minified.find('\n') == std::string::npos);
    Agenda a = parseFrabJson(pretty, "pretty.json", {});
    Agenda b = parseFrabJson(minified, "min.json", {});
    REQUIRE(a.sessions.size() == b.sessions.size());
    for (size_t i = 0; i < a.sessions.size(); ++i) {
        CHECK(b.sessions[i].title == a.sessions[i].title);
        CHECK(b.sessions[i].startsAt == a.sessions[i].startsAt);
        CHECK(b.sessions[i].line == 1);
    }
}

TEST_CASE("frab json: syntax errors report the line", "[frab]") {
    SECTION("missing comma") {
        FormatError e = jsonError("{\n  \"schedule\": {\n    \"conference\": {\n      \"title\": \"x\"\n      \"days\": []\n    }\n  }\n}\n");
        CHECK(e.line() == 5);
        CHECK(e.reason().find("invalid JSON") != std::string::npos);
        CHECK(e.reason().find("json.exception") == std::string::npos);
    }
    SECTION("truncated file") {
        std::string json = frabJsonData("c3voc.json");
        json.resize(json.find("\"Saal Zuse\": []"));
        FormatError e = jsonError(json);
        CHECK(e.line() == 84);
        CHECK(e.reason().find("unexpected end of input") != std::string::npos);
    }
    SECTION("bad line in the middle of the sample") {
        FormatError e = jsonError(patched("\"duration\": \"00:45\",", "\"duration\": 00:45,"));
        CHECK(e.line() == 79);
    }
}

TEST_CASE("frab json: schema errors name the JSON path and the event's line", "[frab]") {
    SECTION("a number where the title should be") {
        FormatError e = jsonError(patched("\"title\": \"Reused guid, different talk\"", "\"title\": 42"));
        CHECK(e.line() == 86);
        CHECK(e.reason() ==
              "schedule.conference.days[1].rooms[\"H\xC3\xB6rsaal \xCE\xA9\"][0].title: expected a string, found number");
    }
    SECTION("event without a title") {
        FormatError e = jsonError(patched("\"title\": \"Keynote\",", ""));
        CHECK(e.line() == 74);
        CHECK(e.reason().rfind("schedule.conference.days[1].rooms[\"Saal 1\"][0].title: ", 0) == 0);
    }
    SECTION("persons is not an array") {
        FormatError e = jsonError(patched("\"persons\": []", "\"persons\": {}"));
        CHECK(e.line() == 55);
        CHECK(e.reason() == "schedule.conference.days[0].rooms[\"Saal Zuse\"][0].persons: expected an array, found object");
    }
    SECTION("an id that is neither string nor number") {
        FormatError e = jsonError(patched("\"id\": \"1002\"", "\"id\": true"));
        CHECK(e.line() == 41);
        CHECK(e.reason().find("days[0].rooms[\"Saal 1\"][1].id") != std::string::npos);
    }
    SECTION("malformed duration") {
        FormatError e = jsonError(patched("\"duration\": \"00:20\"", "\"duration\": \"20min\""));
        CHECK(e.line() == 94);
        CHECK(e.reason().find(".duration: unparseable duration '20min'") != std::string::npos);
    }
    SECTION("event with neither date nor start") {
        FormatError e = jsonError(patched("\"date\": null,\n                \"start\": \"14:00\",", ""));
        CHECK(e.line() == 55);
        CHECK(e.reason().find("no time") != std::string::npos);
    }
    SECTION("rooms as an array") {
        FormatError e = jsonError(
            "{\"schedule\": {\"conference\": {\"days\": [{\"date\": \"2024-01-01\", \"rooms\": []}]}}}");
        CHECK(e.reason() == "schedule.conference.days[0].rooms: expected an object, found array");
    }
    SECTION("missing schedule") {
        FormatError e = jsonError("{\"sessions\": []}");
        CHECK(e.reason().find("schedule") != std::string::npos);
    }
    SECTION("top level is not an object") {
        FormatError e = jsonError("[1, 2, 3]");
        CHECK(e.reason().find("expected an object") != std::string::npos);
    }
    SECTION("no events") {
        FormatError e = jsonError("{\"schedule\": {\"conference\": {\"title\": \"x\", \"days\": []}}}");
        CHECK(e.reason() == "no sessions found");
    }
}

TEST_CASE("frab json: nulls are missing values, deep nesting is harmless", "[frab]") {
    std::string json = patched("\"generator\": {\"name\": \"hand-written\", \"version\": \"1\"},",
                               "\"generator\": " + std::string(50000, '[') + std::string(50000, ']') + ",");
    json = json.replace(json.find("\"room\": \"Saal 1\",\n                \"title\": \"Nacht"), 17, "\"room\": null,");
    Agenda agenda = parseAgenda(json, "deep.json", "frab-json");
    REQUIRE(agenda.sessions.size() == 6);
    CHECK(agenda.sessions[1].room == "Saal 1");  // null room: the room key
    CHECK(agenda.sessions[1].line == 41);
}

TEST_CASE("frab json: a long room key is shortened in events and in paths", "[frab]") {
    std::string room(5000, 'r');
    std::string json = "{\"schedule\": {\"conference\": {\"days\": [{\"date\": \"2024-01-01\", \"rooms\": {\"" + room +
                       "\": [\n{\"id\": 1, \"title\": \"T\", \"start\": \"10:00\", \"duration\": \"00:10\"},\n"
                       "{\"id\": 2, \"title\": \"U\", \"start\": \"10:00\", \"duration\": \"00:10\"}]}}]}}}";
    Agenda agenda = parseFrabJson(json, "rooms.json", {});
    REQUIRE(agenda.sessions.size() == 2);
    CHECK(agenda.sessions[1].room == std::string(256, 'r'));
    CHECK(agenda.sessions[1].line == 3);
    REQUIRE(agenda.warnings.size() == 1);
    CHECK(agenda.warnings[0].size() < 200);

    json.replace(json.find("\"T\""), 3, "[]");
    FormatError e = jsonError(json);
    CHECK(e.line() == 2);
    CHECK(e.reason() == "schedule.conference.days[0].rooms[\"" + std::string(60, 'r') +
                            "...\"][0].title: expected a string, found array");
}

TEST_CASE("frab json: c3voc schedule v2 (events, persons and rooms beside the conference)", "[frab]") {
    std::string bytes = frabJsonData("c3voc_v2.json");
    Agenda agenda = parseAgenda(bytes, "schedule2.json", "auto");
    CHECK(agenda.format == "frab-json");
    CHECK(agenda.title == "Harbour Hack 2025");
    CHECK(agenda.timeZone == "Europe/Berlin");
    REQUIRE(agenda.sessions.size() == 2);

    const AgendaSession& opening = agenda.sessions[0];
    CHECK(opening.sourceId == "e0000000-0000-4000-8000-000000000001");
    CHECK(opening.line == 21);
    CHECK(opening.startsAt == 1740821400);  // 2025-03-01T09:30:00Z
    CHECK(opening.endsAt - opening.startsAt == 30 * 60);
    CHECK(opening.room == "Kai 1");
    CHECK(opening.track == "Hardware & Making");  // the track's slug, named by conference.tracks
    CHECK(opening.abstract == "Welcome aboard");  // English of a per-language text, HTML stripped
    CHECK(opening.url == "https://harbour.example/event/opening/");
    REQUIRE(opening.speakers.size() == 2);
    CHECK(opening.speakers[0].name == "Mo");
    CHECK(opening.speakers[0].sourceId == "p0000000-0000-4000-8000-000000000001");
    CHECK(opening.speakers[1].name == "\xC5\x81ucja \xC5\xBB" "ak");  // named through persons[] by guid

    const AgendaSession& night = agenda.sessions[1];
    CHECK(night.room == "Werkstatt");  // a room given only by its guid
    CHECK(night.startsAt == 1740875400);  // 2025-03-02T00:30:00Z: past midnight, as the file says
    CHECK(night.endsAt - night.startsAt == 45 * 60);
    CHECK(night.subtitle == "bring your own iron");
    CHECK(night.track == "Workshops");
    REQUIRE(night.speakers.size() == 1);
    CHECK(night.speakers[0].name == "mo");
    CHECK(night.speakers[0].sourceId == "p0000000-0000-4000-8000-000000000003");
}

TEST_CASE("frab json: schedule v2 errors name the event and its line", "[frab]") {
    std::string bytes = frabJsonData("c3voc_v2.json");
    std::string bad = bytes;
    bad.replace(bad.find("\"2025-03-02T01:30:00+01:00\""), 27, "\"soon\"");
    FormatError e = jsonError(bad);
    CHECK(e.line() == 42);
    CHECK(e.reason() == "schedule.events[1].start: unparseable start 'soon' (expected an ISO 8601 date-time)");
}
