#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <vector>

#include "core/note_markers.h"

using namespace hallway;

namespace {

// A Wednesday: "Friday" is two days later, "Wednesday" a week later.
const CalendarDate kWed{2027, 4, 7};

CalendarDate ymd(int y, int m, int d) { return CalendarDate{y, m, d}; }

std::vector<NoteItemKind> kindsOf(const ParsedNote& note) {
    std::vector<NoteItemKind> kinds;
    for (const auto& item : note.items) kinds.push_back(item.kind);
    return kinds;
}

using Kinds = std::vector<NoteItemKind>;
using Strings = std::vector<std::string>;

}  // namespace

// ---------------------------------------------------------------------------
// Markers

TEST_CASE("the conference note from the brief", "[notes]") {
    const char* body =
        "Met @ana-lima at the Rust talk; #promise send her the bench paper by Friday\n"
        "#detail running the Lisbon marathon on 12 April\n"
        "[ ] intro her to @bo #intro\n"
        "C# folks hang out at booth #12";
    ParsedNote note = parseNoteMarkers(body, kWed);
    REQUIRE(note.items.size() == 4);

    CHECK(note.items[0].kind == NoteItemKind::Promise);
    CHECK(note.items[0].text == "Met @ana-lima at the Rust talk; send her the bench paper by Friday");
    CHECK(note.items[0].date == ymd(2027, 4, 9));
    CHECK(note.items[0].line == 1);
    CHECK_FALSE(note.items[0].done);

    CHECK(note.items[1].kind == NoteItemKind::Detail);
    CHECK(note.items[1].text == "running the Lisbon marathon on 12 April");
    CHECK(note.items[1].date == ymd(2027, 4, 12));
    CHECK(note.items[1].line == 2);

    // One item per marker kind on the line, same text: a checkbox promise and an intro.
    CHECK(note.items[2].kind == NoteItemKind::Promise);
    CHECK(note.items[3].kind == NoteItemKind::Intro);
    for (int k : {2, 3}) {
        CHECK(note.items[k].text == "intro her to @bo");
        CHECK(note.items[k].line == 3);
        CHECK_FALSE(note.items[k].date);
        CHECK_FALSE(note.items[k].done);
    }

    CHECK(note.mentions == Strings{"ana-lima", "bo"});
    CHECK(note.tags.empty());  // "C#" and "#12" are neither markers nor tags
}

TEST_CASE("each marker word gives its kind, case-insensitively", "[notes]") {
    CHECK(kindsOf(parseNoteMarkers("#promise send slides", kWed)) == Kinds{NoteItemKind::Promise});
    CHECK(kindsOf(parseNoteMarkers("#intro Ana to Bo", kWed)) == Kinds{NoteItemKind::Intro});
    CHECK(kindsOf(parseNoteMarkers("#detail has two cats", kWed)) == Kinds{NoteItemKind::Detail});
    CHECK(kindsOf(parseNoteMarkers("#ask about the job opening", kWed)) == Kinds{NoteItemKind::Ask});
    CHECK(kindsOf(parseNoteMarkers("#PROMISE send slides", kWed)) == Kinds{NoteItemKind::Promise});
    CHECK(kindsOf(parseNoteMarkers("#Intro Ana to Bo", kWed)) == Kinds{NoteItemKind::Intro});
    CHECK(kindsOf(parseNoteMarkers("#aSk about visas", kWed)) == Kinds{NoteItemKind::Ask});
}

TEST_CASE("accepted marker forms: promised, introduce, introduction, details", "[notes]") {
    CHECK(kindsOf(parseNoteMarkers("#promised to send the deck", kWed)) == Kinds{NoteItemKind::Promise});
    CHECK(kindsOf(parseNoteMarkers("#introduce Ana to Bo", kWed)) == Kinds{NoteItemKind::Intro});
    CHECK(kindsOf(parseNoteMarkers("#introduction Ana and Bo", kWed)) == Kinds{NoteItemKind::Intro});
    CHECK(kindsOf(parseNoteMarkers("#details vegan, allergic to nuts", kWed)) == Kinds{NoteItemKind::Detail});
    // "#promised" is a promise made, not one kept.
    CHECK_FALSE(parseNoteMarkers("#promised to send the deck", kWed).items.at(0).done);
}

