// People in the user's network apart from speakers known only from an
// agenda, and names in a Unicode collation's order.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "services/capture_service.h"
#include "store/agenda_repo.h"
#include "store/collation.h"
#include "store/notes_repo.h"
#include "store/people_repo.h"
#include "store/store.h"

using namespace hallway;

namespace {

RowId add(Store& store, const char* name, const char* source, const char* company = "") {
    Person p;
    p.displayName = name;
    p.company = company;
    p.source = source;
    return PeopleRepo(store).create(p);
}

std::vector<std::string> names(const std::vector<PersonBrief>& people) {
    std::vector<std::string> out;
    for (const auto& p : people) out.push_back(p.displayName);
    return out;
}

}  // namespace

TEST_CASE("the network is everyone but speakers known only from an agenda", "[store][people]") {
    Store store(":memory:");
    Event e;
    e.name = "Days";
    e.timeZone = "UTC";
    const RowId event = AgendaRepo(store).createEvent(e);
    add(store, "Typed Tom", "typed", "Acme");
    add(store, "Linked Lea", "linkedin", "Acme");
    add(store, "Speaker Sam", "agenda");
    add(store, "Speaker Sue", "agenda");
    const RowId targeted = add(store, "Speaker Tia", "agenda");
    const RowId noted = add(store, "Speaker Ned", "agenda");
    const RowId touched = add(store, "Speaker Ike", "agenda");
    Target t;
    t.eventId = event;
    t.personId = targeted;
    PeopleRepo(store).upsertTarget(t);
    NoteInput in;
    in.body = "good chat";
    in.eventId = event;
    in.people = {noted};
    in.noSession = true;
    saveNote(store, in);
    Interaction i;
    i.personId = touched;
    i.kind = "coffee";
    NotesRepo(store).addInteraction(i);

    PeopleRepo people(store);
    const ScopeCounts counts = people.scopeCounts();
    CHECK(counts.network == 5);
    CHECK(counts.agendaOnly == 2);
    PeopleQuery q;
    q.scope = PeopleScope::AgendaOnly;
    CHECK(names(people.list(q)) == std::vector<std::string>{"Speaker Sam", "Speaker Sue"});
    q.scope = PeopleScope::Network;
    CHECK(names(people.list(q)) ==
          std::vector<std::string>{"Linked Lea", "Speaker Ike", "Speaker Ned", "Speaker Tia", "Typed Tom"});
    q.scope = PeopleScope::All;
    CHECK(people.list(q).size() == 7);
    // The network map counts the network: the two agenda-only speakers are in
    // no group, the three met or noted ones are under "(no company)".
    const auto groups = people.network("company");
    int total = 0;
    for (const auto& g : groups) total += g.people;
    CHECK(total == 5);
    REQUIRE(groups.size() == 2);
    CHECK(groups[0].group == "");
    CHECK(groups[0].people == 3);
    CHECK(groups[1].group == "Acme");
    CHECK(groups[1].people == 2);
}

TEST_CASE("names sort by a Unicode collation: accents by their letter, case and punctuation ignored",
          "[store][people]") {
    Store store(":memory:");
    for (const char* n : {"Cyril Dubois", "zoë Ångström", "César Ortiz", "=HYPERLINK Bob", "ana lima", "Åsa Berg",
                          "Émile Zola", "Bob Hope"})
        add(store, n, "typed");
    CHECK(names(PeopleRepo(store).list()) ==
          std::vector<std::string>{"ana lima", "Åsa Berg", "Bob Hope", "César Ortiz", "Cyril Dubois", "Émile Zola",
                                   "=HYPERLINK Bob", "zoë Ångström"});
    CHECK(collationKey("César") < collationKey("Cyril"));
    CHECK(collationKey("cesar") < collationKey("César"));  // the accent decides only between equals
}

TEST_CASE("a long list comes back in collation order, namesakes by id", "[store][people]") {
    Store store(":memory:");
    // Inserted in an order whose sort moves most rows, along cycles of many lengths.
    std::vector<std::string> inserted;
    for (int i = 0; i < 97; ++i) {
        const int k = (i * 37) % 97;
        inserted.push_back(std::string(1, char('A' + k % 26)) + (k % 3 ? "ö" : "o") + " Person " + std::to_string(k / 26));
        add(store, inserted.back().c_str(), "typed");
    }
    add(store, inserted[5].c_str(), "typed");  // a namesake: after the first by id
    const auto listed = PeopleRepo(store).list();
    REQUIRE(listed.size() == 98);
    for (size_t i = 1; i < listed.size(); ++i) {
        const auto a = collationKey(listed[i - 1].displayName), b = collationKey(listed[i].displayName);
        CHECK((a < b || (a == b && listed[i - 1].id < listed[i].id)));
    }
    std::vector<std::string> sortedNames = names(listed), expected = inserted;
    expected.push_back(inserted[5]);
    std::sort(sortedNames.begin(), sortedNames.end());
    std::sort(expected.begin(), expected.end());
    CHECK(sortedNames == expected);  // nobody lost or doubled by the reordering
}
