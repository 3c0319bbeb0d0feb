#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <sstream>

#include "core/text.h"
#include "core/time_util.h"
#include "formats/agenda.h"
#include "formats/frab_xml.h"
#include "test_support.h"

using namespace hallway;
using hallway::testing::corpus;

namespace {

std::string readFrabFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in.good());
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::string frabData(const std::string& name) { return readFrabFile(std::string(HALLWAY_TEST_DATA_DIR) + "/frab/" + name); }

// Runs the XML parser and returns the error it throws (or fails the test).
FormatError xmlError(const std::string& xml) {
    try {
        parseAgenda(xml, "bad.xml", "frab-xml");
    } catch (const FormatError& e) {
        return e;
    }
    FAIL("expected a FormatError");
    return FormatError("", 0, "");
}

const AgendaSession& bySourceId(const Agenda& agenda, const std::string& id) {
    for (const auto& s : agenda.sessions)
        if (s.sourceId == id) return s;
    FAIL("no session with source id " << id);
    return agenda.sessions.front();
}

// A one-event schedule around `event` (starting on line 4).
std::string oneEvent(const std::string& event) {
    return "<?xml version=\"1.0\"?>\n<schedule><conference><time_zone_name>UTC</time_zone_name></conference>\n"
           "<day date=\"2024-05-01\"><room name=\"Main\">\n" +
           event + "\n</room></day></schedule>\n";
}

}  // namespace

TEST_CASE("frab xml: tricky hand-written schedule", "[frab]") {
    std::string bytes = frabData("tricky.xml");
    REQUIRE(detectAgendaFormat(bytes, "tricky.xml") == "frab-xml");
    Agenda agenda = parseAgenda(bytes, "tricky.xml", "auto");

    CHECK(agenda.format == "frab-xml");
    CHECK(agenda.title == "Tricky Conf & Friends");
    CHECK(agenda.timeZone == "Europe/Brussels");
    REQUIRE(agenda.sessions.size() == 8);

    SECTION("non-ASCII title, HTML abstract, several persons, spring-forward night") {
        const AgendaSession& s = agenda.sessions[0];
        CHECK(s.sourceId == "0b1c8e2a-0000-4000-8000-000000000101");
        CHECK(s.line == 12);
        // Byte for byte: Latin diacritics, CJK, Greek, Hebrew and an emoji.
        const std::string expected =
            "\xC3\x9Cn\xC3\xAF" "c\xC3\xB6" "d\xC3\xA9 \xE2\x80\x94 \xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E \xE2\x80\x94 "
            "\xCE\x95\xCE\xBB\xCE\xBB\xCE\xB7\xCE\xBD\xCE\xB9\xCE\xBA\xCE\xAC \xE2\x80\x94 "
            "\xD7\xA2\xD7\x91\xD7\xA8\xD7\x99\xD7\xAA \xE2\x80\x94 \xF0\x9F\x8E\x89";
        CHECK(s.title == expected);
        CHECK(s.subtitle == "Before the clocks jump");
        CHECK(s.abstract == "Hello world & friends\nSecond");
        CHECK(s.description == "Plain text, only trimmed.");
        CHECK(s.room == "H.1301 (Cornil)");
        CHECK(s.track == "Time");
        CHECK(s.type == "lecture");
        CHECK(s.language == "en");
        // 01:30 on 2024-03-31 in Brussels is still CET (+01:00).
        CHECK(s.startsAt == 1711845000);
        CHECK(s.endsAt == s.startsAt + 30 * 60);
        REQUIRE(s.speakers.size() == 3);
        CHECK(s.speakers[0].name == "Ana Lima");
        CHECK(s.speakers[0].sourceId == "7");
        CHECK(s.speakers[1].name == "Bo Chen");
        CHECK(s.speakers[1].sourceId == "8");
        CHECK(s.speakers[2].name == "Zo\xC3\xAB \xC3\x86gir-\xC3\x98" "deg\xC3\xA5rd");
    }

    SECTION("missing guid falls back to id; inner spaces of titles survive") {
        const AgendaSession& s = agenda.sessions[1];
        CHECK(s.sourceId == "102");
        CHECK(s.line == 31);
        CHECK(s.title == "After the   jump");
        CHECK(s.abstract == "- one\n- two");  // CDATA HTML list
        CHECK(s.speakers.empty());
        // 03:30 is after the jump: CEST (+02:00). "0:45" is a valid duration.
        CHECK(s.startsAt == 1711848600);
        CHECK(s.endsAt == s.startsAt + 45 * 60);
    }

    SECTION("empty <room> uses the parent room; CDATA title kept literally; event across the gap") {
        const AgendaSession& s = agenda.sessions[2];
        CHECK(s.room == "Janson");
        CHECK(s.title == "Across the <gap> & back");
        CHECK(s.startsAt == 1711845900);  // 01:45 CET
        CHECK(s.endsAt == s.startsAt + 3600);  // HH:MM:SS duration; ends 03:45 CEST
        CHECK(localTimeString(s.endsAt, "Europe/Brussels") == "03:45");
    }

    SECTION("fall-back night: an ambiguous wall time takes the earlier instant") {
        const AgendaSession& s = agenda.sessions[3];
        CHECK(s.sourceId == "0b1c8e2a-0000-4000-8000-000000000201");
        CHECK(s.startsAt == 1729989000);  // 02:30 CEST = 00:30 UTC
    }

    SECTION("<date> with an offset wins over day date + <start>; inline XHTML is stripped") {
        const AgendaSession& s = agenda.sessions[4];
        CHECK(s.startsAt == 1730041200);
        CHECK(s.room == "K.1.105 (La Fontaine)");
        CHECK(s.description == "Inline XHTML text\nMore");
    }

    SECTION("a repeated guid with other content is kept under a suffixed id") {
        const AgendaSession& s = agenda.sessions[5];
        CHECK(s.title == "Same guid, other talk");
        CHECK_THAT(s.sourceId, Catch::Matches("0b1c8e2a-0000-4000-8000-000000000202~[0-9a-f]{8}"));  // suffix from title, start, room
        CHECK(s.line == 64);
        CHECK(s.startsAt == 1730044800);
        CHECK(s.room == "Janson");
        REQUIRE(agenda.warnings.size() == 1);
        CHECK(agenda.warnings[0].find("already used") != std::string::npos);
    }

    SECTION("day bounds move after-midnight slots to the next date, and only those") {
        CHECK(agenda.sessions[6].title == "Late night hacking");
        CHECK(agenda.sessions[6].startsAt == 1730160900);  // 2024-10-29 01:15 CET
        CHECK(localDateString(agenda.sessions[6].startsAt, "Europe/Brussels") == "2024-10-29");
        CHECK(agenda.sessions[7].startsAt == 1730104200);  // 2024-10-28 09:30 CET, not shifted
    }
}