TEST_CASE("plurals that read as prose stay tags", "[notes]") {
    ParsedNote note = parseNoteMarkers("#promises are cheap, #asks are cheaper", kWed);
    CHECK(note.items.empty());
    CHECK(note.tags == Strings{"promises", "asks"});
    CHECK(parseNoteMarkers("#intros happen at lunch", kWed).items.empty());
    CHECK(parseNoteMarkers("#promise-ish maybe", kWed).items.empty());
    CHECK(parseNoteMarkers("#promise-ish maybe", kWed).tags == Strings{"promise-ish"});
}

TEST_CASE("marker boundaries: start, whitespace or '(' before - end, space or punctuation after", "[notes]") {
    ParsedNote a = parseNoteMarkers("send the paper (#promise) tonight", kWed);
    REQUIRE(a.items.size() == 1);
    CHECK(a.items[0].text == "send the paper tonight");  // no empty "()" left behind

    ParsedNote b = parseNoteMarkers("send the paper #promise.", kWed);
    REQUIRE(b.items.size() == 1);
    CHECK(b.items[0].text == "send the paper.");

    ParsedNote c = parseNoteMarkers("#promise: send the paper", kWed);
    REQUIRE(c.items.size() == 1);
    CHECK(c.items[0].text == "send the paper");

    ParsedNote d = parseNoteMarkers("Bench paper: #promise", kWed);
    REQUIRE(d.items.size() == 1);
    CHECK(d.items[0].text == "Bench paper");

    ParsedNote e = parseNoteMarkers("\tcall Bo\t#ask,  about   the   venue ", kWed);
    REQUIRE(e.items.size() == 1);
    CHECK(e.items[0].kind == NoteItemKind::Ask);
    CHECK(e.items[0].text == "call Bo, about the venue");

    ParsedNote f = parseNoteMarkers("- #promise - send the paper", kWed);
    REQUIRE(f.items.size() == 1);
    CHECK(f.items[0].text == "send the paper");

    ParsedNote g = parseNoteMarkers("\xE2\x80\xA2 #promise \xE2\x80\x94 send the paper \xE2\x80\x94", kWed);
    REQUIRE(g.items.size() == 1);
    CHECK(g.items[0].text == "send the paper");

    // Glued on either side: ordinary text.
    CHECK(parseNoteMarkers("[#promise] send", kWed).items.empty());
    CHECK(parseNoteMarkers("#promise/intro send", kWed).items.empty());
    CHECK(parseNoteMarkers("#promise#intro send", kWed).items.empty());
}

TEST_CASE("several markers on a line: one item per kind, in order of appearance", "[notes]") {
    ParsedNote note = parseNoteMarkers("#ask Bo about Rust jobs and #intro him to Ana #ask", kWed);
    CHECK(kindsOf(note) == Kinds{NoteItemKind::Ask, NoteItemKind::Intro});
    for (const auto& item : note.items) CHECK(item.text == "Bo about Rust jobs and him to Ana");

    ParsedNote promise = parseNoteMarkers("[ ] send slides #promise", kWed);
    CHECK(kindsOf(promise) == Kinds{NoteItemKind::Promise});  // checkbox and #promise are one promise
    CHECK(promise.items.at(0).text == "send slides");
}

