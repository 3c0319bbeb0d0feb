#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "core/text.h"
#include "core/time_util.h"
#include "services/demo.h"
#include "services/capture_service.h"
#include "services/import_service.h"
#include "store/agenda_repo.h"
#include "store/notes_repo.h"
#include "store/people_repo.h"
#include "store/sqlite.h"
#include "store/store.h"
#include "test_support.h"

using namespace hallway;
using hallway::testing::corpus;
using hallway::testing::demoAgenda;
using hallway::testing::testData;

namespace {

const Session* bySource(const std::vector<Session>& list, const std::string& sourceId) {
    auto it = std::find_if(list.begin(), list.end(), [&](const Session& s) { return s.sourceId == sourceId; });
    return it == list.end() ? nullptr : &*it;
}

std::vector<std::string> changesOf(const AgendaImportReport& r, SessionChange::Kind kind) {
    std::vector<std::string> out;
    for (auto& c : r.changes)
        if (c.kind == kind) out.push_back(c.sourceId);
    std::sort(out.begin(), out.end());
    return out;
}

// Everything a user could see of an event, to compare before and after.
std::string snapshot(Store& store) {
    std::string out;
    for (auto& summary : AgendaRepo(store).listEvents()) {
        out += summary.event.name + "|" + std::to_string(summary.sessionCount) + "|" +
               std::to_string(summary.speakerCount) + "\n";
        SessionQuery all;
        all.includeRemoved = true;
        for (auto& s : AgendaRepo(store).sessions(summary.event.id, all))
            out += s.sourceId + "|" + s.title + "|" + std::to_string(s.startsAt) + "|" + s.room + "|" +
                   (s.starred ? "*" : "") + (s.removed ? "R" : "") + "\n";
    }
    out += "people " + std::to_string(PeopleRepo(store).count());
    return out;
}

}  // namespace

TEST_CASE("debconf23.xml imports with its sessions, rooms, days and speakers", "[import][corpus]") {
    HALLWAY_NEEDS_CORPUS("agenda/debconf23.xml");
    Store store(":memory:");
    auto r = importAgendaFile(store, corpus("agenda/debconf23.xml"), {});
    CHECK(r.format == "frab-xml");
    CHECK(r.eventCreated);
    CHECK(r.eventName == "DebConf 23");
    CHECK(r.timeZone == "Asia/Kolkata");
    CHECK(r.sessionsAdded == 117);
    CHECK(r.rooms == 5);
    CHECK(r.days == 8);
    CHECK(r.peopleAdded == 87);

    auto events = AgendaRepo(store).listEvents();
    REQUIRE(events.size() == 1);
    CHECK(events[0].sessionCount == 117);
    CHECK(events[0].roomCount == 5);
    CHECK(events[0].dayCount == 8);
    CHECK(events[0].speakerCount == 87);
    CHECK(PeopleRepo(store).count() == 87);

    auto sessions = AgendaRepo(store).sessions(r.eventId);
    const Session* opening = bySource(sessions, "455d075f-48c0-2ec2-24b3-f5add30c383a");
    REQUIRE(opening);
    CHECK(opening->title == "Opening Ceremony");
    CHECK(opening->startsAt == 1694322000);  // 2023-09-10 10:30 IST
    CHECK(opening->endsAt - opening->startsAt == 20 * 60);
    CHECK(opening->room == "Anamudi");
    CHECK(opening->speakers == std::vector<std::string>{"Sruthi Chandran"});
}

TEST_CASE("importing the same file twice changes nothing", "[import][reimport]") {
    Store store(":memory:");
    auto first = importAgendaFile(store, demoAgenda(), {});
    AgendaRepo(store).setStarred(AgendaRepo(store).sessions(first.eventId)[3].id, true);
    std::string before = snapshot(store);
    auto second = importAgendaFile(store, demoAgenda(), {});
    CHECK(second.eventId == first.eventId);
    CHECK_FALSE(second.eventCreated);
    CHECK(second.sessionsAdded == 0);
    CHECK(second.sessionsUpdated == 0);
    CHECK(second.sessionsRemoved == 0);
    CHECK(second.sessionsUnchanged == 14);
    CHECK(second.peopleAdded == 0);
    CHECK(second.changes.empty());
    CHECK(snapshot(store) == before);
}

