#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>

#include "core/model.h"
#include "store/agenda_repo.h"
#include "store/people_repo.h"
#include "store/sqlite.h"
#include "store/store.h"

using namespace hallway;

namespace {

long long count(Store& store, const char* sqlText) {
    sql::Statement q(store.connection(), sqlText);
    q.step();
    return q.getInt(0);
}

}  // namespace

TEST_CASE("profile URLs compare in one normal form", "[people]") {
    CHECK(profileUrlKey("https://www.LinkedIn.com/in/ana-lima/?trk=abc") == "linkedin.com/in/ana-lima");
    CHECK(profileUrlKey("http://linkedin.com/in/ana-lima") == "linkedin.com/in/ana-lima");
    CHECK(profileUrlKey("https://pt.linkedin.com/in/ana-lima/") == "linkedin.com/in/ana-lima");
    CHECK(profileUrlKey("https://example.org/#about") == "example.org");
}

TEST_CASE("a person keeps several emails, phones, urls, tags and facts", "[people]") {
    Store store(":memory:");
    PeopleRepo people(store);
    Person p;
    p.displayName = "  Ελένη   Παπαδοπούλου ";
    p.company = "Acme";
    p.emails = {{"Eleni@Example.org", "work"}, {"eleni@home.example", "home"}};
    p.phones = {{"+30 210 000 0000", "mobile"}};
    p.urls = {{"https://www.linkedin.com/in/eleni", "linkedin"}};
    p.tags = {"Rust", "speaker"};
    p.facts = {{0, "marathon in April", std::string("2027-04-12")}};
    RowId id = people.create(p);
    auto back = people.find(id);
    REQUIRE(back);
    CHECK(back->displayName == "Ελένη Παπαδοπούλου");
    CHECK(back->emails.size() == 2);
    CHECK(back->emails[0].value == "eleni@example.org");  // emails compare lower-cased
    CHECK(back->tags == std::vector<std::string>{"rust", "speaker"});
    REQUIRE(back->facts.size() == 1);
    CHECK(back->facts[0].onDate == std::optional<std::string>("2027-04-12"));
    CHECK_FALSE(people.addEmail(id, {"ELENI@example.org", ""}));  // already there
    // What imports match on: the email lower-cased, the profile in its normal form.
    auto keys = people.allMatchKeys();
    auto hasKey = [&](const char* kind, const char* key) {
        return std::any_of(keys.begin(), keys.end(),
                           [&](const auto& k) { return k.person == id && k.kind == kind && k.key == key; });
    };
    CHECK(hasKey("email", "eleni@example.org"));
    CHECK(hasKey("url", "linkedin.com/in/eleni"));
    PeopleQuery byName;
    byName.search = "παπαδ";
    CHECK(people.list(byName).size() == 1);
    PeopleQuery byTag;
    byTag.tag = "RUST";
    CHECK(people.list(byTag).size() == 1);
}

TEST_CASE("a person picker lists name matches first, a filtered table stays in name order", "[people]") {
    Store store(":memory:");
    PeopleRepo people(store);
    auto add = [&](const char* name, const char* company, const char* tag = nullptr) {
        Person p;
        p.displayName = name;
        p.company = company;
        if (tag) p.tags = {tag};
        return people.create(p);
    };
    RowId cora = add("Cora Lind", "Acme", "rust");
    RowId bo = add("Bo Berg", "Corvid Labs");  // newer, but only the company matches
    RowId al = add("Al Corbett", "Initech", "rust");
    for (int i = 0; i < 300; ++i) add(("Person " + std::to_string(i)).c_str(), "Corvid Labs");

    auto ids = [](const std::vector<PersonBrief>& list) {
        std::vector<RowId> out;
        for (auto& p : list) out.push_back(p.id);
        return out;
    };
    PeopleQuery picker{"cor", "", 4};
    auto picked = people.list(picker);
    REQUIRE(picked.size() == 4);
    CHECK(picked[0].id == al);    // name matches, in name order ...
    CHECK(picked[1].id == cora);
    CHECK(picked[2].id != bo);    // ... then company matches, also in name order
    CHECK(picked[2].company == "Corvid Labs");

    PeopleQuery table{"cor", "", 0};
    auto all = people.list(table);
    CHECK(all.size() == 303);     // every match, not only the newest candidates
    CHECK(all.front().id == al);
    CHECK(all[1].id == bo);
    CHECK(all[2].id == cora);

    PeopleQuery tagged{"cor", "RUST", 8};
    CHECK(ids(people.list(tagged)) == std::vector<RowId>{al, cora});
    tagged.limit = 0;
    CHECK(ids(people.list(tagged)) == std::vector<RowId>{al, cora});
}