TEST_CASE("checkbox lines are promises - ticked ones are kept", "[notes]") {
    const char* body =
        "[ ] send slides\n"
        "- [ ] book a table\n"
        "* [ ] reply to Cy\n"
        "  + [ ] nested item\n"
        "[x] mailed the paper\n"
        "- [X] paid for dinner\n"
        "[x] introduced Ana to Bo #intro\n";
    ParsedNote note = parseNoteMarkers(body, kWed);
    REQUIRE(note.items.size() == 8);
    const Strings texts = {"send slides",       "book a table",    "reply to Cy",          "nested item",
                           "mailed the paper",  "paid for dinner", "introduced Ana to Bo", "introduced Ana to Bo"};
    const std::vector<bool> done = {false, false, false, false, true, true, true, true};
    const std::vector<int> lines = {1, 2, 3, 4, 5, 6, 7, 7};
    for (size_t k = 0; k < note.items.size(); ++k) {
        INFO("item " << k);
        CHECK(note.items[k].text == texts[k]);
        CHECK(note.items[k].done == done[k]);
        CHECK(note.items[k].line == lines[k]);
    }
    CHECK(note.items[6].kind == NoteItemKind::Promise);
    CHECK(note.items[7].kind == NoteItemKind::Intro);  // the tick covers the whole line

    // Not checkboxes: no space inside, no space after, not at the start.
    CHECK(parseNoteMarkers("[] send slides", kWed).items.empty());
    CHECK(parseNoteMarkers("[ ]send slides", kWed).items.empty());
    CHECK(parseNoteMarkers("[y] send slides", kWed).items.empty());
    CHECK(parseNoteMarkers("see [ ] below", kWed).items.empty());
    CHECK(parseNoteMarkers("-[ ] send slides", kWed).items.empty());
    CHECK(parseNoteMarkers("`[ ]` is a checkbox", kWed).items.empty());
}

TEST_CASE("a marker with nothing to do makes no item", "[notes]") {
    CHECK(parseNoteMarkers("[ ]", kWed).items.empty());
    CHECK(parseNoteMarkers("- [x]   ", kWed).items.empty());
    CHECK(parseNoteMarkers("#promise", kWed).items.empty());
    CHECK(parseNoteMarkers("#promise #intro :", kWed).items.empty());
}

TEST_CASE("false positives: ordinary text with hashes, brackets or at-signs is no item", "[notes]") {
    const char* ordinary[] = {
        "C# is fun",
        "see issue #123",
        "array[0] and a[ ]b",
        "x#promise",
        "email ana@example.org",
        "#promises are cheap",
        "# Title",
        "## Notes",
        "### #",
        "`#promise` in code",
        "run ``echo #intro`` first",
        "https://example.org/page#promise",
        "F#/C# meetup",
        "#1 priority",
        "we march on",
        "a[x] b",
        "",
        "#",
        "[",
    };
    for (const char* line : ordinary) {
        INFO(line);
        CHECK(parseNoteMarkers(line, kWed).items.empty());
    }
}

TEST_CASE("code spans are ordinary text", "[notes]") {
    ParsedNote note = parseNoteMarkers("#promise fix `#intro @bo #rust` bug", kWed);
    REQUIRE(note.items.size() == 1);
    CHECK(note.items[0].kind == NoteItemKind::Promise);
    CHECK(note.items[0].text == "fix `#intro @bo #rust` bug");
    CHECK(note.mentions.empty());
    CHECK(note.tags.empty());

    // An unmatched backtick is literal, so markers after it still count.
    ParsedNote open = parseNoteMarkers("it`s late #promise call Bo", kWed);
    CHECK(kindsOf(open) == Kinds{NoteItemKind::Promise});

    // A run of two backticks closes only at the next run of two.
    ParsedNote runs = parseNoteMarkers("``a ` #intro`` #ask b", kWed);
    CHECK(kindsOf(runs) == Kinds{NoteItemKind::Ask});
    CHECK(runs.items.at(0).text == "``a ` #intro`` b");

    // Spans do not cross lines.
    ParsedNote lines = parseNoteMarkers("open `span\n#promise call Bo`", kWed);
    CHECK(kindsOf(lines) == Kinds{NoteItemKind::Promise});
    CHECK(lines.items.at(0).line == 2);
}

TEST_CASE("mentions: whole handles, not emails or paths", "[notes]") {
    ParsedNote note = parseNoteMarkers(
        "Lunch with @ana-lima, @bo_chen and @cy.diaz. Mail ana@example.org.\n"
        "(@Ana-Lima again) see https://social.example/@dee and npm/@scope/pkg\n"
        "@jürgen was there; so was @_ed; meet @ 3pm, @3pm, @-x, @.\n",
        kWed);
    CHECK(note.mentions == Strings{"ana-lima", "bo_chen", "cy.diaz", "jürgen", "_ed"});
    CHECK(note.items.empty());
}

