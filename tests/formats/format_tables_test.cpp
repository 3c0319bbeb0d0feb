// The agenda and contacts format tables: each row is what detection,
// dispatch and --format go by, so a row added is a format known everywhere.
#include <catch2/catch.hpp>

#include "formats/agenda.h"
#include "formats/contacts.h"

using namespace hallway;

namespace {

FormatError agendaDetectError(const std::string& bytes, const std::string& name) {
    try {
        detectAgendaFormat(bytes, name);
    } catch (const FormatError& e) {
        return e;
    }
    FAIL("expected a FormatError");
    throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("Agenda format keys: each finds its row, and --format takes them all after auto", "[formats]") {
    const auto& table = agendaFormats();
    REQUIRE(agendaFormatKeys().size() == table.size() + 1);
    CHECK(agendaFormatKeys().front() == "auto");
    for (size_t i = 0; i < table.size(); ++i) {
        CHECK(findAgendaFormat(table[i].name) == &table[i]);
        CHECK(agendaFormatKeys()[i + 1] == table[i].name);
    }
    CHECK_FALSE(findAgendaFormat("auto"));
    CHECK(agendaFormatChoices() == "auto, frab-xml, ics, indico, frab-json, sessionize or csv");
    CHECK(agendaFormatLabels() ==
          "pentabarf/frab XML, iCalendar, Indico JSON, frab/pretalx JSON, Sessionize JSON or CSV with a header");
    try {
        parseAgenda("title,start\n", "x.csv", "pdf");
        FAIL("expected std::invalid_argument");
    } catch (const std::invalid_argument& e) {
        CHECK(std::string(e.what()) == "unknown format 'pdf' (use " + agendaFormatChoices() + ")");
    }
}

TEST_CASE("Agenda detection: a fallback row's extensions pick it, in any case, and a file nothing fits names "
          "every label",
          "[formats]") {
    // Not sniffed as CSV (no comma, no "title"): the .TSV name decides.
    CHECK(detectAgendaFormat("name\tstart\nKeynote\t09:00\n", "talks.TSV") == "csv");
    CHECK(detectAgendaFormat("name\tstart\nKeynote\t09:00\n", "talks.tsv") == "csv");
    FormatError unknown = agendaDetectError("name\tstart\nKeynote\t09:00\n", "talks.txt");
    CHECK(unknown.line() == 1);
    CHECK(unknown.reason() == "unknown agenda format (expected " + agendaFormatLabels() + ")");
    CHECK(agendaDetectError("hello\n", "x.ICS").reason() ==
          "not an iCalendar file (it does not start with BEGIN:VCALENDAR)");
}

TEST_CASE("An agenda read with a row's parser carries the row's key", "[formats]") {
    const std::string ics =
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:a@t\r\n"
        "DTSTART:20250301T090000Z\r\nDTEND:20250301T100000Z\r\nSUMMARY:Keynote\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    CHECK(parseAgenda(ics, "x.ics", "auto").format == "ics");
    CHECK(parseAgenda(ics, "x.ics", "ics").format == "ics");
    CHECK(parseAgenda("title,start,end\nKeynote,2025-03-01 09:00,2025-03-01 10:00\n", "x.csv", "auto").format ==
          "csv");
}

TEST_CASE("Contacts format keys and labels come from the table, in its order", "[formats][contacts]") {
    const auto& table = contactsFormats();
    REQUIRE(contactsFormatKeys().size() == table.size() + 1);
    CHECK(contactsFormatKeys().front() == "auto");
    for (size_t i = 0; i < table.size(); ++i) CHECK(contactsFormatKeys()[i + 1] == table[i].name);
    CHECK(contactsFormatLabels() == "LinkedIn, vCard, Google Contacts, CSV or MECARD");
    // Every row says where its people came from; the badge scans' MECARD is "badge".
    CHECK(std::string(findContactsFormat("mecard")->source) == "badge");
    CHECK(std::string(findContactsFormat("google")->source) == "google");
    // An upper-case .CSV name is still the generic CSV's when its header says nothing.
    CHECK(detectContactsFormat("\"unterminated\n", "PEOPLE.CSV") == "csv");
}
