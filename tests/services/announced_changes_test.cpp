// Every service write announces what it changed, exactly: a kind missing
// leaves a view showing stale data, an extra kind reloads views for nothing.
#include <catch2/catch.hpp>

#include "core/time_util.h"
#include "services/capture_service.h"
#include "services/demo.h"
#include "services/followup_service.h"
#include "services/import_service.h"
#include "services/people_service.h"
#include "services/schedule_service.h"
#include "services/service_errors.h"
#include "store/agenda_repo.h"
#include "store/followups_repo.h"
#include "store/store.h"
#include "test_support.h"

using namespace hallway;
using hallway::testing::demoAgenda;

namespace {

// The demo agenda imported, with one person of our own.
struct Demo {
    Store store{":memory:"};
    AgendaImportReport imported;
    RowId ana = 0;
    Demo() {
        imported = importAgendaFile(store, demoAgenda(), {});
        Person p;
        p.displayName = "Ana Lima";
        p.company = "Acme";
        p.emails = {{"ana@example.org", "work"}};
        ana = addPerson(store, p).id;
    }
    RowId event() const { return imported.eventId; }
    Instant during() { return AgendaRepo(store).sessions(event()).front().startsAt + 60; }
};

}  // namespace

TEST_CASE("an agenda import announces the agenda, stars, speakers, targets and notes", "[changes][import]") {
    Demo d;
    const Changes agenda = Change::Events | Change::Stars | Change::People | Change::Targets | Change::Notes;
    CHECK(d.imported.touched == agenda);
    CHECK_FALSE(d.imported.touched.has(Change::Queue));  // an import writes no follow-ups
    // The demo's import is an agenda import like any other; none on a database with events.
    Store empty(":memory:");
    auto demo = importDemoIfEmpty(empty);
    REQUIRE(demo);
    CHECK(demo->touched == agenda);
}

TEST_CASE("starring announces Stars, and nothing for a session that is not there", "[changes][schedule]") {
    Demo d;
    const RowId first = AgendaRepo(d.store).sessions(d.event()).front().id;
    CHECK(starSession(d.store, first, true) == Changes(Change::Stars));
    CHECK(AgendaRepo(d.store).findSession(first)->starred);
    CHECK(starSession(d.store, 999999, true).empty());
}

TEST_CASE("starring several sessions: all or none, and only those that change are written and announced",
          "[changes][schedule]") {
    Demo d;
    const auto sessions = AgendaRepo(d.store).sessions(d.event());
    REQUIRE(sessions.size() >= 2);
    const RowId a = sessions[0].id, b = sessions[1].id;
    try {
        starSessions(d.store, {a, 999999, b}, true);
        FAIL("expected UnknownSession");
    } catch (const UnknownSession& e) {
        CHECK(e.sessionId() == 999999);
    }
    CHECK_FALSE(AgendaRepo(d.store).findSession(a)->starred);  // nothing of the list was written

    CHECK(starSession(d.store, a, true) == Changes(Change::Stars));
    auto both = starSessions(d.store, {a, b}, true);
    CHECK(both.touched == Changes(Change::Stars));
    REQUIRE(both.value.size() == 2);
    CHECK_FALSE(both.value[0].changed);
    CHECK(both.value[1].changed);
    CHECK(both.value[1].session.starred);
    CHECK(AgendaRepo(d.store).findSession(b)->starred);
    // Asked again, nothing changes: nothing written, nothing announced.
    CHECK(starSessions(d.store, {a, b}, true).touched.empty());
    // The app's single star still announces Stars for a session that exists, so
    // a copy that was out of date is refreshed.
    CHECK(starSession(d.store, a, true) == Changes(Change::Stars));
}

