// Plan's model keeps no lower-cased copy of every session: the list filter
// matches the fields themselves, ignoring ASCII case, as the copy did; and no
// abstracts or descriptions, whose words come from the search index.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "core/time_util.h"
#include "services/import_service.h"
#include "store/agenda_repo.h"
#include "store/people_repo.h"
#include "store/store.h"
#include "test_support.h"
#include "ui/plan_model.h"

using namespace hallway;
using hallway::testing::TempDir;
using hallway::testing::testData;

namespace {

// What the filter matched before: every word in the lower-cased fields joined by line breaks.
bool haystackMatches(const ui::PlanRow& row, const std::string& query) {
    const Session& s = row.session;
    std::string hay = s.title + "\n" + s.subtitle + "\n" + row.speakers + "\n" + s.room + "\n" + s.track + "\n" +
                      s.type + "\n" + s.abstract + "\n" + s.description;
    for (auto& ch : hay)
        if (ch >= 'A' && ch <= 'Z') ch = char(ch - 'A' + 'a');
    for (const std::string& word : ui::filterWords(query))
        if (hay.find(word) == std::string::npos) return false;
    return true;
}

}  // namespace

TEST_CASE("the list filter matches each field ignoring case, as the lower-cased copy did", "[ui][plan]") {
    TempDir dir;
    Store store(dir.file("filter.db"));
    Event e;
    e.name = "Filters";
    e.timeZone = "UTC";
    const RowId eventId = AgendaRepo(store).createEvent(e);
    Person p;
    p.displayName = "José KERNEL Núñez";
    p.source = "agenda";
    const RowId speaker = PeopleRepo(store).create(p);
    struct Fields {
        const char *title, *subtitle, *room, *track, *type, *abstract, *description;
    };
    const Fields all[] = {
        {"Rust in the Kernel", "", "H.1302", "Rust", "talk", "Memory safety, finally.", ""},
        {"SQLite internals", "B-trees\nand pages", "K.3.201", "Databases", "workshop", "", "Bring a LAPTOP."},
        {"Closing", "", "Janson", "", "", "[slides](https://example.org/s.pdf) and thanks", ""},
        {"Ünïcode Names", "", "UA2.114", "i18n", "lightning", "ÀÉÎ àéî", "Kerning is not kernel"},
    };
    int n = 0;
    for (const Fields& f : all) {
        Session s;
        s.eventId = eventId;
        s.sourceId = "s" + std::to_string(n++);
        s.title = f.title;
        s.subtitle = f.subtitle;
        s.room = f.room;
        s.track = f.track;
        s.type = f.type;
        s.abstract = f.abstract;
        s.description = f.description;
        s.startsAt = 1700000000 + n * 3600;
        s.endsAt = s.startsAt + 1800;
        const RowId id = AgendaRepo(store).insertSession(s);
        if (n == 1) AgendaRepo(store).setSessionSpeakers(id, {speaker});
    }
    ui::PlanModel model;
    model.sync(store, eventId, 1);
    REQUIRE(model.rows().size() == 4);

    const char* queries[] = {"", "rust", "RUST kernel", "kern", "KeRnEl", "laptop", "b-trees", "trees and",
                             "pages", "and\npages", "h.1302", "janson thanks", "slides", "https", "josé",
                             "JOSÉ", "núñez", "ÀÉÎ", "àéî", "ünïcode", "lightning i18n", "zzz", "rust zzz",
                             "memory safety", "y, finally", "k.3", "s.pdf) and", "\t rust \n"};
    for (const char* q : queries)
        for (const auto& row : model.rows()) {
            INFO("query '" << q << "', session " << row.session.title);
            CHECK(ui::matchesWords(row, ui::filterWords(q)) == haystackMatches(row, q));
        }
    // The rows hold no abstracts and descriptions: their words come from the
    // search index, from the start of a word.
    for (const auto& row : model.rows()) CHECK((row.session.abstract.empty() && row.session.description.empty()));
    ui::TextHits texts;
    auto count = [&](const char* q) {
        const auto words = ui::filterWords(q);
        ui::findTextHits(store, model, words, texts);
        int hits = 0;
        for (const auto& row : model.rows()) hits += ui::matchesWords(row, words, &texts) ? 1 : 0;
        return hits;
    };
    CHECK(count("KERNEL") == 2);  // the title, and "kernel" in the last one's description
    CHECK(count("kern") == 2);
    CHECK(count("kernel josé") == 1);  // the speaker
    CHECK(count("laptop") == 1);
    CHECK(count("memory safety") == 1);
    CHECK(count("slides thanks") == 1);
    CHECK(count("aei") == 1);  // accents of the abstract folded by the index
    CHECK(count("afety") == 0);  // inside a word of an abstract: not a word's start
    CHECK(count("josé") == 1);
    CHECK(count("JOSÉ") == 0);  // only ASCII letters fold in the fields, as before
    CHECK(count("") == 4);
}

