// A person's card revision (schema step 14) moves with every write to what
// their synced card holds, whichever writer makes it: sync renders only the
// cards whose revision moved, so a writer that slipped past would leave the
// phone with old data.
#include <catch2/catch.hpp>

#include "store/people_repo.h"
#include "store/sqlite.h"
#include "store/store.h"
#include "store/sync_repo.h"

using namespace hallway;

namespace {

RowId addPerson(PeopleRepo& people, const std::string& name) {
    Person p;
    p.displayName = name;
    p.company = "Acme";
    p.source = "typed";
    p.emails = {{name.substr(0, 3) + "@example.org", "work"}};
    p.tags = {"rust"};
    return people.create(p);
}

// Runs `edit` and checks it moved `person`'s revision past every earlier one.
template <typename Edit>
void moves(Store& store, RowId person, const char* what, Edit edit) {
    SyncRepo sync(store);
    std::int64_t before = sync.cardRevision(person);
    sql::Statement q(store.connection(), "SELECT coalesce(max(rev), 0) FROM person_card_revs");
    q.step();
    std::int64_t highest = q.getInt(0);
    q.reset();
    {
        Store::Transaction tx(store);
        edit();
        tx.commit();
    }
    INFO(what);
    CHECK(sync.cardRevision(person) != before);
    CHECK(sync.cardRevision(person) > highest);
}

}  // namespace

TEST_CASE("every writer of a person's card fields moves their card revision", "[store][sync]") {
    Store store(":memory:");
    PeopleRepo people(store);
    RowId ana = addPerson(people, "Ana Lima");
    RowId ben = addPerson(people, "Ben Okafor");
    CHECK(SyncRepo(store).cardRevision(ana) > 0);

    moves(store, ana, "name and company", [&] {
        Person p = *people.find(ana);
        p.displayName = "Ana Lima-Souza";
        p.company = "Initech";
        people.updateFields(p);
    });
    moves(store, ana, "an email added", [&] { people.addEmail(ana, {"ana@second.example", ""}); });
    moves(store, ana, "a phone added", [&] { people.addPhone(ana, {"+351 912 000 000", "cell"}); });
    moves(store, ana, "a profile added", [&] { people.addUrl(ana, {"https://www.linkedin.com/in/ana", ""}); });
    moves(store, ana, "a tag added", [&] { people.addTag(ana, "speaker"); });
    moves(store, ana, "an email removed and a label changed", [&] {
        Person p = *people.find(ana);
        p.emails.pop_back();
        p.phones[0].label = "work";
        people.replaceDetails(p);
    });
    moves(store, ana, "a tag removed", [&] {
        Person p = *people.find(ana);
        p.tags = {"rust"};
        people.replaceDetails(p);
    });
    moves(store, ana, "kept side of a merge", [&] { people.merge(ana, ben); });
    CHECK_FALSE(people.find(ben));
}

TEST_CASE("a write that changes nothing may keep the revision, one that changes a row never does", "[store][sync]") {
    Store store(":memory:");
    PeopleRepo people(store);
    RowId ana = addPerson(people, "Ana Lima");
    SyncRepo sync(store);
    std::int64_t before = sync.cardRevision(ana);
    // INSERT OR IGNORE of an email she has: no row written.
    CHECK_FALSE(people.addEmail(ana, {"ana@example.org", "work"}));
    CHECK(sync.cardRevision(ana) == before);
    // A write through an outer OR IGNORE still moves it when it writes a row.
    CHECK(people.addEmail(ana, {"ana@new.example", ""}));
    CHECK(sync.cardRevision(ana) > before);
}

TEST_CASE("a person deleted and an id handed out again never meet an old revision", "[store][sync]") {
    Store store(":memory:");
    PeopleRepo people(store);
    addPerson(people, "Ana Lima");
    RowId ben = addPerson(people, "Ben Okafor");
    std::int64_t bens = SyncRepo(store).cardRevision(ben);
    store.connection().exec("DELETE FROM people WHERE id = " + std::to_string(ben));  // cascades to contacts, tags
    RowId next = addPerson(people, "Cy Diaz");
    REQUIRE(next == ben);  // SQLite reuses the highest rowid
    CHECK(SyncRepo(store).cardRevision(next) > bens);
}