TEST_CASE("re-importing an updated agenda reports added, moved, retitled and removed sessions and keeps stars",
          "[import][reimport]") {
    Store store(":memory:");
    auto v1 = importAgendaFile(store, testData("reimport/v1.xml"), {});
    REQUIRE(v1.sessionsAdded == 5);
    auto sessions = AgendaRepo(store).sessions(v1.eventId);
    // The user stars the session that will move and the one that will vanish.
    RowId moving = bySource(sessions, "aaaa-0002")->id;
    RowId vanishing = bySource(sessions, "aaaa-0004")->id;
    AgendaRepo(store).setStarred(moving, true);
    AgendaRepo(store).setStarred(vanishing, true);

    auto v2 = importAgendaFile(store, testData("reimport/v2.xml"), {});
    CHECK(v2.eventId == v1.eventId);
    CHECK(v2.sessionsAdded == 1);
    CHECK(v2.sessionsUpdated == 2);
    CHECK(v2.sessionsRemoved == 1);
    CHECK(v2.sessionsUnchanged == 2);
    CHECK(v2.peopleAdded == 1);  // Eve Fox; Dee Evans stays a person
    CHECK(changesOf(v2, SessionChange::Kind::Added) == std::vector<std::string>{"aaaa-0006"});
    CHECK(changesOf(v2, SessionChange::Kind::Moved) == std::vector<std::string>{"aaaa-0002"});
    CHECK(changesOf(v2, SessionChange::Kind::Retitled) == std::vector<std::string>{"aaaa-0003"});
    CHECK(changesOf(v2, SessionChange::Kind::Removed) == std::vector<std::string>{"aaaa-0004"});
    for (auto& c : v2.changes) {
        if (c.kind == SessionChange::Kind::Moved) {
            CHECK(c.before == "2025-02-01 11:00 Janson");
            CHECK(c.after == "2025-02-01 12:00 K.1.105");
        }
        if (c.kind == SessionChange::Kind::Retitled) CHECK(c.before == "Packaging for humans");
    }

    auto moved = AgendaRepo(store).findSession(moving);
    REQUIRE(moved);
    CHECK(moved->starred);  // the user's star survives the move
    CHECK(moved->room == "K.1.105");
    CHECK(moved->startsAt == localToInstant({2025, 2, 1, 12, 0, 0}, "Europe/Brussels"));

    auto gone = AgendaRepo(store).findSession(vanishing);
    REQUIRE(gone);  // kept for the user's notes, marked removed
    CHECK(gone->removed);
    CHECK(gone->starred);
    CHECK(AgendaRepo(store).sessions(v1.eventId).size() == 5);

    // The same v2 again: nothing to report; v1 again brings the removed one back.
    auto again = importAgendaFile(store, testData("reimport/v2.xml"), {});
    CHECK(again.changes.empty());
    auto back = importAgendaFile(store, testData("reimport/v1.xml"), {});
    CHECK(changesOf(back, SessionChange::Kind::Returned) == std::vector<std::string>{"aaaa-0004"});
    CHECK_FALSE(AgendaRepo(store).findSession(vanishing)->removed);
    CHECK(AgendaRepo(store).findSession(vanishing)->starred);
}

TEST_CASE("speakers are one person per name within an event", "[import]") {
    Store store(":memory:");
    auto r = importAgendaFile(store, testData("reimport/v1.xml"), {});
    CHECK(r.peopleAdded == 4);  // Ana Lima speaks three times
    auto events = AgendaRepo(store).listEvents();
    CHECK(events[0].speakerCount == 4);
    auto sessions = AgendaRepo(store).sessions(r.eventId);
    auto rust = bySource(sessions, "aaaa-0002");
    REQUIRE(rust);
    CHECK(rust->speakers == std::vector<std::string>{"Bo Chen", "Ana Lima"});
}

TEST_CASE("non-ASCII titles survive byte for byte", "[import]") {
    Store store(":memory:");
    auto r = importAgendaFile(store, testData("reimport/v1.xml"), {});
    auto sessions = AgendaRepo(store).sessions(r.eventId);
    auto keynote = bySource(sessions, "aaaa-0001");
    REQUIRE(keynote);
    CHECK(keynote->title == "Keynote: \xC3\x9C" "n\xC3\xAF" "c\xC3\xB6" "d\xC3\xA9 \xE2\x80\x94 "
                            "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E \xE2\x80\x94 "
                            "\xCE\x95\xCE\xBB\xCE\xBB\xCE\xB7\xCE\xBD\xCE\xB9\xCE\xBA\xCE\xAC");
}