TEST_CASE("Plan rows make their grid and list labels when drawn", "[ui][plan]") {
    ui::PlanRow row;
    row.time = "10:30\u201310:50";
    CHECK(row.meta() == "10:30\u201310:50");
    row.speakers = "Ana, Bo";
    CHECK(row.meta() == "10:30\u201310:50 \u00b7 Ana, Bo");
}

TEST_CASE("Plan's days and grid keep a 01:30 session on the evening's day", "[ui][plan][days]") {
    TempDir dir;
    Store store(dir.file("night.db"));
    const RowId eventId = importAgendaFile(store, testData("zones/night.xml"), {}).eventId;
    ui::PlanModel model;
    model.sync(store, eventId, 1);
    REQUIRE(model.days().size() == 2);
    CHECK(model.days()[0].key == "2025-02-01");
    const ui::PlanRow* owls = nullptr;
    for (const auto& row : model.rows())
        if (row.session.title == "Night owls") owls = &row;
    REQUIRE(owls);
    CHECK(owls->day == 0);
    CHECK(owls->startMinute == 25 * 60 + 30);  // below the late show, not above the opening
    CHECK(owls->time == "01:30\u201302:30");

    ui::DayLayout layout;
    layout.sync(model, 0);
    CHECK(layout.firstMinute() == 10 * 60);
    CHECK(layout.lastMinute() == 27 * 60);
}

TEST_CASE("Plan's list groups sessions under a header per start time", "[ui][plan][list]") {
    TempDir dir;
    Store store(dir.file("demo.db"));
    const RowId eventId = importAgendaFile(store, hallway::testing::demoAgenda(), {}).eventId;
    ui::PlanModel model;
    model.sync(store, eventId, 1);
    ui::ListModel list;
    list.sync(model, {});
    const auto& lines = list.lines();
    const auto& slots = list.slots();
    REQUIRE_FALSE(slots.empty());
    // Every session once, each slot's header before its sessions, slots in time order.
    CHECK(lines.size() == list.rows().size() + slots.size());
    CHECK(lines.front().row < 0);
    CHECK(slots.front().label == "Mon 23 Nov 09:00");
    int sessions = 0;
    for (size_t i = 0; i < lines.size(); ++i) {
        const ui::ListSlot& slot = slots[size_t(lines[i].slot)];
        if (lines[i].row < 0) {
            CHECK(slot.sessions > 0);
            if (lines[i].slot > 0) CHECK(slots[size_t(lines[i].slot - 1)].startsAt < slot.startsAt);
            continue;
        }
        ++sessions;
        CHECK(model.rows()[size_t(lines[i].row)].session.startsAt == slot.startsAt);
    }
    CHECK(sessions == int(list.rows().size()));
    // 10:00 has two talks (Main Hall and Room 2): one header over both.
    int tenOClock = 0;
    for (const auto& slot : slots)
        if (slot.label == "Mon 23 Nov 10:00") tenOClock = slot.sessions;
    CHECK(tenOClock == 2);
    // A filter regroups: starred only, nothing starred, no lines.
    ui::ListFilter starred;
    starred.starredOnly = true;
    list.sync(model, starred);
    CHECK(list.lines().empty());
    CHECK(list.slots().empty());
}