TEST_CASE("frab xml: the zone option overrides the file's zone", "[frab]") {
    AgendaParseOptions options;
    options.timeZone = "UTC";
    Agenda agenda = parseFrabXml(frabData("tricky.xml"), "tricky.xml", options);
    CHECK(agenda.timeZone == "UTC");
    CHECK(agenda.sessions[0].startsAt == 1711848600);  // 01:30 UTC
    CHECK(agenda.sessions[4].startsAt == 1730041200);  // explicit offset unaffected
}

TEST_CASE("frab xml: an unknown zone warns and reads wall times as UTC", "[frab]") {
    std::string xml =
        "<schedule><conference><time_zone_name>Europe/Atlantis</time_zone_name></conference>\n"
        "<day date=\"2024-05-01\"><room name=\"A\"><event id=\"1\"><start>10:00</start>"
        "<duration>00:30</duration><title>T</title></event></room></day></schedule>";
    Agenda agenda = parseFrabXml(xml, "z.xml", {});
    CHECK(agenda.timeZone == "UTC");
    REQUIRE(agenda.sessions.size() == 1);
    CHECK(agenda.sessions[0].startsAt == 1714557600);
    REQUIRE(agenda.warnings.size() == 1);
    CHECK(agenda.warnings[0].find("Europe/Atlantis") != std::string::npos);
}

