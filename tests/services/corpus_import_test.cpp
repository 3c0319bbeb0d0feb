// Every file of the shared corpus (../shared/corpus, see its SOURCES.tsv)
// imports with the counts SOURCES.tsv gives. The corpus is not part of the
// repository: each case skips when its file is absent.
#include <catch2/catch.hpp>

#include <algorithm>

#include "services/import_service.h"
#include "services/people_service.h"
#include "store/people_repo.h"
#include "store/store.h"
#include "test_support.h"

using namespace hallway;
using hallway::testing::corpus;

namespace {

struct AgendaCounts {
    std::string format;
    int sessions;
    int rooms = -1;     // -1: SOURCES.tsv gives no figure
    int days = -1;
    int speakers = -1;
};

AgendaImportReport importCorpusAgenda(const std::string& name, const AgendaCounts& want,
                                      const std::string& zone = "") {
    Store store(":memory:");
    AgendaImportOptions options;
    options.parse.timeZone = zone;
    options.fallbackZone = "UTC";  // counts of days must not depend on the machine's zone
    AgendaImportReport r = importAgendaFile(store, corpus(name), options);
    INFO(name);
    CHECK(r.format == want.format);
    CHECK(r.sessionsAdded == want.sessions);
    if (want.rooms >= 0) CHECK(r.rooms == want.rooms);
    if (want.days >= 0) CHECK(r.days == want.days);
    if (want.speakers >= 0) CHECK(r.peopleAdded == want.speakers);
    return r;
}

ContactsImportReport importCorpusContacts(const std::string& name, int people) {
    Store store(":memory:");
    ContactsImportReport r = importContactsFile(store, corpus(name), {});
    INFO(name);
    CHECK(r.added == people);
    CHECK(PeopleRepo(store).count() == people);
    return r;
}

}  // namespace

TEST_CASE("corpus: debconf23.xml, frab XML with 117 sessions", "[corpus][import]") {
    HALLWAY_NEEDS_CORPUS("agenda/debconf23.xml");
    importCorpusAgenda("agenda/debconf23.xml", {"frab-xml", 117, 5, 8, 87});
}

TEST_CASE("corpus: kielux_2020.ics, UTC times and ATTENDEE speakers", "[corpus][import]") {
    HALLWAY_NEEDS_CORPUS("agenda/kielux_2020.ics");
    importCorpusAgenda("agenda/kielux_2020.ics", {"ics", 24, 4, 2, 20}, "Europe/Berlin");
}

TEST_CASE("corpus: linux_conf_au_2020.ics, 262 sessions", "[corpus][import]") {
    HALLWAY_NEEDS_CORPUS("agenda/linux_conf_au_2020.ics");
    importCorpusAgenda("agenda/linux_conf_au_2020.ics", {"ics", 262});
}

TEST_CASE("corpus: old pentabarf XML of FOSDEM 2010 without guids, dates or zone", "[corpus][import]") {
    HALLWAY_NEEDS_CORPUS("agenda/confclerk_fosdem2010_pentabarf.xml");
    importCorpusAgenda("agenda/confclerk_fosdem2010_pentabarf.xml", {"frab-xml", 281, 19, 2, 265},
                       "Europe/Brussels");
}

TEST_CASE("corpus: engelsystem's extended frab XML, one session", "[corpus][import]") {
    HALLWAY_NEEDS_CORPUS("agenda/engelsystem_schedule-extended.xml");
    importCorpusAgenda("agenda/engelsystem_schedule-extended.xml", {"frab-xml", 1});
}

TEST_CASE("corpus: Sessionize export of Global Azure Linz 2024 without a zone", "[corpus][import]") {
    HALLWAY_NEEDS_CORPUS("agenda/gab_linz_2024_all.json");
    importCorpusAgenda("agenda/gab_linz_2024_all.json", {"sessionize", 15, 4, 1, 16}, "Europe/Vienna");
}

TEST_CASE("corpus: PyCon UK 2015 iCalendar, 162 events, some without SUMMARY", "[corpus][import]") {
    HALLWAY_NEEDS_CORPUS("agenda/pyconuk2015.ics");
    importCorpusAgenda("agenda/pyconuk2015.ics", {"ics", 162, 11, 4}, "Europe/London");
}

TEST_CASE("corpus: Sched iCalendar of JoCo Cruise 2019, 395 events", "[corpus][import]") {
    HALLWAY_NEEDS_CORPUS("agenda/sched_jococruise2019.ics");
    // 8 calendar dates in UTC, 7 schedule days: a day runs 05:00 to 05:00, so
    // the late shows after midnight stay on their evening.
    importCorpusAgenda("agenda/sched_jococruise2019.ics", {"ics", 395, 35, 7});
}

TEST_CASE("corpus: Sessionize's demo export with a service session", "[corpus][import]") {
    HALLWAY_NEEDS_CORPUS("agenda/sessionize_sample_all.json");
    importCorpusAgenda("agenda/sessionize_sample_all.json", {"sessionize", 11, 3, -1, 10});
    Agenda agenda = parseAgenda(hallway::testing::readFile(corpus("agenda/sessionize_sample_all.json")),
                                "All.json", "auto");
    CHECK(std::count_if(agenda.sessions.begin(), agenda.sessions.end(),
                        [](const AgendaSession& s) { return s.type == "service"; }) == 1);
}

TEST_CASE("corpus: pretalx democon schedule.json with offsets", "[corpus][import]") {
    HALLWAY_NEEDS_CORPUS("agenda/voc_pretalx-democon.json");
    importCorpusAgenda("agenda/voc_pretalx-democon.json", {"frab-json", 36, 2, 3});
}

TEST_CASE("corpus: the vCard 4.0 example of RFC 6350", "[corpus][contacts]") {
    HALLWAY_NEEDS_CORPUS("contacts/ezvcard_rfc6350-example.vcf");
    importCorpusContacts("contacts/ezvcard_rfc6350-example.vcf", 1);
}

TEST_CASE("corpus: Google CSV in the old layout, one contact with 4 emails and 7 phones", "[corpus][contacts]") {
    HALLWAY_NEEDS_CORPUS("contacts/google_old_roundcube.csv");
    Store store(":memory:");
    ContactsImportReport r = importContactsFile(store, corpus("contacts/google_old_roundcube.csv"), {});
    CHECK(r.format == "google");
    REQUIRE(r.added == 1);
    ContactsFile file = parseContacts(hallway::testing::readFile(corpus("contacts/google_old_roundcube.csv")),
                                      "gmail.csv", "auto");
    REQUIRE(file.contacts.size() == 1);
    CHECK(file.contacts[0].emails.size() == 4);
    CHECK(file.contacts[0].phones.size() == 7);
    CHECK(file.contacts[0].birthday.has_value());
}

TEST_CASE("corpus: 16 vCard 2.1 cards with quoted-printable UTF-8", "[corpus][contacts]") {
    HALLWAY_NEEDS_CORPUS("contacts/syncevo_vcard21.vcf");
    importCorpusContacts("contacts/syncevo_vcard21.vcf", 16);
}

TEST_CASE("corpus: 17 vCard 3.0 cards from a sync engine's tests", "[corpus][contacts]") {
    HALLWAY_NEEDS_CORPUS("contacts/syncevo_vcard30.vcf");
    importCorpusContacts("contacts/syncevo_vcard30.vcf", 17);
}
