#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <set>
#include <sstream>

#include "core/text.h"
#include "core/time_util.h"
#include "formats/agenda.h"
#include "formats/ics.h"
#include "test_support.h"

using namespace hallway;
using hallway::testing::corpus;

namespace {

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::string icsData(const std::string& name) { return readFile(std::string(HALLWAY_TEST_DATA_DIR) + "/ics/" + name); }

Agenda parseIcsFile(const std::string& name, const AgendaParseOptions& options = {}) {
    return parseAgenda(icsData(name), name, "ics", options);
}

const AgendaSession& sessionById(const Agenda& agenda, const std::string& id) {
    auto it = std::find_if(agenda.sessions.begin(), agenda.sessions.end(),
                           [&](const AgendaSession& s) { return s.sourceId == id; });
    REQUIRE(it != agenda.sessions.end());
    return *it;
}

bool hasIcsWarning(const Agenda& agenda, const std::string& part) {
    return std::any_of(agenda.warnings.begin(), agenda.warnings.end(),
                       [&](const std::string& w) { return w.find(part) != std::string::npos; });
}

std::vector<std::string> speakerNames(const AgendaSession& s) {
    std::vector<std::string> out;
    for (const auto& sp : s.speakers) out.push_back(sp.name);
    return out;
}

// Parses `bytes` expecting a FormatError at `line` whose reason mentions `part`.
void expectIcsError(const std::string& bytes, int line, const std::string& part) {
    try {
        parseIcs(bytes, "test.ics", {});
        FAIL("expected a FormatError mentioning '" << part << "'");
    } catch (const FormatError& e) {
        INFO(e.what());
        CHECK(e.line() == line);
        CHECK(e.reason().find(part) != std::string::npos);
    }
}

std::string wrapEvents(const std::string& events) {
    return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + events + "END:VCALENDAR\r\n";
}

std::string simpleEvent(const std::string& extra) {
    return "BEGIN:VEVENT\r\nUID:e\r\nDTSTART:20240603T080000Z\r\nDTEND:20240603T090000Z\r\n" + extra + "END:VEVENT\r\n";
}

}  // namespace

// The corpus figures below come from a separate Python reading of the raw
// files (its own unfolding, unescaping and zoneinfo), not from this parser.
TEST_CASE("ics: Kieler Linux Tage 2020 corpus", "[ics][corpus]") {
    HALLWAY_NEEDS_CORPUS("agenda/kielux_2020.ics");
    std::string bytes = readFile(corpus("agenda/kielux_2020.ics"));
    Agenda agenda = parseAgenda(bytes, "kielux_2020.ics", "auto");

    CHECK(agenda.format == "ics");
    CHECK(agenda.title == "18. Kieler Open Source und Linux Tage");
    CHECK(agenda.timeZone.empty());  // UTC times only, and nothing names the zone
    REQUIRE(agenda.sessions.size() == 24);

    std::set<std::string> rooms, speakers, dates;
    for (const auto& s : agenda.sessions) {
        if (!s.room.empty()) rooms.insert(s.room);
        for (const auto& sp : s.speakers) speakers.insert(sp.name);
        dates.insert(localDateString(s.startsAt, "Europe/Berlin"));
        CHECK(s.line > 0);
        CHECK(s.speakers.size() == 1);
    }
    CHECK(rooms == std::set<std::string>{"D\xC3\xBCsternbrook", "Laboe", "Linux-Lounge", "Ravensberg"});
    CHECK(speakers.size() == 20);
    CHECK(speakers.count("J\xC3\xBCrgen Gro\xC3\x9F") == 1);
    CHECK(dates == std::set<std::string>{"2020-09-18", "2020-09-19"});

    const AgendaSession& xen = sessionById(agenda, "467@KOLT20");
    CHECK(xen.title == "Xen - ist das nicht tot?");
    CHECK(xen.startsAt == 1600430400);  // 2020-09-18T12:00:00Z
    CHECK(xen.endsAt == 1600434000);
    CHECK(xen.room == "Ravensberg");
    CHECK(speakerNames(xen) == std::vector<std::string>{"J\xC3\xBCrgen Gro\xC3\x9F"});
    CHECK(xen.line == 31);
    CHECK(xen.url == "https://kielux.de/programm/KOLT20#467");
    // The description carries <i>die</i>: shipped as HTML, so tags go; escaped commas come back.
    CHECK(xen.description.rfind("von: J\xC3\xBCrgen Gro\xC3\x9F\n\nXen war lange Zeit die Plattform zur "
                                "Virtualisierung in der Open-Source Welt, da es",
                                0) == 0);

    // Umlauts byte for byte, and a doubled space kept as written.
    const AgendaSession& inkscape = sessionById(agenda, "487@KOLT20");
    CHECK(inkscape.title == "Inkscape f\xC3\xBCr Einsteiger");
    bool foundFair = std::any_of(agenda.sessions.begin(), agenda.sessions.end(), [](const AgendaSession& s) {
        return s.title == "FAIR APPS MARKET -  Mach Neuland zum Freiland...";
    });
    CHECK(foundFair);
}