TEST_CASE("tags: other #words, lower-cased, no duplicates", "[notes]") {
    ParsedNote note = parseNoteMarkers(
        "#Rust talk was great #rust #WebAssembly\n"
        "#café-chat at #12, C#, x#y, #_x and (#Kotlin)\n"
        "#promise send the #Rust slides",
        kWed);
    CHECK(note.tags == Strings{"rust", "webassembly", "café-chat", "kotlin"});
    REQUIRE(note.items.size() == 1);
    CHECK(note.items[0].text == "send the #Rust slides");  // tags stay in the text
    CHECK(note.items[0].line == 3);
}

TEST_CASE("line numbers, CRLF and a byte order mark", "[notes]") {
    ParsedNote note = parseNoteMarkers("\xEF\xBB\xBF#ask Ana\r\n\r\n\r\n#promise call Bo\r\n", kWed);
    REQUIRE(note.items.size() == 2);
    CHECK(note.items[0].text == "Ana");
    CHECK(note.items[0].line == 1);
    CHECK(note.items[1].text == "call Bo");
    CHECK(note.items[1].line == 4);
}

TEST_CASE("item dates come from the item text", "[notes]") {
    ParsedNote note = parseNoteMarkers(
        "#promise send the paper by Friday\n"
        "#detail marathon on 2027-05-02\n"
        "#ask about the offsite tomorrow\n"
        "#intro Ana to Bo next week\n"
        "#promise send slides",
        kWed);
    REQUIRE(note.items.size() == 5);
    CHECK(note.items[0].date == ymd(2027, 4, 9));
    CHECK(note.items[1].date == ymd(2027, 5, 2));
    CHECK(note.items[2].date == ymd(2027, 4, 8));
    CHECK(note.items[3].date == ymd(2027, 4, 14));
    CHECK_FALSE(note.items[4].date);
}

TEST_CASE("kind names", "[notes]") {
    CHECK(std::string(noteItemKindName(NoteItemKind::Promise)) == "promise");
    CHECK(std::string(noteItemKindName(NoteItemKind::Intro)) == "intro");
    CHECK(std::string(noteItemKindName(NoteItemKind::Detail)) == "detail");
    CHECK(std::string(noteItemKindName(NoteItemKind::Ask)) == "ask");
}

TEST_CASE("hostile notes parse in linear time", "[notes]") {
    using Clock = std::chrono::steady_clock;
    auto timed = [](const std::string& body) {
        auto t0 = Clock::now();
        ParsedNote note = parseNoteMarkers(body, kWed);
        double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
        CHECK(seconds < 2.0);
        return note;
    };
    const size_t mib = 1 << 20;

    std::string hashes(mib, '#');
    CHECK(timed(hashes).items.empty());

    std::string backticks;
    for (size_t len = 1; backticks.size() < mib; ++len) backticks += std::string(len % 50 + 1, '`') + " ";
    CHECK(timed(backticks).items.empty());

    std::string words;
    while (words.size() < mib) words += "#promise @ana 12 April ";
    ParsedNote many = timed(words);
    REQUIRE(many.items.size() == 1);
    CHECK(many.items[0].date == ymd(2027, 4, 12));
    CHECK(many.mentions == Strings{"ana"});

    std::string longWord = "#promise " + std::string(mib, 'a') + " @" + std::string(mib, 'b');
    ParsedNote big = timed(longWord);
    REQUIRE(big.items.size() == 1);
    CHECK(big.mentions.at(0).size() == mib);

    std::string lines;
    while (lines.size() < mib) lines += "#ask x\n";
    CHECK(timed(lines).items.size() == mib / 7 + 1);

    std::string digits;
    while (digits.size() < mib) digits += "1.2.3-4/5 ";
    CHECK(timed("#promise " + digits).items.size() == 1);
}

// ---------------------------------------------------------------------------
// Dates