TEST_CASE("import picks the event by id or by name (--event)", "[import]") {
    Store store(":memory:");
    AgendaImportOptions named;
    named.event = "My FOSDEM";
    auto r = importAgendaFile(store, testData("reimport/v1.xml"), named);
    CHECK(r.eventName == "My FOSDEM");
    AgendaImportOptions byId;
    byId.event = std::to_string(r.eventId);
    auto again = importAgendaFile(store, testData("reimport/v2.xml"), byId);
    CHECK(again.eventId == r.eventId);
    CHECK(AgendaRepo(store).listEvents().size() == 1);
    AgendaImportOptions missing;
    missing.event = "999";
    CHECK_THROWS_AS(importAgendaFile(store, testData("reimport/v1.xml"), missing), FormatError);
}

TEST_CASE("bad files get a one-line error naming the file and nothing is written", "[import][bad]") {
    Store store(":memory:");
    importAgendaFile(store, testData("reimport/v1.xml"), {});
    std::string before = snapshot(store);

    struct Case {
        const char* file;
        const char* reason;
        int line;  // -1: any
    };
    const Case cases[] = {
        {"bad/empty.xml", "empty", 0},
        {"bad/binary.ics", "binary", 0},
        {"bad/truncated.xml", "", -1},
        {"bad/letter.txt", "unknown agenda format", 1},
        {"bad/unknown.json", "neither", 1},
        {"bad/notschedule.xml", "not a pentabarf/frab schedule", 2},
        {"bad/latin1.csv", "not valid UTF-8", 2},
        {"bad/does-not-exist.xml", "cannot read", 0},
    };
    for (const auto& c : cases) {
        INFO(c.file);
        std::string path = testData(c.file);
        try {
            importAgendaFile(store, path, {});
            FAIL("imported a bad file");
        } catch (const FormatError& e) {
            std::string message = e.what();
            CHECK(message.rfind(path, 0) == 0);  // starts with the file name
            CHECK(message.find('\n') == std::string::npos);
            CHECK_THAT(message, Catch::Contains(c.reason));
            if (c.line >= 0) CHECK(e.line() == c.line);
            if (c.line < 0) CHECK(e.line() > 1);
        }
        CHECK(snapshot(store) == before);
    }
}

TEST_CASE("a session id repeated inside one file is reported, and nothing is lost", "[import]") {
    std::string xml = hallway::testing::readFile(testData("reimport/v1.xml"));
    // Give the fifth session the third one's guid: a different session, same id.
    auto pos = xml.find("guid=\"aaaa-0005\"");
    REQUIRE(pos != std::string::npos);
    xml.replace(pos, 16, "guid=\"aaaa-0003\"");
    Store store(":memory:");
    auto r = importAgendaBytes(store, xml, "dup.xml", {});
    CHECK(r.sessionsAdded == 5);
    REQUIRE_FALSE(r.warnings.empty());
    bool reported = std::any_of(r.warnings.begin(), r.warnings.end(), [](const std::string& w) {
        return w.find("aaaa-0003") != std::string::npos && w.find("already used") != std::string::npos;
    });
    CHECK(reported);
    // Stable on re-import: the same file again changes nothing.
    auto again = importAgendaBytes(store, xml, "dup.xml", {});
    CHECK(again.changes.empty());
}

TEST_CASE("the first-run demo fills an empty database once", "[import][demo]") {
    Store store(":memory:");
    auto report = importDemoIfEmpty(store);
    REQUIRE(report);
    CHECK(report->eventName == "Hallway Demo Conf");
    CHECK(report->sessionsAdded == 14);
    CHECK(report->peopleAdded == 8);
    CHECK(report->days == 2);
    CHECK(report->timeZone == "Europe/Lisbon");
    CHECK_FALSE(importDemoIfEmpty(store));  // never twice, never over real data
    CHECK(AgendaRepo(store).listEvents().size() == 1);
}

TEST_CASE("kielux_2020.ics imports with its sessions, rooms, days and speakers", "[import][corpus]") {
    // Figures derived separately by unfolding the raw file (see the ICS parser tests).
    HALLWAY_NEEDS_CORPUS("agenda/kielux_2020.ics");
    Store store(":memory:");
    AgendaImportOptions options;
    options.parse.timeZone = "Europe/Berlin";
    auto r = importAgendaFile(store, corpus("agenda/kielux_2020.ics"), options);
    CHECK(r.format == "ics");
    CHECK(r.eventName == "18. Kieler Open Source und Linux Tage");
    CHECK(r.timeZone == "Europe/Berlin");
    CHECK(r.sessionsAdded == 24);
    CHECK(r.rooms == 4);
    CHECK(r.days == 2);
    CHECK(r.peopleAdded == 20);
    auto sessions = AgendaRepo(store).sessions(r.eventId);
    const Session* xen = bySource(sessions, "467@KOLT20");
    REQUIRE(xen);
    CHECK(xen->title == "Xen - ist das nicht tot?");
    CHECK(xen->startsAt == 1600430400);
    CHECK(xen->room == "Ravensberg");
    CHECK(xen->speakers == std::vector<std::string>{"J\xC3\xBCrgen Gro\xC3\x9F"});
}