TEST_CASE("merging two people keeps every detail and link of both", "[people][merge]") {
    Store store(":memory:");
    PeopleRepo people(store);
    Event e;
    e.name = "Conf";
    RowId ev = AgendaRepo(store).createEvent(e);
    Session s;
    s.eventId = ev;
    s.sourceId = "talk";
    s.title = "Talk";
    s.startsAt = 1000;
    s.endsAt = 2000;
    RowId talk = AgendaRepo(store).insertSession(s);

    Person a;
    a.displayName = "Ana Lima";
    a.emails = {{"ana@work.example", "work"}};
    a.tags = {"rust"};
    RowId ana = people.create(a);
    Person b;
    b.displayName = "Ana M. Lima";
    b.company = "Acme";
    b.role = "CTO";
    b.emails = {{"ana@work.example", "work"}, {"ana@home.example", "home"}};
    b.tags = {"rust", "wasm"};
    b.facts = {{0, "has a dog called Pixel", std::nullopt}};
    RowId anaToo = people.create(b);
    AgendaRepo(store).setSessionSpeakers(talk, {anaToo});

    Target t1;
    t1.eventId = ev;
    t1.personId = ana;
    t1.priority = TargetPriority::Nice;
    t1.why = "Rust";
    t1.questions = {"Which allocator?"};
    people.upsertTarget(t1);
    Target t2 = t1;
    t2.personId = anaToo;
    t2.priority = TargetPriority::Must;
    t2.why = "Hiring";
    t2.questions = {"Remote ok?"};
    people.upsertTarget(t2);

    auto& db = store.connection();
    db.exec("INSERT INTO notes (id, created_at, body) VALUES (1, 0, 'met Ana')");
    db.exec("INSERT INTO note_people (note_id, person_id) VALUES (1, " + std::to_string(anaToo) + ")");
    db.exec("INSERT INTO interactions (person_id, occurred_at, kind) VALUES (" + std::to_string(anaToo) + ", 0, 'coffee')");
    db.exec("INSERT INTO interactions (person_id, occurred_at, kind) VALUES (" + std::to_string(ana) + ", 0, 'met')");
    db.exec("INSERT INTO follow_ups (person_id, rule, kind, due_date, dedupe_key, created_at, updated_at) VALUES (" +
            std::to_string(anaToo) + ", 'thank_you', 'thank_you', '2025-01-01', 'k1', 0, 0)");

    people.merge(ana, anaToo);

    CHECK_FALSE(people.find(anaToo));
    auto merged = people.find(ana);
    REQUIRE(merged);
    CHECK(merged->displayName == "Ana Lima");  // the kept side's name stays
    CHECK(merged->company == "Acme");          // blanks filled from the other side
    CHECK(merged->role == "CTO");
    CHECK(merged->emails.size() == 2);
    CHECK(merged->tags == std::vector<std::string>{"rust", "wasm"});
    CHECK(merged->facts.size() == 1);
    CHECK(AgendaRepo(store).findSession(talk)->speakers == std::vector<std::string>{"Ana Lima"});
    auto target = people.findTarget(ev, ana);
    REQUIRE(target);
    CHECK(target->priority == TargetPriority::Must);
    CHECK(target->why == "Rust; Hiring");
    CHECK(target->questions == std::vector<std::string>{"Which allocator?", "Remote ok?"});
    CHECK(people.targets(ev).size() == 1);
    CHECK(count(store, "SELECT count(*) FROM note_people WHERE person_id = 1") == 1);
    CHECK(count(store, "SELECT count(*) FROM interactions WHERE person_id = 1") == 2);
    CHECK(count(store, "SELECT count(*) FROM follow_ups WHERE person_id = 1") == 1);
}

TEST_CASE("the network map counts people and warmth per group", "[people][network]") {
    Store store(":memory:");
    PeopleRepo people(store);
    auto add = [&](const char* name, const char* company, std::vector<std::string> tags) {
        Person p;
        p.displayName = name;
        p.company = company;
        p.tags = std::move(tags);
        return people.create(p);
    };
    RowId a = add("A", "Acme", {"rust"});
    add("B", "acme", {"rust", "wasm"});
    add("C", "Initech", {});
    auto& db = store.connection();
    for (int i = 0; i < 3; ++i)
        db.exec("INSERT INTO interactions (person_id, occurred_at, kind) VALUES (" + std::to_string(a) + ", 0, 'coffee')");
    auto byCompany = people.network("company");
    REQUIRE(byCompany.size() == 2);
    CHECK(byCompany[0].people == 2);  // Acme and acme are one company
    CHECK(byCompany[0].genuineInteractions == 3);
    CHECK(byCompany[0].relationships == 1);
    CHECK(byCompany[1].group == "Initech");
    CHECK(byCompany[1].relationships == 0);
    auto byTag = people.network("tag");
    REQUIRE(byTag.size() == 3);
    CHECK(byTag[0].group == "rust");
    CHECK(byTag[0].people == 2);
}