TEST_CASE("findDate: ISO dates", "[notes]") {
    CHECK(findDate("on 2027-04-12", kWed) == ymd(2027, 4, 12));
    CHECK(findDate("2025-01-31 was earlier", kWed) == ymd(2025, 1, 31));  // explicit year, even in the past
    CHECK(findDate("2027-4-2", kWed) == ymd(2027, 4, 2));
    CHECK(findDate("at 2027-04-12T10:00", kWed) == ymd(2027, 4, 12));
    CHECK_FALSE(findDate("2027-02-30", kWed));
    CHECK_FALSE(findDate("2027-13-01", kWed));
    CHECK_FALSE(findDate("build 2027-04-12-3", kWed));
    CHECK_FALSE(findDate("v2027-04-12", kWed));
}

TEST_CASE("findDate: day and month names", "[notes]") {
    CHECK(findDate("12 April", kWed) == ymd(2027, 4, 12));
    CHECK(findDate("12th April", kWed) == ymd(2027, 4, 12));
    CHECK(findDate("the 1st of May", kWed) == ymd(2027, 5, 1));
    CHECK(findDate("April 12", kWed) == ymd(2027, 4, 12));
    CHECK(findDate("April 12th.", kWed) == ymd(2027, 4, 12));
    CHECK(findDate("12 Apr 2027", kWed) == ymd(2027, 4, 12));
    CHECK(findDate("12 Apr. 2028", kWed) == ymd(2028, 4, 12));
    CHECK(findDate("Apr 12, 2027", kWed) == ymd(2027, 4, 12));
    CHECK(findDate("Sept. 3", kWed) == ymd(2027, 9, 3));
    CHECK(findDate("3 DECEMBER", kWed) == ymd(2027, 12, 3));
    CHECK(findDate("due 3 dec", kWed) == ymd(2027, 12, 3));
    CHECK(findDate("2 April", kWed) == ymd(2028, 4, 2));   // passed this year: next year's
    CHECK(findDate("7 April", kWed) == ymd(2027, 4, 7));   // the reference day itself counts
    CHECK(findDate("12 April 1000 people", kWed) == ymd(2027, 4, 12));  // 1000 is no year
}

TEST_CASE("findDate: numeric dates are day-first", "[notes]") {
    CHECK(findDate("12.04.2027", kWed) == ymd(2027, 4, 12));
    CHECK(findDate("12/04/2027", kWed) == ymd(2027, 4, 12));
    CHECK(findDate("04/12/2027", kWed) == ymd(2027, 12, 4));  // 4 December, not April 12
    CHECK(findDate("on 1.5.2027.", kWed) == ymd(2027, 5, 1));
    CHECK_FALSE(findDate("13/13/2027", kWed));
    CHECK_FALSE(findDate("12/04/27", kWed));      // two-digit years are not read
    CHECK_FALSE(findDate("12.04 euros", kWed));   // no year: a decimal, not a date
    CHECK_FALSE(findDate("12.04/2027", kWed));    // mixed separators
    CHECK_FALSE(findDate("10.12.2027.1", kWed));  // a version or address
    CHECK_FALSE(findDate("at 10:30", kWed));
}

TEST_CASE("findDate: relative words", "[notes]") {
    CHECK(findDate("today", kWed) == ymd(2027, 4, 7));
    CHECK(findDate("Tomorrow morning", kWed) == ymd(2027, 4, 8));
    CHECK(findDate("the day after tomorrow", kWed) == ymd(2027, 4, 9));
    CHECK(findDate("next week", kWed) == ymd(2027, 4, 14));
    CHECK(findDate("in 3 days", kWed) == ymd(2027, 4, 10));
    CHECK(findDate("in 2 weeks", kWed) == ymd(2027, 4, 21));
    CHECK_FALSE(findDate("next weekend", kWed));
    CHECK_FALSE(findDate("tomorrowland", kWed));
    CHECK_FALSE(findDate("in 0 days", kWed));
}