TEST_CASE("an agenda without a zone is shown in the computer's zone and says so", "[import]") {
    Store store(":memory:");
    AgendaImportOptions options;
    options.fallbackZone = "Europe/Berlin";
    auto r = importAgendaFile(store, testData("ics/utc_only.ics"), options);
    CHECK(r.timeZone == "Europe/Berlin");
    CHECK(r.sessionsAdded == 2);
    bool warned = std::any_of(r.warnings.begin(), r.warnings.end(), [](const std::string& w) {
        return w.find("read in Europe/Berlin, the computer's zone") != std::string::npos;
    });
    CHECK(warned);
    // A guess: each front end says how to choose another; the note names no option itself.
    CHECK(r.zone.guessed);
    CHECK(r.zone.note.find("--tz") == std::string::npos);
}

TEST_CASE("linux_conf_au_2020.ics imports with its sessions, rooms, days and speakers", "[import][corpus]") {
    HALLWAY_NEEDS_CORPUS("agenda/linux_conf_au_2020.ics");
    Store store(":memory:");
    auto r = importAgendaFile(store, corpus("agenda/linux_conf_au_2020.ics"), {});
    CHECK(r.format == "ics");
    CHECK(r.timeZone == "Australia/Brisbane");
    CHECK(r.sessionsAdded == 262);
    CHECK(r.rooms == 7);
    CHECK(r.days == 6);
    CHECK(r.peopleAdded == 151);
    auto sessions = AgendaRepo(store).sessions(r.eventId);
    const Session* welcome = bySource(sessions, "94@lca2020.linux.org.au");
    REQUIRE(welcome);
    CHECK(welcome->title == "Wednesday Welcome");
    CHECK(welcome->startsAt == 1579042800);
    CHECK(welcome->endsAt == 1579043400);
    CHECK(welcome->room == "Arena");
    CHECK(welcome->speakers == std::vector<std::string>{"Joel Addison"});
}

TEST_CASE("a reordered update of a file that repeats an id keeps each star on its session", "[import][reimport]") {
    Store store(":memory:");
    auto v1 = importAgendaFile(store, testData("reimport/dup_v1.ics"), {});
    REQUIRE(v1.sessionsAdded == 3);
    auto titled = [&](const std::string& title) {
        for (const auto& s : AgendaRepo(store).sessions(v1.eventId))
            if (s.title == title) return s;
        FAIL("no session " << title);
        return Session{};
    };
    AgendaRepo(store).setStarred(titled("Noon slot").id, true);
    const RowId noon = titled("Noon slot").id, evening = titled("Evening slot").id;

    auto v2 = importAgendaFile(store, testData("reimport/dup_v2.ics"), {});
    CHECK(v2.eventId == v1.eventId);
    CHECK(v2.sessionsAdded == 0);
    CHECK(v2.sessionsRemoved == 0);
    CHECK(v2.sessionsUnchanged == 3);
    CHECK(v2.changes.empty());
    CHECK(titled("Noon slot").id == noon);
    CHECK(titled("Noon slot").starred);
    CHECK(titled("Evening slot").id == evening);
    CHECK_FALSE(titled("Evening slot").starred);
    CHECK_FALSE(titled("Morning slot").starred);
}

TEST_CASE("speakers are told apart by their source id, and by their exact name without one", "[import][speakers]") {
    Store store(":memory:");
    auto r = importAgendaFile(store, testData("frab/speaker_ids.xml"), {});
    CHECK(r.sessionsAdded == 4);
    CHECK(r.peopleAdded == 4);  // mo, Mo, and two Ana Limas with their own ids
    std::map<std::string, std::vector<std::string>> byTitle;
    for (const auto& s : AgendaRepo(store).sessions(r.eventId)) byTitle[s.title] = s.speakers;
    CHECK(byTitle["Talk by the first mo"] == std::vector<std::string>{"mo"});
    CHECK(byTitle["Talk by the other Mo"] == std::vector<std::string>{"Mo"});
    CHECK(byTitle["The first mo again, with Ana"] == std::vector<std::string>{"mo", "Ana Lima"});

    // A reordered update finds the same people for every id: nothing added, nothing changed.
    auto again = importAgendaFile(store, testData("frab/speaker_ids_reordered.xml"), {});
    CHECK(again.eventId == r.eventId);
    CHECK(again.peopleAdded == 0);
    CHECK(again.sessionsUnchanged == 4);
    CHECK(again.changes.empty());
    CHECK(PeopleRepo(store).count() == 4);
}

