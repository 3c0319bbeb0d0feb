// iCalendar written for calendar apps and CalDAV servers: a hostile value
// (a session title from an agenda, a URL from a badge) stays inside its property.
#include <catch2/catch.hpp>

#include "core/followup.h"
#include "formats/agenda.h"
#include "formats/followup_export.h"
#include "formats/ical_export.h"

using namespace hallway;

namespace {

size_t linesStarting(const std::string& text, const std::string& start) {
    size_t n = 0;
    for (size_t at = text.find(start); at != std::string::npos; at = text.find(start, at + 1))
        if (at == 0 || text[at - 1] == '\n') ++n;
    return n;
}

}  // namespace

TEST_CASE("iCalendar values: CR made LF, controls dropped, URIs without breaks", "[ics][export]") {
    CHECK(icalText("a\rb\r\nc\nd\te\x01") == "a\nb\nc\nd\te");
    CHECK(icalUri("https://x.example/a\r\nX-EVIL:1 b") == "https://x.example/aX-EVIL:1b");
}

TEST_CASE("a session's VEVENT keeps hostile values inside their properties", "[ics][export]") {
    Event event;
    event.timeZone = "Europe/Berlin";
    Session s;
    s.id = 3;
    s.title = "Fuzzing\rEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:injected";
    s.room = "Hall; A, B\\";
    s.speakers = {"Ana\rLima"};
    s.abstract = "line one\rATTENDEE:mailto:evil@example.org";
    s.url = "https://x.example/talk\r\nX-EVIL:1";
    s.startsAt = 1738573200;
    s.endsAt = s.startsAt + 1800;
    std::string out = sessionToICalendar(s, event, false);
    CHECK(linesStarting(out, "BEGIN:VEVENT") == 1);
    CHECK(linesStarting(out, "SUMMARY:") == 1);
    CHECK(linesStarting(out, "ATTENDEE") == 0);
    CHECK(linesStarting(out, "X-EVIL") == 0);

    Agenda back = parseAgenda(out, "export.ics", "ics");
    REQUIRE(back.sessions.size() == 1);
    CHECK(back.sessions[0].title == "Fuzzing\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:injected");
    CHECK(back.sessions[0].room == "Hall; A, B\\");
    CHECK(back.sessions[0].url == "https://x.example/talkX-EVIL:1");
    CHECK(back.sessions[0].startsAt == s.startsAt);
}

TEST_CASE("follow-up VTODOs keep a hostile draft inside DESCRIPTION", "[ics][export]") {
    FollowUp a;
    a.kind = "thank_you";
    a.dueDate = "2025-02-04";
    a.dedupeKey = "a";
    a.personName = "Bo\rChen";
    a.draft = "Subject: Hi\r\n\r\nEND:VTODO\r\nBEGIN:VTODO\r\nSUMMARY:injected";
    FollowUp b = a;
    b.dedupeKey = "b";
    b.personName = "Cy";
    b.draft = "Subject: Hello";
    std::string out = followUpsToICalendar({a, b});
    CHECK(linesStarting(out, "BEGIN:VTODO") == 2);
    CHECK(linesStarting(out, "SUMMARY:") == 2);
}