TEST_CASE("findDate: weekdays are the next one strictly after the reference", "[notes]") {
    CHECK(findDate("Friday", kWed) == ymd(2027, 4, 9));
    CHECK(findDate("on Fri", kWed) == ymd(2027, 4, 9));
    CHECK(findDate("by thursday", kWed) == ymd(2027, 4, 8));
    CHECK(findDate("Wednesday", kWed) == ymd(2027, 4, 14));  // the same weekday means next week's
    CHECK(findDate("next Monday", kWed) == ymd(2027, 4, 12));
    CHECK(findDate("Tue.", kWed) == ymd(2027, 4, 13));
    CHECK(findDate("on Sat", kWed) == ymd(2027, 4, 10));
    CHECK(findDate("by sun", kWed) == ymd(2027, 4, 11));
    // Abbreviations that are also words count only after "on", "by", ...
    CHECK_FALSE(findDate("I sat next to Bo", kWed));
    CHECK_FALSE(findDate("Sun was out", kWed));
    CHECK_FALSE(findDate("they wed in June", kWed));
    CHECK_FALSE(findDate("Fridays are quiet", kWed));
    // A weekday followed by a full date: the date wins.
    CHECK(findDate("Friday, 16 April", kWed) == ymd(2027, 4, 16));
    CHECK(findDate("Fri April 23", kWed) == ymd(2027, 4, 23));
    CHECK_FALSE(findDate("Friday 31 April", kWed));
}

TEST_CASE("findDate: month words must be whole and next to a day", "[notes]") {
    CHECK_FALSE(findDate("Mayday Mayday", kWed));
    CHECK_FALSE(findDate("we march on", kWed));
    CHECK_FALSE(findDate("we march 3 km", kWed));    // lower-case "march"/"may" before a number is a verb
    CHECK_FALSE(findDate("you may 2x it", kWed));
    CHECK(findDate("March 3", kWed) == ymd(2028, 3, 3));
    CHECK(findDate("3 march", kWed) == ymd(2028, 3, 3));  // day first: unambiguous
    CHECK_FALSE(findDate("April", kWed));
    CHECK_FALSE(findDate("May 2027", kWed));
    CHECK_FALSE(findDate("April 3pm", kWed));
    CHECK_FALSE(findDate("12April", kWed));
    CHECK_FALSE(findDate("A12 April", kWed));
    CHECK_FALSE(findDate("1.5 April", kWed));
    CHECK_FALSE(findDate("Aprilia 12", kWed));
}

TEST_CASE("findDate: invalid dates are none", "[notes]") {
    CHECK_FALSE(findDate("31 April", kWed));
    CHECK_FALSE(findDate("April 31", kWed));
    CHECK_FALSE(findDate("30 February", kWed));
    CHECK_FALSE(findDate("0 May", kWed));
    CHECK_FALSE(findDate("32 May", kWed));
    CHECK_FALSE(findDate("29 Feb 2027", kWed));
    CHECK(findDate("29 Feb 2028", kWed) == ymd(2028, 2, 29));
    // An invalid date is skipped, a later valid one still found.
    CHECK(findDate("31 April or 2 May", kWed) == ymd(2027, 5, 2));
}

TEST_CASE("findDate: the first date in the text wins", "[notes]") {
    CHECK(findDate("tomorrow or 12 April", kWed) == ymd(2027, 4, 8));
    CHECK(findDate("12 April or tomorrow", kWed) == ymd(2027, 4, 12));
    CHECK(findDate("from 2027-06-01 to 2027-06-05", kWed) == ymd(2027, 6, 1));
    CHECK_FALSE(findDate("no date here", kWed));
    CHECK_FALSE(findDate("", kWed));
}

TEST_CASE("findDate: across the year end and leap days", "[notes]") {
    const CalendarDate dec30{2026, 12, 30};  // a Wednesday
    CHECK(findDate("2 January", dec30) == ymd(2027, 1, 2));
    CHECK(findDate("30 December", dec30) == ymd(2026, 12, 30));
    CHECK(findDate("29 December", dec30) == ymd(2027, 12, 29));
    CHECK(findDate("tomorrow", dec30) == ymd(2026, 12, 31));
    CHECK(findDate("Friday", dec30) == ymd(2027, 1, 1));
    CHECK(findDate("next week", dec30) == ymd(2027, 1, 6));
    CHECK(findDate("in 3 days", dec30) == ymd(2027, 1, 2));

    CHECK(findDate("29 Feb", ymd(2027, 3, 1)) == ymd(2028, 2, 29));
    CHECK(findDate("Feb 29", ymd(2028, 2, 29)) == ymd(2028, 2, 29));
    CHECK(findDate("29 Feb", ymd(2096, 3, 1)) == ymd(2104, 2, 29));  // 2100 is no leap year
    CHECK(findDate("tomorrow", ymd(2028, 2, 28)) == ymd(2028, 2, 29));
    CHECK(findDate("tomorrow", ymd(2027, 2, 28)) == ymd(2027, 3, 1));
}

