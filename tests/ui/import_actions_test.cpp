#include <catch2/catch.hpp>

#include "store/agenda_repo.h"
#include "store/people_repo.h"
#include "store/store.h"
#include "test_support.h"
#include "ui/import_actions.h"

using namespace hallway;
using namespace hallway::ui;
using namespace hallway::testing;

TEST_CASE("a dropped contacts export goes to the contacts importer, an agenda to the agenda importer", "[ui][import]") {
    Store store(":memory:");
    ImportOutcome people = importFromApp(store, testData("contacts/linkedin_connections.csv"), ImportTarget::Detect);
    REQUIRE(people.ok);
    CHECK(people.contacts);
    CHECK_FALSE(people.eventId);
    CHECK(PeopleRepo(store).count() == 6);
    CHECK(people.message.find("linkedin_connections.csv (LinkedIn): 6 people added, 0 updated, 0 unchanged") !=
          std::string::npos);
    // The message counts the warnings; every one comes whole with it, for the status line's panel.
    CHECK(people.message.find("2 warnings.") != std::string::npos);
    REQUIRE(people.warnings.size() == 2);
    CHECK(people.warnings[0].rfind("line 11", 0) == 0);

    ImportOutcome cards = importFromApp(store, testData("contacts/vcard40.vcf"), ImportTarget::Detect);
    REQUIRE(cards.ok);
    CHECK(cards.contacts);
    CHECK(cards.message.find("(vCard)") != std::string::npos);

    ImportOutcome agenda = importFromApp(store, demoAgenda(), ImportTarget::Detect);
    REQUIRE(agenda.ok);
    CHECK_FALSE(agenda.contacts);
    REQUIRE(agenda.eventId);
    CHECK(agenda.message.find("14 sessions") != std::string::npos);

    // Agendas come as CSV too: a CSV without a contacts header stays an agenda.
    ImportOutcome csvAgenda = importFromApp(store, testData("csv/basic.csv"), ImportTarget::Detect);
    CHECK(csvAgenda.ok);
    CHECK_FALSE(csvAgenda.contacts);
}

TEST_CASE("a broken contacts file names its line and leaves the people as they were", "[ui][import]") {
    Store store(":memory:");
    REQUIRE(importFromApp(store, testData("contacts/linkedin_connections.csv"), ImportTarget::Contacts).ok);
    const int before = PeopleRepo(store).count();

    ImportOutcome bad = importFromApp(store, testData("contacts/missing_end.vcf"), ImportTarget::Detect);
    CHECK_FALSE(bad.ok);
    CHECK(bad.contacts);
    CHECK(bad.message.find("missing_end.vcf:6: BEGIN:VCARD has no END:VCARD") != std::string::npos);
    CHECK(bad.message.find("Nothing was imported.") != std::string::npos);
    CHECK(PeopleRepo(store).count() == before);

    // Asked for contacts, an agenda file is refused with the contacts parser's reason.
    ImportOutcome wrong = importFromApp(store, demoAgenda(), ImportTarget::Contacts);
    CHECK_FALSE(wrong.ok);
    CHECK(wrong.message.find("hallway-demo.xml") != std::string::npos);
    CHECK(PeopleRepo(store).count() == before);
}

TEST_CASE("an agenda import of a contacts file says what the file is", "[ui][import]") {
    Store store(":memory:");
    ImportOutcome r = importFromApp(store, testData("contacts/linkedin_connections.csv"), ImportTarget::Agenda);
    CHECK_FALSE(r.ok);
    CHECK(r.message.find("linkedin_connections.csv:1: this is a contacts file, not an agenda") != std::string::npos);
    CHECK(AgendaRepo(store).listEvents().empty());
}

TEST_CASE("a person who matches two people is reported, not guessed", "[ui][import]") {
    Store store(":memory:");
    TempDir dir;
    const std::string first = dir.file("a.vcf"), second = dir.file("b.vcf");
    writeFile(first,
              "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lima\r\nORG:Acme\r\nEMAIL:ana@a.example\r\nEND:VCARD\r\n"
              "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lima\r\nORG:Initech\r\nEMAIL:ana@b.example\r\nEND:VCARD\r\n");
    ImportOutcome two = importFromApp(store, first, ImportTarget::Detect);
    REQUIRE(two.ok);
    INFO(two.message);
    CHECK(two.message.find("2 people added") != std::string::npos);
    CHECK(two.message.find("1 record needs a look.") != std::string::npos);
    REQUIRE_FALSE(two.warnings.empty());
    CHECK(two.warnings[0].rfind("line 7, Ana Lima: added as a new person", 0) == 0);
    writeFile(second, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lima\r\nEMAIL:ana@a.example\r\nEMAIL:ana@b.example\r\n"
                      "END:VCARD\r\n");
    ImportOutcome r = importFromApp(store, second, ImportTarget::Detect);
    REQUIRE(r.ok);
    CHECK(r.message.find("1 record needs a look.") != std::string::npos);
    REQUIRE_FALSE(r.warnings.empty());
    CHECK(r.warnings[0] == "line 1, Ana Lima: its email or profile URL belongs to 2 people; not imported.");
    CHECK(PeopleRepo(store).count() == 2);
}