TEST_CASE("a name typed two ways (NFC and NFD) is one speaker - another case is another", "[import][speakers]") {
    Store store(":memory:");
    AgendaImportOptions options;
    options.parse.timeZone = "Europe/Lisbon";
    auto r = importAgendaFile(store, testData("csv/nfc_names.csv"), options);
    CHECK(r.sessionsAdded == 3);
    CHECK(r.peopleAdded == 2);  // "José Silva" twice (composed and decomposed), "josé silva"
    std::map<std::string, std::vector<std::string>> byTitle;
    for (const auto& s : AgendaRepo(store).sessions(r.eventId)) byTitle[s.title] = s.speakers;
    CHECK(byTitle["One"] == std::vector<std::string>{"Jos\xC3\xA9 Silva"});
    CHECK(byTitle["Two"] == std::vector<std::string>{"Jos\xC3\xA9 Silva"});  // stored composed
    CHECK(byTitle["Three"] == std::vector<std::string>{"jos\xC3\xA9 silva"});
}

namespace {

// The people credited on the session with this source id, by person id.
std::vector<RowId> creditedOn(Store& store, RowId eventId, const std::string& sourceId) {
    std::vector<RowId> out;
    for (const auto& s : AgendaRepo(store).sessions(eventId))
        if (s.sourceId == sourceId)
            for (const auto& c : AgendaRepo(store).speakersOfSession(s.id)) out.push_back(c.personId);
    return out;
}

}  // namespace

TEST_CASE("a speaker renamed on a new session stays one person with their notes and target", "[import][speakers]") {
    Store store(":memory:");
    auto first = importAgendaFile(store, testData("frab/speaker_rename_v1.xml"), {});
    REQUIRE(first.peopleAdded == 3);
    const RowId jon = creditedOn(store, first.eventId, "rn-1").at(0);
    const RowId ana201 = creditedOn(store, first.eventId, "rn-2").at(0);
    const RowId ana202 = creditedOn(store, first.eventId, "rn-3").at(0);
    CHECK(ana201 != ana202);

    // The user's own data on them.
    PeopleRepo people(store);
    Target target;
    target.eventId = first.eventId;
    target.personId = jon;
    target.priority = TargetPriority::Must;
    target.why = "ask about cache invalidation";
    people.upsertTarget(target);
    NoteInput note;
    note.body = "Jon knows the CDN people";
    note.eventId = first.eventId;
    note.noSession = true;
    note.people = {jon};
    saveNote(store, note);
    Target first201;
    first201.eventId = first.eventId;
    first201.personId = ana201;
    first201.why = "the search Ana";
    people.upsertTarget(first201);

    auto again = importAgendaFile(store, testData("frab/speaker_rename_v2.xml"), {});
    CHECK(again.peopleAdded == 0);
    CHECK(again.peopleRenamed == 1);
    CHECK(PeopleRepo(store).count() == 3);
    // Same id 42: the same person on the new session, under the agenda's new name.
    CHECK(creditedOn(store, first.eventId, "rn-9") == std::vector<RowId>{jon});
    CHECK(PeopleRepo(store).find(jon)->displayName == "John Smith");
    REQUIRE(people.findTarget(first.eventId, jon));
    CHECK(people.findTarget(first.eventId, jon)->why == "ask about cache invalidation");
    NotesRepo notes(store);
    CHECK(notes.notesAbout(jon).size() == 1);
    // Two Ana Limas swapped slots: each session credits the Ana of its id, not the one it had.
    CHECK(creditedOn(store, first.eventId, "rn-2") == std::vector<RowId>{ana202});
    CHECK(creditedOn(store, first.eventId, "rn-3") == std::vector<RowId>{ana201});
    CHECK(people.findTarget(first.eventId, ana201)->why == "the search Ana");

    // Again: nothing new, and the two Anas are still two.
    auto third = importAgendaFile(store, testData("frab/speaker_rename_v2.xml"), {});
    CHECK(third.peopleAdded == 0);
    CHECK(third.peopleRenamed == 0);
    CHECK(third.changes.empty());
    CHECK(PeopleRepo(store).count() == 3);
}