TEST_CASE("capture: a note announces Notes, People for someone it created, Targets for someone met",
          "[changes][capture]") {
    Demo d;
    NoteInput plain;
    plain.body = "the keynote was good";
    plain.eventId = d.event();
    plain.at = d.during();
    CHECK(saveNote(d.store, plain).touched == Changes(Change::Notes));

    NoteInput mention = plain;
    mention.body = "great talk, ask @ana-lima about it";
    CHECK(saveNote(d.store, mention).touched == Changes(Change::Notes));  // a mention is no meeting

    NoteInput met = plain;
    met.body = "#met @ana-lima fuzzing";
    CHECK(saveNote(d.store, met).touched == (Change::Notes | Change::Targets));

    NoteInput created = plain;
    created.body = "coffee with @zed-zulu";
    created.createMissingPeople = true;
    SavedNote saved = saveNote(d.store, created);
    REQUIRE(saved.createdPeople.size() == 1);
    CHECK(saved.touched == (Change::Notes | Change::People));

    // Met already: the same note again changes no target's line.
    CHECK(saveNote(d.store, met).touched == Changes(Change::Notes));

    CHECK(markMet(d.store, d.event(), d.ana, d.during()) == Changes(Change::Targets));
    CHECK(unmarkMet(d.store, d.event(), d.ana) == Changes(Change::Targets));
}

TEST_CASE("a note, a tick or a target that moves a speaker into or out of your network announces People",
          "[changes][capture][people]") {
    Demo d;
    // A speaker of the demo agenda: known only from it.
    const RowId speaker = AgendaRepo(d.store).speakersOfEvent(d.event()).front().personId;
    REQUIRE_FALSE(PeopleRepo(d.store).inNetwork(speaker));
    REQUIRE(PeopleRepo(d.store).inNetwork(d.ana));

    CHECK(markMet(d.store, d.event(), speaker, d.during()) == (Change::Targets | Change::People));
    CHECK(PeopleRepo(d.store).inNetwork(speaker));
    CHECK(markMet(d.store, d.event(), speaker, d.during()) == Changes(Change::Targets));  // in already
    CHECK(unmarkMet(d.store, d.event(), speaker) == (Change::Targets | Change::People));
    CHECK_FALSE(PeopleRepo(d.store).inNetwork(speaker));

    Target t;
    t.eventId = d.event();
    t.personId = speaker;
    CHECK(saveTarget(d.store, t) == (Change::Targets | Change::People));
    t.why = "fuzzing";
    CHECK(saveTarget(d.store, t) == Changes(Change::Targets));
    CHECK(removeTarget(d.store, d.event(), speaker) == (Change::Targets | Change::People));

    NoteInput note;
    note.body = "their talk was the best";
    note.eventId = d.event();
    note.at = d.during();
    note.people = {speaker};  // picked: talked with
    CHECK(saveNote(d.store, note).touched == (Change::Notes | Change::Targets | Change::People));
    CHECK(saveNote(d.store, note).touched == Changes(Change::Notes));
    // Someone of your network already, met through a note: no People.
    note.people = {d.ana};
    CHECK(saveNote(d.store, note).touched == (Change::Notes | Change::Targets));
}

TEST_CASE("capture: a mention that fits two people is refused with both as candidates", "[changes][capture]") {
    Demo d;
    Person other;
    other.displayName = "Ana Lima";
    other.company = "Initech";
    const RowId second = addPerson(d.store, other).id;
    NoteInput in;
    in.body = "lunch with @ana-lima";
    in.eventId = d.event();
    try {
        saveNote(d.store, in);
        FAIL("an ambiguous mention was saved");
    } catch (const UnresolvedPerson& e) {
        CHECK(e.mention());
        CHECK(e.typed() == "ana-lima");
        CHECK(e.kind() == UnresolvedPerson::Kind::SameName);
        REQUIRE(e.candidates().size() == 2);
        CHECK(((e.candidates()[0].id == d.ana && e.candidates()[1].id == second) ||
               (e.candidates()[0].id == second && e.candidates()[1].id == d.ana)));
        // The message states the problem only: the remedy is each front end's.
        CHECK(std::string(e.what()).find("--person") == std::string::npos);
    }
    in.body = "lunch with @nobody-here";
    CHECK_THROWS_MATCHES(saveNote(d.store, in), UnresolvedPerson,
                         Catch::Predicate<UnresolvedPerson>([](const UnresolvedPerson& e) {
                             return e.kind() == UnresolvedPerson::Kind::Nobody && e.candidates().empty();
                         }));
}