TEST_CASE("frab xml: DebConf 23 corpus", "[frab][corpus]") {
    HALLWAY_NEEDS_CORPUS("agenda/debconf23.xml");
    std::string bytes = readFrabFile(corpus("agenda/debconf23.xml"));
    Agenda agenda = parseAgenda(bytes, "debconf23.xml", "auto");
    CHECK(agenda.format == "frab-xml");
    CHECK(agenda.title == "DebConf 23");
    CHECK(agenda.timeZone == "Asia/Kolkata");
    CHECK(agenda.warnings.empty());

    // Figures derived independently with Python's xml.etree and zoneinfo.
    CHECK(agenda.sessions.size() == 117);
    std::set<std::string> rooms, speakers, dates, ids;
    for (const auto& s : agenda.sessions) {
        rooms.insert(s.room);
        ids.insert(s.sourceId);
        dates.insert(localDateString(s.startsAt, "Asia/Kolkata"));
        for (const auto& p : s.speakers) speakers.insert(text::nameKey(p.name));
        CHECK(s.line > 0);
        CHECK(s.endsAt >= s.startsAt);
    }
    CHECK(rooms.size() == 5);
    CHECK(rooms == std::set<std::string>{"Anamudi", "Elsewhere", "Kuthiran", "Outside", "Ponmudi"});
    CHECK(speakers.size() == 87);
    CHECK(ids.size() == 117);
    CHECK(dates.size() == 8);
    CHECK(*dates.begin() == "2023-09-10");
    CHECK(*dates.rbegin() == "2023-09-17");

    const AgendaSession& opening = bySourceId(agenda, "455d075f-48c0-2ec2-24b3-f5add30c383a");
    CHECK(opening.title == "Opening Ceremony");
    CHECK(opening.line == 34);
    CHECK(opening.startsAt == 1694322000);  // 2023-09-10T05:00:00Z = 10:30 IST
    CHECK(opening.endsAt - opening.startsAt == 20 * 60);
    CHECK(opening.room == "Anamudi");
    CHECK(opening.description == "Welcome to DebConf23");
    REQUIRE(opening.speakers.size() == 1);
    CHECK(opening.speakers[0].name == "Sruthi Chandran");
    CHECK(opening.speakers[0].sourceId == "63");

    // The one non-ASCII title; "&#x27;" in the file is an apostrophe.
    const AgendaSession& brasilia = bySourceId(agenda, "c7e54c2e-239c-11b7-2e75-b9d6d8c26e4a");
    CHECK(brasilia.title == "From 5 to 100: The Debian Bras\xC3\xADlia Community's Story");
}

TEST_CASE("frab xml: DebConf 23 without <date> elements gives the same instants", "[frab][corpus]") {
    HALLWAY_NEEDS_CORPUS("agenda/debconf23.xml");
    // wafer labels each day with its UTC date; the day's start/end bounds put
    // "10:30" on the right local date when only day date + <start> are left.
    std::string bytes = readFrabFile(corpus("agenda/debconf23.xml"));
    Agenda withDate = parseFrabXml(bytes, "debconf23.xml", {});
    for (size_t at; (at = bytes.find("<date>")) != std::string::npos;)
        bytes.erase(at, bytes.find("</date>", at) + 7 - at);
    Agenda withoutDate = parseFrabXml(bytes, "debconf23.xml", {});
    REQUIRE(withoutDate.sessions.size() == withDate.sessions.size());
    for (size_t i = 0; i < withDate.sessions.size(); ++i) {
        CHECK(withoutDate.sessions[i].startsAt == withDate.sessions[i].startsAt);
        CHECK(withoutDate.sessions[i].endsAt == withDate.sessions[i].endsAt);
    }
}

TEST_CASE("frab xml: syntax errors name the line", "[frab]") {
    SECTION("truncated file") {
        FormatError e = xmlError(frabData("truncated.xml"));
        CHECK(e.line() == 32);
        CHECK(e.reason().find("XML syntax error") != std::string::npos);
        CHECK(e.reason().find("truncated") != std::string::npos);
    }
    SECTION("mismatched tag") {
        FormatError e = xmlError("<schedule>\n<day date=\"2024-05-01\">\n<room name=\"A\">\n</day>\n</schedule>");
        CHECK(e.line() == 4);
    }
    SECTION("line numbers count from the real start of a file with a BOM") {
        std::string xml = "\xEF\xBB\xBF" + oneEvent("<event id=\"1\"><start>10:00</start>\n<duration>x</duration><title>T</title></event>");
        FormatError e = xmlError(xml);
        CHECK(e.line() == 5);
    }
}

