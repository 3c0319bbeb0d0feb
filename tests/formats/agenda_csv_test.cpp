#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "core/text.h"
#include "core/time_util.h"
#include "formats/agenda.h"

using namespace hallway;

namespace {

std::string readData(const std::string& name) {
    std::ifstream in(std::string(HALLWAY_TEST_DATA_DIR) + "/csv/" + name, std::ios::binary);
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

bool hasWarning(const Agenda& agenda, const std::string& part) {
    return std::any_of(agenda.warnings.begin(), agenda.warnings.end(),
                       [&](const std::string& w) { return w.find(part) != std::string::npos; });
}

Agenda parseCsv(const std::string& text, const AgendaParseOptions& options = {}) {
    return parseAgenda(text, "t.csv", "csv", options);
}

FormatError csvError(const std::string& text, const AgendaParseOptions& options = {}) {
    try {
        parseCsv(text, options);
    } catch (const FormatError& e) {
        return e;
    }
    FAIL("expected a FormatError");
    throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("CSV with BOM, CRLF, quoted commas, doubled quotes and newlines", "[csv]") {
    Agenda agenda = parseAgenda(readData("basic.csv"), "basic.csv", "auto", {});
    CHECK(agenda.format == "csv");
    CHECK(agenda.timeZone.empty());
    REQUIRE(agenda.sessions.size() == 4);

    const AgendaSession& a = agenda.sessions[0];
    CHECK(a.sourceId == "1");
    CHECK(a.line == 2);
    CHECK(a.title == "Ünïcödé, quoted \"comma\" talk");
    CHECK(a.description == "Line one\nline two, with comma\nline three");
    CHECK(a.startsAt == utc(2024, 5, 1, 9, 0));  // no --tz: UTC
    CHECK(a.endsAt == utc(2024, 5, 1, 9, 45));
    CHECK(a.room == "Saal 1");
    CHECK(a.track == "Cloud");
    CHECK(a.type == "Talk");
    CHECK(a.url == "https://example.org/1");
    CHECK(a.language == "de");
    REQUIRE(a.speakers.size() == 3);
    CHECK(a.speakers[0].name == "Ana Lima");
    CHECK(a.speakers[1].name == "Bo Chen");
    CHECK(a.speakers[2].name == "Cy Diaz");

    const AgendaSession& b = agenda.sessions[1];
    CHECK(b.line == 5);
    CHECK(b.title == "日本語のセッション");
    CHECK(b.room == "会議室 A");
    CHECK(b.startsAt == utc(2024, 5, 1, 1, 0));  // +09:00 in the value wins
    CHECK(b.endsAt == utc(2024, 5, 1, 2, 0));
    REQUIRE(b.speakers.size() == 1);
    CHECK(b.speakers[0].name == "山田 太郎");

    const AgendaSession& c = agenda.sessions[2];
    CHECK(c.line == 7);  // after a blank line
    CHECK(c.title == "Ελληνικά / Кириллица");
    CHECK(c.room == "Room \"B\"");
    REQUIRE(c.speakers.size() == 2);
    CHECK(c.speakers[0].name == "Βασίλης Παπαδόπουλος");
    CHECK(c.speakers[1].name == "Кирилл Иванов");

    const AgendaSession& d = agenda.sessions[3];
    CHECK(d.line == 9);  // the row of empty cells on line 8 is skipped
    CHECK(d.endsAt == d.startsAt);
    CHECK(hasWarning(agenda, "9: 'No end given' has no end or duration"));
    // Wall-clock times read in UTC: the import service re-reads them in the event's zone.
    CHECK(agenda.readInZone == "UTC");
    CHECK(agenda.wallClockTimes > 0);
    CHECK(agenda.fileTimeZone.empty());
}

TEST_CASE("CSV semicolon-separated with a column map, dates and Berlin DST edges", "[csv]") {
    AgendaParseOptions options = berlin();
    options.csvColumns = {{"titel", "title"},   {"DATUM", "date"},   {"Beginn", "start"},     {"ende", "end"},
                          {"Raum", "room"},     {"referent", "speakers"}, {"Beschreibung", "description"}};
    Agenda agenda = parseAgenda(readData("semicolon.csv"), "semicolon.csv", "auto", options);
    CHECK(agenda.timeZone == "Europe/Berlin");
    CHECK_FALSE(hasWarning(agenda, "times have no zone"));
    REQUIRE(agenda.sessions.size() == 6);

    const AgendaSession& coffee = agenda.sessions[0];
    CHECK(coffee.sourceId == "B1");
    CHECK(coffee.line == 2);
    CHECK(coffee.title == "Kaffee, Kuchen & Kubernetes");
    CHECK(coffee.description == "Mehrzeilig;\nmit Semikolon");
    CHECK(coffee.startsAt == utc(2024, 5, 1, 7, 0));  // 9:00 CEST
    CHECK(coffee.endsAt == utc(2024, 5, 1, 7, 45));
    REQUIRE(coffee.speakers.size() == 2);
    CHECK(coffee.speakers[0].name == "Hans Müller");
    CHECK(coffee.speakers[1].name == "Eva Schmidt");

    // 31 Mar: 01:30 CET to 03:30 CEST is one hour of real time.
    const AgendaSession& spring = agenda.sessions[1];
    CHECK(spring.line == 4);
    CHECK(spring.startsAt == utc(2024, 3, 31, 0, 30));
    CHECK(spring.endsAt == utc(2024, 3, 31, 1, 30));
    CHECK(spring.speakers.at(0).name == "Jürgen Groß");

    // 27 Oct: 02:30 happens twice; the earlier (CEST) one is taken.
    const AgendaSession& autumn = agenda.sessions[2];
    CHECK(autumn.startsAt == utc(2024, 10, 27, 0, 30));
    CHECK(autumn.endsAt == utc(2024, 10, 27, 2, 0));

    // A bare end time before the start runs past midnight.
    const AgendaSession& night = agenda.sessions[3];
    CHECK(night.startsAt == utc(2024, 5, 1, 21, 30));
    CHECK(night.endsAt == utc(2024, 5, 1, 22, 30));

    CHECK(agenda.sessions[4].startsAt == utc(2024, 5, 1, 12, 0));
    CHECK(agenda.sessions[4].endsAt == utc(2024, 5, 1, 13, 0));
    CHECK(agenda.sessions[5].startsAt == utc(2024, 5, 2, 8, 0));  // "02.05.2024 10:00"
    CHECK(agenda.sessions[5].endsAt == utc(2024, 5, 2, 9, 15));
}

TEST_CASE("CSV tab-separated with synonyms and durations", "[csv]") {
    Agenda agenda = parseAgenda(readData("tabs.tsv"), "tabs.tsv", "auto", {});
    CHECK(agenda.format == "csv");
    REQUIRE(agenda.sessions.size() == 4);
    const AgendaSession& a = agenda.sessions[0];
    CHECK(a.title == "Tabbed talk");
    CHECK(a.sourceId == "title:tabbed talk");  // no id column: agenda.cpp derives one
    CHECK(a.startsAt == utc(2024, 5, 1, 9, 0));
    CHECK(a.endsAt == utc(2024, 5, 1, 9, 45));
    CHECK(a.room == "Hall");
    CHECK(a.abstract == "Short summary");
    CHECK(a.url == "https://example.org/t");
    REQUIRE(a.speakers.size() == 1);
    CHECK(a.speakers[0].name == "Ana Lima");

    CHECK(agenda.sessions[1].endsAt - agenda.sessions[1].startsAt == 90 * 60);
    REQUIRE(agenda.sessions[1].speakers.size() == 2);
    CHECK(agenda.sessions[1].speakers[0].name == "佐藤 花子");
    CHECK(agenda.sessions[1].speakers[1].name == "Jörg Ünal");
    CHECK(agenda.sessions[2].endsAt - agenda.sessions[2].startsAt == 30 * 60);
    CHECK(agenda.sessions[3].title == "Tab inside");
    CHECK(agenda.sessions[3].abstract == "Summary, with comma");
    CHECK(agenda.sessions[3].line == 5);
}

TEST_CASE("CSV column map wins over built-in names", "[csv]") {
    std::string csv =
        "Name,Session,Start,Minutes\n"
        "Ana Lima,Parsing things,2024-05-01T09:00:00Z,20\n";
    AgendaParseOptions options;
    options.csvColumns = {{"NAME", "speakers"}, {"minutes", "duration"}, {"Nope", "room"}};
    Agenda agenda = parseCsv(csv, options);
    REQUIRE(agenda.sessions.size() == 1);
    CHECK(agenda.sessions[0].title == "Parsing things");
    REQUIRE(agenda.sessions[0].speakers.size() == 1);
    CHECK(agenda.sessions[0].speakers[0].name == "Ana Lima");
    CHECK(agenda.sessions[0].endsAt - agenda.sessions[0].startsAt == 20 * 60);
    CHECK(hasWarning(agenda, "1: column map names 'Nope', which the header does not have"));
    CHECK_FALSE(hasWarning(agenda, "times have no zone"));  // the value had Z

    AgendaParseOptions bad;
    bad.csvColumns = {{"Name", "speaker_name"}};
    FormatError e = csvError(csv, bad);
    CHECK(e.reason().find("column map: 'Name' maps to unknown field 'speaker_name'") == 0);
}

TEST_CASE("CSV odd but acceptable shapes", "[csv]") {
    SECTION("blank before an opening quote, padded rows, ignored columns") {
        std::string csv =
            "title, start , notes\n"
            "Spaced,  \"2024-05-01 09:00\" , whatever,,\n";
        Agenda agenda = parseCsv(csv, berlin());
        REQUIRE(agenda.sessions.size() == 1);
        CHECK(agenda.sessions[0].startsAt == utc(2024, 5, 1, 7, 0));
        CHECK(hasWarning(agenda, "1: ignored columns: 'notes'"));
        CHECK(hasWarning(agenda, "1: no end or duration column"));
    }
    SECTION("Excel's sep= line") {
        std::string csv = "sep=;\ntitle;start;end\nA, B;2024-05-01 09:00;10:00\n";
        Agenda agenda = parseCsv(csv, berlin());
        REQUIRE(agenda.sessions.size() == 1);
        CHECK(agenda.sessions[0].title == "A, B");
        CHECK(agenda.sessions[0].line == 3);
        CHECK(agenda.sessions[0].endsAt == utc(2024, 5, 1, 8, 0));
    }
    SECTION("rows without a title or start are skipped with a warning") {
        std::string csv = "title,start\n,2024-05-01 09:00\nNo start,\nKept,2024-05-01 10:00\n";
        Agenda agenda = parseCsv(csv, berlin());
        REQUIRE(agenda.sessions.size() == 1);
        CHECK(agenda.sessions[0].line == 4);
        CHECK(hasWarning(agenda, "2: row has no title; skipped"));
        CHECK(hasWarning(agenda, "3: 'No start' has no start; skipped"));
    }
    SECTION("LF without a final newline") {
        Agenda agenda = parseCsv("title,start,duration\nA,2024-05-01 09:00,0:45", berlin());
        REQUIRE(agenda.sessions.size() == 1);
        CHECK(agenda.sessions[0].endsAt - agenda.sessions[0].startsAt == 45 * 60);
    }
}

TEST_CASE("CSV duplicate ids get stable suffixes with line numbers", "[csv]") {
    std::string csv =
        "id,title,start,end\n"
        "7,First,2024-05-01 09:00,2024-05-01 10:00\n"
        "7,Second,2024-05-01 11:00,2024-05-01 12:00\n"
        "8,Echo,2024-05-01 13:00,2024-05-01 14:00\n"
        "8,Echo,2024-05-01 13:00,2024-05-01 14:00\n";
    Agenda agenda = parseCsv(csv, berlin());
    REQUIRE(agenda.sessions.size() == 3);
    CHECK(agenda.sessions[0].sourceId == "7");
    CHECK_THAT(agenda.sessions[1].sourceId, Catch::Matches("7~[0-9a-f]{8}"));  // suffix from title, start, room
    CHECK(agenda.sessions[2].sourceId == "8");
    CHECK(hasWarning(agenda, "line 3: session id '7' is already used by line 2"));
    CHECK(hasWarning(agenda, "line 5: session id '8' repeats line 4"));
}

TEST_CASE("CSV errors carry the line where the record starts", "[csv]") {
    SECTION("missing required column") {
        FormatError e = csvError("id,Title,Room\n1,A,B\n");
        CHECK(e.line() == 1);
        CHECK(e.reason() == "missing required column 'start' (header has: id, Title, Room)");
        CHECK(std::string(e.what()) == "t.csv:1: missing required column 'start' (header has: id, Title, Room)");
        FormatError both = csvError("speaker;when\nAna;9:00\n");
        CHECK(both.line() == 1);
        CHECK(both.reason() == "missing required columns 'title' and 'start' (header has: speaker, when)");
    }
    SECTION("unterminated quote") {
        FormatError e = csvError(readData("unterminated_quote.csv"));
        CHECK(e.line() == 3);
        CHECK(e.reason().find("unterminated quote") == 0);
    }
    SECTION("bad start after a multi-line record") {
        std::string csv =
            "title,start,end,description\n"
            "A,2024-05-01 09:00,2024-05-01 10:00,\"two\n"
            "lines\"\n"
            "B,tomorrow-ish,2024-05-01 10:00,\n";
        FormatError e = csvError(csv);
        CHECK(e.line() == 4);
        CHECK(e.reason().find("bad start value 'tomorrow-ish' in column 'start'") == 0);
    }
    SECTION("bad end value names the header as written") {
        FormatError e = csvError("Talk,Begin,End Time\nA,2024-05-01 09:00,25:99\n");
        CHECK(e.line() == 2);
        CHECK(e.reason().find("bad end value '25:99' in column 'End Time'") == 0);
    }
    SECTION("bad duration") {
        FormatError e = csvError("title,start,duration\nA,2024-05-01 09:00,45\nB,2024-05-01 09:00,an hour\n");
        CHECK(e.line() == 3);
        CHECK(e.reason().find("bad duration value 'an hour' in column 'duration'") == 0);
    }
    SECTION("bad date") {
        FormatError e = csvError("title,date,start\nA,2024-02-30,09:00\n");
        CHECK(e.line() == 2);
        CHECK(e.reason().find("bad date value '2024-02-30' in column 'date'") == 0);
    }
    SECTION("a time without a date") {
        FormatError e = csvError("title,start\nA,09:00\n");
        CHECK(e.line() == 2);
        CHECK(e.reason().find("is a time without a date") != std::string::npos);
    }
    SECTION("more fields than the header") {
        std::string csv =
            "title,start\n"
            "\"Quoted,\n"
            "over lines\",2024-05-01 09:00\n"
            "Unquoted, comma,2024-05-01 10:00\n";
        FormatError e = csvError(csv);
        CHECK(e.line() == 4);
        CHECK(e.reason().find("row has more fields than the header's 2 columns") == 0);
    }
    SECTION("no data rows") {
        CHECK(csvError("title,start\n\n\n").reason() == "no sessions found");
        CHECK(csvError("title,start\n,2024-05-01 09:00\n").reason() ==
              "no sessions found: every row was skipped (first: 2: row has no title)");
    }
    SECTION("more than 256 columns") {
        std::string header = "title,start";
        for (int i = 0; i < 300; ++i) header += ",c" + std::to_string(i);
        FormatError e = csvError(header + "\n");
        CHECK(e.line() == 1);
        CHECK(e.reason() == "more than 256 columns");
    }
}

TEST_CASE("CSV caps huge fields at 1 MiB on a character boundary", "[csv]") {
    std::string big;
    while (big.size() < (size_t(3) << 19)) big += "Ελλ";  // 2-byte characters, 1.5 MiB
    std::string csv = "title,start,description\nBig,2024-05-01 09:00,\"" + big + "\"\nAfter,2024-05-01 10:00,x\n";
    Agenda agenda = parseCsv(csv, berlin());
    REQUIRE(agenda.sessions.size() == 2);
    const std::string& d = agenda.sessions[0].description;
    CHECK(d.size() <= (size_t(1) << 20));
    CHECK(d.size() > (size_t(1) << 20) - 4);
    CHECK(text::isValidUtf8(d));
    CHECK(agenda.sessions[1].line == 3);
    CHECK(hasWarning(agenda, "2: column 'description' is longer than 1 MiB; truncated"));
}

TEST_CASE("CSV bounds the work hostile input can cause", "[csv]") {
    SECTION("speaker lists are cut at 8 KiB before splitting") {
        std::string names;
        while (names.size() < 20000) names += "Ana & ";
        Agenda agenda = parseCsv("title,start,speakers\nA,2024-05-01 09:00,\"" + names + "\"\n", berlin());
        REQUIRE(agenda.sessions.size() == 1);
        CHECK(agenda.sessions[0].speakers.size() < 1400);
        CHECK(hasWarning(agenda, "2: speaker list is longer than 8 KiB; truncated"));
    }
    SECTION("warnings stop at 200") {
        std::string csv = "title,start\n";
        for (int i = 0; i < 300; ++i) csv += ",2024-05-01 09:00\n";
        csv += "Kept,2024-05-01 09:00\n";
        Agenda agenda = parseCsv(csv, berlin());
        REQUIRE(agenda.sessions.size() == 1);
        CHECK(agenda.warnings.size() == 201);  // 200 shown (the header one included) + the summary
        CHECK(agenda.warnings.back() == "101 more warnings not shown");
    }
    SECTION("quotes inside an unquoted field are kept as text") {
        Agenda agenda = parseCsv("title,start\nSay \"hi\" now,2024-05-01 09:00\n", berlin());
        REQUIRE(agenda.sessions.size() == 1);
        CHECK(agenda.sessions[0].title == "Say \"hi\" now");
    }
}

TEST_CASE("a duplicated id is settled from the session's content, so reordering keeps every id", "[csv][agenda]") {
    const std::string header = "id,title,start,end,room\n";
    const std::string a = "7,Keynote,2024-05-01 09:00,2024-05-01 10:00,Main\n";
    const std::string b = "7,Lightning talks,2024-05-01 16:00,2024-05-01 17:00,Main\n";
    const std::string c = "7,Lightning talks,2024-05-02 16:00,2024-05-02 17:00,Main\n";
    auto idsByTitleAndDay = [&](const std::string& csv) {
        std::map<std::string, std::string> ids;
        for (const auto& s : parseCsv(csv, berlin()).sessions) ids[s.title + "@" + std::to_string(s.startsAt)] = s.sourceId;
        return ids;
    };
    auto forward = idsByTitleAndDay(header + a + b + c);
    REQUIRE(forward.size() == 3);
    CHECK(idsByTitleAndDay(header + c + b + a) == forward);
    CHECK(idsByTitleAndDay(header + b + a + c) == forward);
    // The earliest keeps the bare id; the same title on two days gets two ids.
    CHECK(std::count_if(forward.begin(), forward.end(), [](const auto& kv) { return kv.second == "7"; }) == 1);
    std::set<std::string> distinct;
    for (const auto& kv : forward) distinct.insert(kv.second);
    CHECK(distinct.size() == 3);
}
