// How a contacts import decides that a record is someone already known: the
// rules a user relies on not to get duplicates, nor two people folded into one.
#include <catch2/catch.hpp>

#include "services/people_service.h"
#include "store/people_repo.h"
#include "store/store.h"

using namespace hallway;

namespace {

const char* const kHeader = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n";

ContactsImportReport importLinkedIn(Store& store, const std::string& rows) {
    return importContactsBytes(store, std::string(kHeader) + rows, "Connections.csv", {});
}

int peopleNamed(Store& store, const std::string& name) {
    int n = 0;
    for (auto& p : PeopleRepo(store).list())
        if (p.displayName == name) ++n;
    return n;
}

}  // namespace

TEST_CASE("two people with one name and company but different LinkedIn profiles stay two", "[contacts][match]") {
    Store store(":memory:");
    auto r = importLinkedIn(store,
                            "Ana,Lima,https://www.linkedin.com/in/ana-lima-1,,Acme,Engineer,01 Mar 2024\n"
                            "Ana,Lima,https://www.linkedin.com/in/ana-lima-2,,Acme,Designer,02 Mar 2024\n");
    CHECK(r.added == 2);
    CHECK(r.updated == 0);
    CHECK(peopleNamed(store, "Ana Lima") == 2);
}

TEST_CASE("a record without a profile matches the same name and company", "[contacts][match]") {
    Store store(":memory:");
    importLinkedIn(store, "Ana,Lima,https://www.linkedin.com/in/ana-lima-1,,Acme,Engineer,01 Mar 2024\n");
    auto r = importLinkedIn(store, "Ana,Lima,,ana@acme.example,Acme,Engineer,01 Mar 2024\n");
    CHECK(r.added == 0);
    CHECK(r.updated == 1);
    REQUIRE(peopleNamed(store, "Ana Lima") == 1);
    auto ana = PeopleRepo(store).list().front();
    auto full = PeopleRepo(store).find(ana.id);
    REQUIRE(full);
    CHECK(full->emails.size() == 1);
    CHECK(full->urls.size() == 1);
}

TEST_CASE("a profile gained during an import makes a later record with another profile a new person",
          "[contacts][match]") {
    Store store(":memory:");
    importLinkedIn(store, "Ana,Lima,,ana@acme.example,Acme,Engineer,01 Mar 2024\n");
    // Row 1 matches Ana by email and gives her a profile; row 2 has the same
    // name and company but another profile: someone else.
    auto r = importLinkedIn(store,
                            "Ana,Lima,https://www.linkedin.com/in/ana-lima-1,ana@acme.example,Acme,Engineer,01 Mar 2024\n"
                            "Ana,Lima,https://www.linkedin.com/in/ana-lima-2,,Acme,Engineer,02 Mar 2024\n");
    CHECK(r.updated == 1);
    CHECK(r.added == 1);
    CHECK(peopleNamed(store, "Ana Lima") == 2);
}

TEST_CASE("the same name at another company is added and reported as a merge candidate", "[contacts][match]") {
    Store store(":memory:");
    importLinkedIn(store, "Bo,Chen,,bo@one.example,One Corp,CTO,01 Mar 2024\n");
    auto r = importLinkedIn(store, "Bo,Chen,,,Two GmbH,CTO,01 Mar 2024\n");
    CHECK(r.added == 1);
    REQUIRE(r.ambiguous.size() == 1);
    CHECK(r.ambiguous[0].name == "Bo Chen");
    REQUIRE(r.ambiguous[0].candidates.size() == 1);
    CHECK(r.ambiguous[0].candidates[0].company == "One Corp");
    CHECK(r.ambiguous[0].line == 2);
}

TEST_CASE("a record matching two people by name and company is skipped, not guessed", "[contacts][match]") {
    Store store(":memory:");
    importLinkedIn(store,
                   "Ana,Lima,https://www.linkedin.com/in/ana-lima-1,,Acme,Engineer,01 Mar 2024\n"
                   "Ana,Lima,https://www.linkedin.com/in/ana-lima-2,,Acme,Designer,02 Mar 2024\n");
    auto r = importLinkedIn(store, "Ana,Lima,,,Acme,,03 Mar 2024\n");
    CHECK(r.added == 0);
    CHECK(r.updated == 0);
    REQUIRE(r.ambiguous.size() == 1);
    CHECK(r.ambiguous[0].candidates.size() == 2);
    CHECK(peopleNamed(store, "Ana Lima") == 2);
}

TEST_CASE("a record with a speaker's name matches that speaker, who has no company yet", "[contacts][match]") {
    Store store(":memory:");
    Person speaker;
    speaker.displayName = "Bo Chen";
    speaker.source = "agenda";
    RowId bo = PeopleRepo(store).create(speaker);
    auto r = importLinkedIn(store, "Bo,Chen,,bo@two.example,Two GmbH,CTO,01 Mar 2024\n");
    CHECK(r.added == 0);
    CHECK(r.updated == 1);
    CHECK(r.ambiguous.empty());
    REQUIRE(peopleNamed(store, "Bo Chen") == 1);
    auto full = PeopleRepo(store).find(bo);
    REQUIRE(full);
    CHECK(full->company == "Two GmbH");
    CHECK(full->emails.size() == 1);
    // With the company known now, the same name at a third company is someone else again.
    auto third = importLinkedIn(store, "Bo,Chen,,,Three AB,CEO,02 Mar 2024\n");
    CHECK(third.added == 1);
    CHECK(third.ambiguous.size() == 1);
}