TEST_CASE("ics: linux.conf.au 2020 corpus", "[ics][corpus]") {
    HALLWAY_NEEDS_CORPUS("agenda/linux_conf_au_2020.ics");
    std::string bytes = readFile(corpus("agenda/linux_conf_au_2020.ics"));
    Agenda agenda = parseAgenda(bytes, "linux_conf_au_2020.ics", "auto");

    CHECK(agenda.title == "linux.conf.au 2020");  // X-WR-CALDESC; there is no X-WR-CALNAME
    CHECK(agenda.timeZone == "Australia/Brisbane");
    REQUIRE(agenda.sessions.size() == 262);

    std::set<std::string> rooms, speakers, dates;
    size_t withoutRoom = 0, withoutSpeaker = 0;
    for (const auto& s : agenda.sessions) {
        if (s.room.empty()) ++withoutRoom;
        else rooms.insert(s.room);
        if (s.speakers.empty()) ++withoutSpeaker;
        for (const auto& sp : s.speakers) speakers.insert(sp.name);
        dates.insert(localDateString(s.startsAt, agenda.timeZone));
    }
    CHECK(rooms.size() == 7);
    CHECK(rooms.count("Arena, Room 8, Room 5, Room 6, Room 7") == 1);  // escaped commas in one LOCATION
    CHECK(withoutRoom == 17);
    CHECK(speakers.size() == 151);
    CHECK(withoutSpeaker == 72);
    CHECK(dates == std::set<std::string>{"2020-01-12", "2020-01-13", "2020-01-14", "2020-01-15", "2020-01-16",
                                         "2020-01-17"});

    const AgendaSession& welcome = sessionById(agenda, "94@lca2020.linux.org.au");
    CHECK(welcome.title == "Wednesday Welcome");
    CHECK(welcome.startsAt == 1579042800);  // 09:00 Brisbane (UTC+10, no DST)
    CHECK(welcome.endsAt == 1579043400);
    CHECK(welcome.room == "Arena");
    CHECK(speakerNames(welcome) == std::vector<std::string>{"Joel Addison"});
    CHECK(welcome.line == 30);
    CHECK(welcome.description == "Speaker: Joel Addison\nOpening Remarks and Housekeeping");

    // TZID=Australia/Brisbane with no VTIMEZONE in the file.
    const AgendaSession& breakfast = sessionById(agenda, "201@lca2020.linux.org.au");
    CHECK(breakfast.startsAt == 1578949200);
    CHECK(breakfast.endsAt == 1578956400);
    CHECK(breakfast.description.find("<p>") == std::string::npos);
}