#include "services/people_service.h"
#include "store/search_repo.h"

TEST_CASE("a contacts file that updates a person it just added keeps the search index whole", "[people][fts]") {
    Store store(":memory:");
    // The second card matches the first by email and adds a company: an
    // update of a row inserted in the same import, while bulk indexing is on.
    std::string cards =
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lima\r\nEMAIL:ana@lima.example\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lima\r\nEMAIL:ana@lima.example\r\nORG:Acme Cloud\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo Chen\r\nEMAIL:bo@chen.example\r\nEND:VCARD\r\n";
    auto r = importContactsBytes(store, cards, "cards.vcf", {});
    CHECK(r.added == 2);
    CHECK(r.updated == 1);
    for (const char* table : {"people_fts", "people_trigram"}) {
        INFO(table);
        std::string check = std::string("INSERT INTO ") + table + "(" + table + ") VALUES ('integrity-check')";
        CHECK_NOTHROW(store.connection().exec(check));
    }
    SearchRepo search(store);
    auto hits = search.search("acme");
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].title == "Ana Lima");
    CHECK(search.search("chen").size() == 1);
    CHECK(search.search("lim").size() == 1);
}

TEST_CASE("the talks of an event's targets come in one query, the first N each with their count", "[people][targets]") {
    Store store(":memory:");
    PeopleRepo people(store);
    Event e;
    e.name = "Conf";
    e.timeZone = "UTC";
    const RowId conf = AgendaRepo(store).createEvent(e);
    e.name = "Other Conf";
    const RowId other = AgendaRepo(store).createEvent(e);
    auto person = [&](const char* name) {
        Person p;
        p.displayName = name;
        return people.create(p);
    };
    const RowId busy = person("Busy Speaker"), quiet = person("Quiet Speaker"), stranger = person("Not A Target");
    auto talk = [&](RowId event, const std::string& title, Instant at, std::vector<RowId> speakers) {
        Session s;
        s.eventId = event;
        s.sourceId = title;
        s.title = title;
        s.room = "Room " + title;
        s.startsAt = at;
        s.endsAt = at + 1800;
        const RowId id = AgendaRepo(store).insertSession(s);
        AgendaRepo(store).setSessionSpeakers(id, speakers);
        return id;
    };
    // Busy gives 8 talks here, inserted out of time order, one removed, and one elsewhere.
    for (int i = 7; i >= 0; --i) talk(conf, "busy " + std::to_string(i), 1000000 + i * 3600, {busy});
    const RowId gone = talk(conf, "busy removed", 900000, {busy});
    AgendaRepo(store).markSessionRemoved(gone, 950000);
    talk(other, "busy elsewhere", 800000, {busy});
    talk(conf, "quiet talk", 1000000, {quiet, stranger});
    for (RowId who : {busy, quiet}) {
        Target t;
        t.eventId = conf;
        t.personId = who;
        people.upsertTarget(t);
    }

    auto talks = people.targetsTalks(conf, 3);
    REQUIRE(talks.size() == 2);  // the stranger is no target
    REQUIRE(talks[busy].first.size() == 3);
    CHECK(talks[busy].total == 8);
    CHECK(talks[busy].first[0].title == "busy 0");
    CHECK(talks[busy].first[1].title == "busy 1");
    CHECK(talks[busy].first[2].title == "busy 2");
    CHECK(talks[busy].first[2].room == "Room busy 2");
    CHECK(talks[busy].first[2].endsAt - talks[busy].first[2].startsAt == 1800);
    REQUIRE(talks[quiet].first.size() == 1);
    CHECK(talks[quiet].total == 1);
    // No limit: all of them, in time order.
    auto all = people.targetsTalks(conf, SIZE_MAX);
    REQUIRE(all[busy].first.size() == 8);
    CHECK(all[busy].first.back().title == "busy 7");
    CHECK(people.targetsTalks(other, 5).empty());
}