TEST_CASE("a speaker the user renamed keeps the user's name when the agenda renames them", "[import][speakers]") {
    Store store(":memory:");
    auto first = importAgendaFile(store, testData("frab/speaker_rename_v1.xml"), {});
    const RowId jon = creditedOn(store, first.eventId, "rn-1").at(0);
    PeopleRepo people(store);
    Person edited = *people.find(jon);
    edited.displayName = "Jonathan Smith";
    people.updateFields(edited);

    auto again = importAgendaFile(store, testData("frab/speaker_rename_v2.xml"), {});
    CHECK(again.peopleAdded == 0);
    CHECK(again.peopleRenamed == 0);
    CHECK(creditedOn(store, first.eventId, "rn-9") == std::vector<RowId>{jon});
    CHECK(PeopleRepo(store).find(jon)->displayName == "Jonathan Smith");
}

TEST_CASE("a merged speaker is still found by their id, and a deleted one is not", "[import][speakers]") {
    Store store(":memory:");
    auto first = importAgendaFile(store, testData("frab/speaker_rename_v1.xml"), {});
    const RowId jon = creditedOn(store, first.eventId, "rn-1").at(0);
    PeopleRepo people(store);
    // The user already had him as a contact, and merges the speaker into the contact.
    Person contact;
    contact.displayName = "Jonathan Smith";
    contact.company = "Example CDN";
    const RowId kept = people.create(contact);
    {
        Store::Transaction tx(store);
        people.merge(kept, jon);
        tx.commit();
    }
    CHECK_FALSE(PeopleRepo(store).find(jon));
    CHECK(AgendaRepo(store).speakerSourceIds(first.eventId).at("42").personId == kept);

    auto again = importAgendaFile(store, testData("frab/speaker_rename_v2.xml"), {});
    CHECK(again.peopleAdded == 0);
    CHECK(creditedOn(store, first.eventId, "rn-9") == std::vector<RowId>{kept});
    CHECK(PeopleRepo(store).find(kept)->displayName == "Jonathan Smith");  // the user's name, not the agenda's

    // Deleting the person drops their ids: the next import makes a new person for id 42.
    store.connection().exec("DELETE FROM session_speakers WHERE person_id = " + std::to_string(kept));
    store.connection().exec("DELETE FROM people WHERE id = " + std::to_string(kept));
    CHECK(AgendaRepo(store).speakerSourceIds(first.eventId).count("42") == 0);
    auto third = importAgendaFile(store, testData("frab/speaker_rename_v2.xml"), {});
    CHECK(third.peopleAdded == 1);
    CHECK(AgendaRepo(store).speakerSourceIds(first.eventId).count("42") == 1);
}

TEST_CASE("one speaker id written with two names in one file is one person, named by its first", "[import][speakers]") {
    hallway::testing::TempDir dir;
    const std::string xml =
        "<schedule><conference><title>Two Names</title><time_zone_name>Europe/Paris</time_zone_name></conference>"
        "<day date=\"2025-06-10\" index=\"1\"><room name=\"A\">"
        "<event guid=\"t-1\"><start>09:00</start><duration>00:30</duration><room>A</room><title>One</title>"
        "<persons><person id=\"42\">Jon Smith</person></persons></event>"
        "<event guid=\"t-2\"><start>10:00</start><duration>00:30</duration><room>A</room><title>Two</title>"
        "<persons><person id=\"42\">J. Smith</person></persons></event>"
        "</room></day></schedule>";
    hallway::testing::writeFile(dir.file("two.xml"), xml);
    Store store(":memory:");
    auto first = importAgendaFile(store, dir.file("two.xml"), {});
    CHECK(first.peopleAdded == 1);
    const RowId jon = creditedOn(store, first.eventId, "t-2").at(0);
    CHECK(creditedOn(store, first.eventId, "t-1") == std::vector<RowId>{jon});
    CHECK(PeopleRepo(store).find(jon)->displayName == "Jon Smith");
    // The same file again renames nobody back and forth.
    auto again = importAgendaFile(store, dir.file("two.xml"), {});
    CHECK(again.peopleRenamed == 0);
    CHECK(again.changes.empty());
    CHECK(PeopleRepo(store).find(jon)->displayName == "Jon Smith");
}