TEST_CASE("ics: folds inside multi-byte characters and escapes with CRLF and speakers", "[ics]") {
    // Called directly: parseAgenda's whole-file UTF-8 check rejects a fold
    // that splits a character, although RFC 5545 allows it.
    Agenda agenda = parseIcs(icsData("folded_utf8.ics"), "folded_utf8.ics", {});
    CHECK(agenda.title == "Hallway Test Conf, 2024");
    CHECK(agenda.timeZone.empty());
    REQUIRE(agenda.sessions.size() == 4);

    const AgendaSession& first = agenda.sessions[0];
    CHECK(first.sourceId == "fold-1@test");
    CHECK(first.line == 5);
    CHECK(first.title == "Gr\xC3\xBC\xC3\x9F" "e aus K\xC3\xB6ln \xF0\x9F\x8E\x89 \xE2\x80\x93 Ein, zwei; drei \\ vier");
    CHECK(first.description == "Line one\nLine two with \\n literal, comma; semi");
    CHECK(first.room == "Saal \xC3\x9C" "1");
    CHECK(first.track == "Sicherheit");
    CHECK(first.url == "https://example.org/talks/1");
    CHECK(first.startsAt == 1718002800);
    CHECK(first.endsAt == 1718006400);
    // Quotes stripped, non-ASCII kept, the room and the non-participant left out,
    // the second spelling of Zoë dropped.
    CHECK(speakerNames(first) == std::vector<std::string>{"Zo\xC3\xAB \xC3\x9Cnal", "Lee, Ann"});

    const AgendaSession& second = agenda.sessions[1];
    CHECK(second.line == 25);
    CHECK(second.title == "Padded title");
    CHECK(second.startsAt == 1718010000);
    CHECK(second.endsAt == 1718012700);  // DURATION:PT45M
    CHECK(second.description == "Intro & bold\nSecond");
    CHECK(speakerNames(second) == std::vector<std::string>{"Dr. Ada O'Neil"});  // ORGANIZER fallback

    const AgendaSession& third = agenda.sessions[2];
    CHECK(third.line == 33);
    CHECK(speakerNames(third) == std::vector<std::string>{"Bo Chen", "Cy Diaz"});

    const AgendaSession& fourth = agenda.sessions[3];
    CHECK(fourth.line == 40);
    // An ATTENDEE without CN names nobody, so the description decides.
    CHECK(speakerNames(fourth) == std::vector<std::string>{"Ana Lima", "Dee Ray"});
}

TEST_CASE("ics: VTIMEZONE then IANA TZID without VTIMEZONE then unknown TZID", "[ics]") {
    Agenda agenda = parseIcsFile("zones.ics");
    REQUIRE(agenda.sessions.size() == 5);
    // Resolved through the file's VTIMEZONE (the name is not an IANA zone).
    CHECK(sessionById(agenda, "z-summer").startsAt == 1721030400);  // 10:00 CEST
    CHECK(sessionById(agenda, "z-summer").endsAt == 1721034000);
    CHECK(sessionById(agenda, "z-winter").startsAt == 1705309200);  // 10:00 CET
    CHECK(sessionById(agenda, "z-winter").endsAt == 1705314600);
    CHECK(sessionById(agenda, "z-dst-day").startsAt == 1711848600);  // after the March switch
    // IANA name, no VTIMEZONE: the tz database.
    CHECK(sessionById(agenda, "z-ny").startsAt == 1721052000);
    CHECK(sessionById(agenda, "z-ny").endsAt == 1721055600);
    // Neither: the agenda zone (UTC here, since no zone is named), with a warning.
    CHECK(sessionById(agenda, "z-mars").startsAt == 1721037600);
    CHECK(hasIcsWarning(agenda, "line 42: time zone 'Mars/Olympus_Mons'"));
    // The most used TZID is no IANA name, so the agenda falls back to UTC and says so.
    CHECK(agenda.timeZone == "UTC");
}

TEST_CASE("ics: agenda zone from the most used IANA TZID", "[ics]") {
    Agenda agenda = parseIcsFile("iana_no_vtimezone.ics");
    CHECK(agenda.title == "Brisbane test");
    CHECK(agenda.timeZone == "Australia/Brisbane");
    CHECK(sessionById(agenda, "b-1").startsAt == 1578949200);
    CHECK(sessionById(agenda, "b-1").endsAt == 1578956400);
    CHECK(sessionById(agenda, "b-2").startsAt == 1579042800);
    CHECK(sessionById(agenda, "b-3").startsAt == localToInstant({2020, 1, 15, 0, 0, 0}, "UTC"));
}