TEST_CASE("frab xml: content errors name the element, value and line", "[frab]") {
    SECTION("malformed duration") {
        FormatError e = xmlError(frabData("bad_duration.xml"));
        CHECK(e.line() == 16);
        CHECK(e.reason().find("<duration>") != std::string::npos);
        CHECK(e.reason().find("'1h30'") != std::string::npos);
        CHECK(std::string(e.what()).rfind("bad.xml:16: ", 0) == 0);
    }
    SECTION("no <schedule> root") {
        FormatError e = xmlError("<?xml version=\"1.0\"?>\n<calendar><event/></calendar>");
        CHECK(e.reason().find("<schedule>") != std::string::npos);
        CHECK(e.line() == 2);
    }
    SECTION("event without a title") {
        FormatError e = xmlError(oneEvent("<event id=\"9\"><start>10:00</start><duration>00:10</duration></event>"));
        CHECK(e.line() == 4);
        CHECK(e.reason().find("title") != std::string::npos);
    }
    SECTION("whitespace-only title") {
        FormatError e = xmlError(oneEvent("<event id=\"9\"><start>10:00</start><title>  \n </title></event>"));
        CHECK(e.line() == 4);
    }
    SECTION("event with no time at all") {
        FormatError e = xmlError(oneEvent("\n<event id=\"9\"><duration>00:10</duration><title>T</title></event>"));
        CHECK(e.line() == 5);
        CHECK(e.reason().find("no time") != std::string::npos);
    }
    SECTION("unparseable start") {
        FormatError e = xmlError(oneEvent("<event id=\"9\">\n<start>9.30</start><title>T</title></event>"));
        CHECK(e.line() == 5);
        CHECK(e.reason().find("<start> '9.30'") != std::string::npos);
    }
    SECTION("unparseable date") {
        FormatError e = xmlError(oneEvent("<event id=\"9\"><date>2024-13-45T10:00:00+02:00</date><title>T</title></event>"));
        CHECK(e.reason().find("<date> '2024-13-45T10:00:00+02:00'") != std::string::npos);
    }
    SECTION("no events") {
        FormatError e = xmlError("<schedule><conference><title>Empty</title></conference><day date=\"2024-01-01\"/></schedule>");
        CHECK(e.reason() == "no sessions found");
    }
}

TEST_CASE("frab xml: hostile input stays bounded", "[frab]") {
    SECTION("a title over 1 MiB is cut on a UTF-8 boundary with a warning") {
        std::string huge;
        for (int i = 0; i < 400000; ++i) huge += "\xE6\x97\xA5";  // 3-byte character, 1.2 MB
        Agenda agenda = parseFrabXml(oneEvent("<event id=\"1\"><start>10:00</start><duration>00:10</duration><title>" +
                                              huge + "</title></event>"),
                                     "big.xml", {});
        const std::string& title = agenda.sessions.at(0).title;
        CHECK(title.size() <= (size_t(1) << 20));
        CHECK(title.size() > (size_t(1) << 20) - 4);
        CHECK(text::isValidUtf8(title));
        REQUIRE(agenda.warnings.size() == 1);
        CHECK(agenda.warnings[0].find("truncated") != std::string::npos);
    }
    SECTION("a long room name is not copied whole into every event") {
        std::string room(5000, 'r');
        std::string xml = "<schedule><day date=\"2024-05-01\"><room name=\"" + room + "\">\n";
        for (int i = 0; i < 2000; ++i)
            xml += "<event id=\"" + std::to_string(i) + "\"><start>10:00</start><duration>00:10</duration><title>T" +
                   std::to_string(i) + "</title><persons><person id=\"1\">P</person></persons></event>\n";
        xml += "</room></day></schedule>";
        Agenda agenda = parseFrabXml(xml, "rooms.xml", {});
        REQUIRE(agenda.sessions.size() == 2000);
        CHECK(agenda.sessions.back().room == std::string(256, 'r'));
        CHECK(agenda.sessions.back().line == 2001);
        REQUIRE(agenda.warnings.size() == 1);
        CHECK(agenda.warnings[0].rfind("1: <room name=...> longer than 256 bytes", 0) == 0);
    }
    SECTION("deeply nested markup in a description") {
        std::string open, close;
        for (int i = 0; i < 100000; ++i) {
            open += "<b>";
            close += "</b>";
        }
        Agenda agenda = parseFrabXml(oneEvent("<event id=\"1\"><start>10:00</start><title>T</title><description>" + open +
                                              "deep" + close + "</description></event>"),
                                     "deep.xml", {});
        CHECK(agenda.sessions.at(0).description == "deep");
    }
}