TEST_CASE("findDate: dates only, so DST changes shift nothing", "[notes]") {
    // Europe changes clocks on 28 March 2027 and 31 October 2027, the US on
    // 14 March and 7 November; day arithmetic across them stays exact.
    CHECK(findDate("tomorrow", ymd(2027, 3, 27)) == ymd(2027, 3, 28));
    CHECK(findDate("tomorrow", ymd(2027, 3, 28)) == ymd(2027, 3, 29));
    CHECK(findDate("next week", ymd(2027, 3, 25)) == ymd(2027, 4, 1));
    CHECK(findDate("Sunday", ymd(2027, 10, 30)) == ymd(2027, 10, 31));
    CHECK(findDate("in 2 weeks", ymd(2027, 11, 1)) == ymd(2027, 11, 15));
}

TEST_CASE("findDate: an invalid reference gives no date", "[notes]") {
    CHECK_FALSE(findDate("tomorrow", ymd(2027, 2, 30)));
    CHECK_FALSE(findDate("12 April", ymd(2027, 13, 1)));
}

TEST_CASE("#met marks the @mentions on its line as people you talked with, a mention alone is no meeting",
          "[notes][met]") {
    ParsedNote n = parseNoteMarkers("great talk by @deb\n#met @ana @Bo \"fuzzing parsers\" after lunch\n@cy was there too",
                                    ymd(2025, 9, 24));
    CHECK(n.mentions == std::vector<std::string>{"deb", "ana", "Bo", "cy"});
    CHECK(n.met == std::vector<std::string>{"ana", "Bo"});
    CHECK(n.topic == "fuzzing parsers");
    CHECK(n.items.empty());  // #met makes no item
    CHECK(n.tags.empty());   // and is no tag
    // After the mention too; curly quotes; the first topic wins.
    ParsedNote late = parseNoteMarkers("lunch w/ @ines #met. \u201cSQLite migrations\u201d\n#met @kofi \"WAL\"", ymd(2025, 9, 24));
    CHECK(late.met == std::vector<std::string>{"ines", "kofi"});
    CHECK(late.topic == "SQLite migrations");
    CHECK(parseNoteMarkers("no #metal here, @ana", ymd(2025, 9, 24)).met.empty());
}

TEST_CASE("a quote after a marker is the item's words for the recipient, up to the next marker", "[notes][quote]") {
    ParsedNote n = parseNoteMarkers("#met @ana \"fuzzing\" #promise \"the benchmark slides\" she wants them by Friday\n"
                                    "[ ] send @bo the link\n"
                                    "#ask @cy if \"Rust\" is used there\n"
                                    "#detail #ask \"your move\" moving in May",
                                    ymd(2025, 9, 24));
    REQUIRE(n.items.size() == 5);
    CHECK(n.topic == "fuzzing");
    CHECK(n.items[0].kind == NoteItemKind::Promise);
    CHECK(n.items[0].quote == "the benchmark slides");
    CHECK(n.items[1].quote.empty());  // no quote: the draft leaves a blank
    CHECK(n.items[2].kind == NoteItemKind::Ask);
    CHECK(n.items[2].quote == "Rust");
    // Two markers on a line: the quote belongs to the one it follows.
    CHECK(n.items[3].kind == NoteItemKind::Detail);
    CHECK(n.items[3].quote.empty());
    CHECK(n.items[4].kind == NoteItemKind::Ask);
    CHECK(n.items[4].quote == "your move");
    // An unclosed or empty quote is no quote.
    CHECK(parseNoteMarkers("#promise \"the slides", ymd(2025, 9, 24)).items[0].quote.empty());
    CHECK(parseNoteMarkers("#promise \"\" slides", ymd(2025, 9, 24)).items[0].quote.empty());
}