TEST_CASE("ics: floating times and all-day events", "[ics]") {
    SECTION("options.timeZone") {
        AgendaParseOptions options;
        options.timeZone = "America/Chicago";
        Agenda agenda = parseIcsFile("floating.ics", options);
        CHECK(agenda.timeZone == "America/Chicago");
        CHECK(sessionById(agenda, "f-timed").startsAt == 1717250400);  // 09:00 CDT
        // All day: local midnight to midnight of DTEND (exclusive).
        CHECK(sessionById(agenda, "f-allday").startsAt == 1717218000);
        CHECK(sessionById(agenda, "f-allday").endsAt == 1717390800);
        CHECK(sessionById(agenda, "f-oneday").startsAt == 1717477200);
        CHECK(sessionById(agenda, "f-oneday").endsAt == 1717563600);
        CHECK(sessionById(agenda, "f-duration").startsAt == 1717563600);
        CHECK(sessionById(agenda, "f-duration").endsAt == 1717736400);  // P2D
    }
    SECTION("no zone anywhere: UTC, and the agenda says so") {
        Agenda agenda = parseIcsFile("floating.ics");
        CHECK(agenda.timeZone == "UTC");
        CHECK(sessionById(agenda, "f-timed").startsAt == 1717232400);
        CHECK(sessionById(agenda, "f-allday").startsAt == 1717200000);
        CHECK(sessionById(agenda, "f-allday").endsAt == 1717372800);
    }
    SECTION("X-WR-TIMEZONE, and the option overriding it") {
        Agenda agenda = parseIcsFile("wr_timezone.ics");
        CHECK(agenda.timeZone == "Europe/Berlin");
        CHECK(agenda.sessions.at(0).startsAt == 1717225200);
        AgendaParseOptions options;
        options.timeZone = "America/Chicago";
        Agenda chicago = parseIcsFile("wr_timezone.ics", options);
        CHECK(chicago.timeZone == "America/Chicago");
        CHECK(chicago.sessions.at(0).startsAt == 1717250400);
    }
}

TEST_CASE("ics: recurring events import their first occurrence", "[ics]") {
    Agenda agenda = parseIcsFile("recurring.ics");
    REQUIRE(agenda.sessions.size() == 1);
    CHECK(agenda.sessions[0].title == "Standup");
    CHECK(agenda.sessions[0].startsAt == 1717401600);
    CHECK(hasIcsWarning(agenda, "line 3: recurring event"));
    CHECK(hasIcsWarning(agenda, "line 10: changed occurrence"));
}

TEST_CASE("ics: duplicate UIDs", "[ics]") {
    Agenda agenda = parseIcsFile("duplicate_uid.ics");
    REQUIRE(agenda.sessions.size() == 2);  // the exact echo is dropped
    CHECK(agenda.sessions[0].sourceId == "same@test");
    CHECK_THAT(agenda.sessions[1].sourceId, Catch::Matches("same@test~[0-9a-f]{8}"));  // suffix from title, start, room
    CHECK(agenda.sessions[1].title == "Second");
    CHECK(agenda.sessions[1].line == 9);
    CHECK(hasIcsWarning(agenda, "line 15"));
}

TEST_CASE("ics: libical complaints about unused properties are warnings", "[ics]") {
    Agenda agenda = parseIcsFile("harmless_errors.ics");
    REQUIRE(agenda.sessions.size() == 1);
    CHECK(agenda.sessions[0].title == "Survives");
    CHECK(hasIcsWarning(agenda, "line 3: libical:"));
    CHECK(hasIcsWarning(agenda, "DTSTAMP"));
    CHECK(hasIcsWarning(agenda, "this line lost its fold"));
}