TEST_CASE("people: each write announces what it touched", "[changes][people]") {
    Demo d;
    Person bo;
    bo.displayName = "Bo Chen";
    AddedPerson added = addPerson(d.store, bo);
    CHECK(added.created);
    CHECK(added.touched == Changes(Change::People));

    AddedPerson badge = addPersonFromText(d.store, "MECARD:N:Chen,Bo;EMAIL:bo@example.org;;");
    CHECK(badge.touched == (Change::People | Change::Targets));

    Person edited = *PeopleRepo(d.store).find(d.ana);
    edited.role = "CTO";
    CHECK(savePersonDetails(d.store, edited) == (Change::People | Change::Targets));

    Target t;
    t.eventId = d.event();
    t.personId = d.ana;
    t.why = "fuzzing";
    CHECK(saveTarget(d.store, t) == Changes(Change::Targets));
    CHECK(removeTarget(d.store, d.event(), d.ana) == Changes(Change::Targets));
    CHECK(removeTarget(d.store, d.event(), d.ana).empty());  // no target any more: nothing written

    auto goal = addGoal(d.store, d.event(), "people_met", 3, "");
    CHECK(goal.touched == Changes(Change::Targets));
    CHECK(removeGoal(d.store, goal.value) == Changes(Change::Targets));
    CHECK(removeGoal(d.store, goal.value).empty());

    // A merge moves talks, notes, targets and follow-ups: everything but stars.
    CHECK(mergePeople(d.store, d.ana, added.id) ==
          (Change::Events | Change::People | Change::Notes | Change::Queue | Change::Targets));
}

TEST_CASE("people: a contacts import announces People and Targets, nothing when nothing changed",
          "[changes][people]") {
    Store store(":memory:");
    const std::string card = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ana Lima\r\nEMAIL:ana@example.org\r\nORG:Acme\r\n"
                             "END:VCARD\r\n";
    ContactsImportOptions options;
    options.format = "vcard";
    auto first = importContactsBytes(store, card, "ana.vcf", options);
    REQUIRE(first.added == 1);
    CHECK(first.touched == (Change::People | Change::Targets));
    auto again = importContactsBytes(store, card, "ana.vcf", options);
    REQUIRE(again.unchanged == 1);
    CHECK(again.touched.empty());
}

TEST_CASE("follow-ups: generating, drafting, snoozing and marking announce the queue, and sending a touch",
          "[changes][followup]") {
    Demo d;
    NoteInput met;
    met.body = "#met @ana-lima fuzzing #promise \"the slides\"";
    met.eventId = d.event();
    met.at = d.during();
    saveNote(d.store, met);
    const std::string today = localDateString(AgendaRepo(d.store).findEvent(d.event())->endsAt, "UTC");

    QueueReport generated = generateQueue(d.store, d.event(), today);
    REQUIRE(!generated.added.empty());
    CHECK(generated.touched == Changes(Change::Queue));
    CHECK(generateQueue(d.store, d.event(), today).touched.empty());  // nothing new the second time

    const RowId item = generated.added.front().id;
    CHECK(draftFollowUp(d.store, item, "", today).touched == Changes(Change::Queue));
    CHECK(setFollowUpDraft(d.store, {item}, "Subject: Hi\n\nThanks, Ana.", true) == Changes(Change::Queue));
    CHECK(setFollowUpDraft(d.store, {999999}, "Subject: Hi\n\nx", true).empty());
    CHECK(snoozeFollowUp(d.store, item, addDays(today, 3), today) == Changes(Change::Queue));
    CHECK(snoozeFollowUp(d.store, 999999, addDays(today, 3), today).empty());
    CHECK(markFollowUp(d.store, item, "open", today) == Changes(Change::Queue));
    CHECK(markFollowUp(d.store, item, "sent", today) == (Change::Queue | Change::Targets));
    CHECK(markFollowUp(d.store, item, "replied", today) == Changes(Change::Queue));  // no second touch
    CHECK(markFollowUp(d.store, 999999, "done", today).empty());
}

TEST_CASE("a zone option the tz database does not know is refused with the zone named", "[changes][import]") {
    Store store(":memory:");
    AgendaImportOptions options;
    options.parse.timeZone = "Europe/Lisbn";
    try {
        importAgendaFile(store, demoAgenda(), options);
        FAIL("an unknown zone was accepted");
    } catch (const UnknownTimeZone& e) {
        CHECK(e.zone() == "Europe/Lisbn");
        CHECK(e.file() == demoAgenda());
    }
    CHECK(AgendaRepo(store).listEvents().empty());
}