namespace {

// Three days of five sessions (UTC, from 2025-03-03 09:00), one starred on the third.
RowId threeDayAgenda(Store& store) {
    Event e;
    e.name = "Three days";
    e.timeZone = "UTC";
    const RowId eventId = AgendaRepo(store).createEvent(e);
    const Instant monday9 = 1740992400;  // 2025-03-03 09:00 UTC
    for (int day = 0; day < 3; ++day)
        for (int i = 0; i < 5; ++i) {
            Session s;
            s.eventId = eventId;
            s.sourceId = "d" + std::to_string(day) + "s" + std::to_string(i);
            s.title = "Day " + std::to_string(day + 1) + " talk " + std::to_string(i + 1);
            s.room = day == 2 && i == 4 ? "Annex" : (i % 2 ? "Hall B" : "Hall A");
            s.track = i % 2 ? "Systems" : "Web";
            s.startsAt = monday9 + day * 86400 + i * 3600;
            s.endsAt = s.startsAt + 1800;
            const RowId id = AgendaRepo(store).insertSession(s);
            if (day == 2 && i == 3) AgendaRepo(store).setStarred(id, true);
        }
    return eventId;
}

// Syncs until the rest of the agenda is in (10 s at most).
void waitForRest(ui::PlanModel& model, Store& store, RowId eventId, std::uint64_t revision) {
    for (int i = 0; i < 1000 && model.partial(); ++i) {
        model.sync(store, eventId, revision);
        if (model.partial()) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

struct ProgressiveAbove {
    explicit ProgressiveAbove(int n) : before(ui::PlanModel::progressiveAbove()) { ui::PlanModel::setProgressiveAbove(n); }
    ~ProgressiveAbove() { ui::PlanModel::setProgressiveAbove(before); }
    int before;
};

}  // namespace

TEST_CASE("a big agenda shows its first day, the day asked for and its starred sessions first, then the rest",
          "[ui][plan][progressive]") {
    TempDir dir;
    Store store(dir.file("big.db"));
    const RowId eventId = threeDayAgenda(store);
    const ProgressiveAbove above(10);

    ui::PlanModel model;
    REQUIRE(model.sync(store, eventId, 1));
    REQUIRE(model.partial());
    CHECK(model.rows().size() == 6);  // the first day's five and the starred one of the third
    CHECK(model.sessionCount() == 15);
    CHECK(model.starredCount() == 1);
    REQUIRE(model.days().size() == 3);  // every day has its tab, every room and track its filter
    CHECK(model.rooms() == std::vector<std::string>{"Annex", "Hall A", "Hall B"});
    CHECK(model.tracks() == std::vector<std::string>{"Systems", "Web"});
    for (const auto& row : model.rows()) CHECK((row.day == 0 || row.session.starred));
    const auto partialSerial = model.serial();
    waitForRest(model, store, eventId, 1);
    REQUIRE_FALSE(model.partial());
    CHECK(model.rows().size() == 15);
    CHECK(model.serial() != partialSerial);  // the list and grid rebuild from it
    CHECK(model.days().size() == 3);
    CHECK(model.rooms().size() == 3);

    SECTION("the day the grid shows comes first too") {
        ui::PlanModel second;
        second.sync(store, eventId, 1, model.days()[1].key);
        REQUIRE(second.partial());
        CHECK(second.rows().size() == 11);
        int onSecondDay = 0;
        for (const auto& row : second.rows()) onSecondDay += row.day == 1 ? 1 : 0;
        CHECK(onSecondDay == 5);
    }
    SECTION("a star given before the rest arrives is in the rest") {
        ui::PlanModel starring;
        starring.sync(store, eventId, 1);
        REQUIRE(starring.partial());
        const RowId first = starring.rows().front().session.id;
        REQUIRE(AgendaRepo(store).setStarred(first, true));
        REQUIRE(starring.applyStar(first, true, 1, 2));
        waitForRest(starring, store, eventId, 2);
        REQUIRE_FALSE(starring.partial());
        CHECK(starring.rows().size() == 15);
        CHECK(starring.starredCount() == 2);
        REQUIRE(starring.find(first));
        CHECK(starring.find(first)->session.starred);
    }
    SECTION("a database in memory has no second connection: read whole") {
        Store memory(":memory:");
        const RowId inMemory = threeDayAgenda(memory);
        ui::PlanModel whole;
        whole.sync(memory, inMemory, 1);
        CHECK_FALSE(whole.partial());
        CHECK(whole.rows().size() == 15);
    }
}