TEST_CASE("ics: broken files are rejected with a line", "[ics]") {
    expectIcsError(icsData("truncated.ics"), 12, "truncated");
    expectIcsError(icsData("truncated.ics"), 12, "VEVENT begun on line 9");
    expectIcsError(icsData("missing_end_calendar.ics"), 7, "no END:VCALENDAR");
    expectIcsError(icsData("no_dtstart.ics"), 8, "no DTSTART");
    expectIcsError(icsData("bad_dtstart.ics"), 3, "DTSTART");
    expectIcsError(icsData("bad_dtstart.ics"), 3, "tomorrow morning");
    expectIcsError(icsData("impossible_date.ics"), 3, "not a valid date");
    expectIcsError(icsData("no_events.ics"), 0, "no sessions found");
    expectIcsError(icsData("no_begin.ics"), 1, "BEGIN:VCALENDAR");
    expectIcsError(icsData("mismatched_end.ics"), 8, "END:VEVENT does not match BEGIN:VALARM on line 6");
    expectIcsError(wrapEvents(simpleEvent("") + "BEGIN:VEVENT\r\nUID:x\r\nDTSTART:20240603T100000Z\r\n"
                              "DTEND:garbage\r\nEND:VEVENT\r\n"),
                   8, "DTEND property: garbage");
    expectIcsError(wrapEvents("BEGIN:VEVENT\r\nUID:x\r\nDTSTART:20240603T100000Z\r\nDURATION:P1X\r\nEND:VEVENT\r\n"),
                   3, "DURATION");
    // The whole message is one line: file, line, reason.
    try {
        parseAgenda(icsData("no_dtstart.ics"), "no_dtstart.ics", "ics");
        FAIL("expected an error");
    } catch (const FormatError& e) {
        CHECK(std::string(e.what()) == "no_dtstart.ics:8: event has no DTSTART");
    }
}

TEST_CASE("ics: hostile input stays bounded", "[ics]") {
    SECTION("a VTIMEZONE whose rules would never finish expanding is ignored") {
        auto t0 = std::chrono::steady_clock::now();
        Agenda agenda = parseIcsFile("costly_vtimezone.ics");
        CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(2));
        CHECK(hasIcsWarning(agenda, "VTIMEZONE 'Europe/Paris'"));
        CHECK(agenda.sessions.at(0).startsAt == 1721030400);  // the tz database's Europe/Paris instead
        CHECK(agenda.sessions.at(0).endsAt == 1721034000);
    }
    SECTION("fields over 1 MiB are truncated at a character boundary") {
        std::string longTitle;
        longTitle.reserve(1100000);
        longTitle += "x";
        while (longTitle.size() < 1100000) longTitle += "\xC3\xA4";  // odd offset: the cut lands mid-character
        Agenda agenda = parseIcs(wrapEvents(simpleEvent("SUMMARY:" + longTitle + "\r\n")), "big.ics", {});
        const std::string& title = agenda.sessions.at(0).title;
        CHECK(title.size() <= (size_t(1) << 20));
        CHECK(title.size() > (size_t(1) << 20) - 4);
        CHECK(text::isValidUtf8(title));
        CHECK(hasIcsWarning(agenda, "SUMMARY is longer than 1 MiB"));
    }
    SECTION("absurd nesting") {
        std::string deep;
        for (int i = 0; i < 100000; ++i) deep += "BEGIN:X-A\r\n";
        expectIcsError("BEGIN:VCALENDAR\r\n" + deep, 17, "nested");
    }
    SECTION("NUL bytes, invalid UTF-8, lone CR line endings, BOM") {
        expectIcsError(wrapEvents(simpleEvent(std::string("SUMMARY:a\0b\r\n", 13))), 7, "NUL");
        expectIcsError(wrapEvents(simpleEvent("SUMMARY:caf\xC3\r\n")), 3, "not valid UTF-8");
        std::string mac = wrapEvents(simpleEvent("SUMMARY:Old Mac\r\n"));
        mac.erase(std::remove(mac.begin(), mac.end(), '\n'), mac.end());
        Agenda old = parseIcs(mac, "mac.ics", {});
        CHECK(old.sessions.at(0).title == "Old Mac");
        CHECK(old.sessions.at(0).line == 3);
        Agenda bom = parseAgenda("\xEF\xBB\xBF" + wrapEvents(simpleEvent("SUMMARY:Bom\r\n")), "bom.ics",
                                 "auto");
        CHECK(bom.sessions.at(0).title == "Bom");
    }
    SECTION("many broken lines: warnings are capped") {
        std::string junk;
        for (int i = 0; i < 5000; ++i) junk += "junk line " + std::to_string(i) + "\r\n";
        Agenda agenda = parseIcs(wrapEvents(simpleEvent(junk)), "junk.ics", {});
        CHECK(agenda.sessions.size() == 1);
        CHECK(agenda.warnings.size() <= 501);
        CHECK(hasIcsWarning(agenda, "more warnings not shown"));
    }
}
