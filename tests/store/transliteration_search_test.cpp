// Search and @mentions spell ø æ ß ł đ the way people type them on an ASCII
// keyboard, while the index keeps the names as written.
#include <catch2/catch.hpp>

#include "services/capture_service.h"
#include "store/people_repo.h"
#include "store/store.h"

using namespace hallway;

namespace {

RowId addPerson(Store& store, const std::string& name, const std::string& company = "") {
    Person p;
    p.displayName = name;
    p.company = company;
    return PeopleRepo(store).create(p);
}

std::vector<std::string> namesFound(Store& store, const std::string& search) {
    PeopleQuery q;
    q.search = search;
    std::vector<std::string> out;
    for (const auto& p : PeopleRepo(store).list(q)) out.push_back(p.displayName);
    return out;
}

}  // namespace

TEST_CASE("people search finds names with ø æ ß ł đ typed in ASCII, and as written", "[search][people]") {
    Store store(":memory:");
    addPerson(store, "\xC3\x98ystein Br\xC3\xA5ten");                    // Øystein Bråten
    addPerson(store, "\xC5\x81ukasz Nowak");                               // Łukasz Nowak
    addPerson(store, "Hans Stra\xC3\x9F" "er", "Gro\xC3\x9F" "e GmbH");   // Hans Straßer
    addPerson(store, "\xC4\x90or\xC4\x91" "e Petrovi\xC4\x87");            // Đorđe Petrović
    addPerson(store, "Ane \xC3\x86rsb\xC3\xB8l");                           // Ane Ærsbøl
    addPerson(store, "Oscar Olsen");

    CHECK(namesFound(store, "oystein") == std::vector<std::string>{"\xC3\x98ystein Br\xC3\xA5ten"});
    CHECK(namesFound(store, "\xC3\xB8ystein") == std::vector<std::string>{"\xC3\x98ystein Br\xC3\xA5ten"});
    CHECK(namesFound(store, "bråten") == std::vector<std::string>{"\xC3\x98ystein Br\xC3\xA5ten"});
    CHECK(namesFound(store, "lukasz") == std::vector<std::string>{"\xC5\x81ukasz Nowak"});
    CHECK(namesFound(store, "strasser") == std::vector<std::string>{"Hans Stra\xC3\x9F" "er"});
    CHECK(namesFound(store, "grosse") == std::vector<std::string>{"Hans Stra\xC3\x9F" "er"});
    CHECK(namesFound(store, "dorde") == std::vector<std::string>{"\xC4\x90or\xC4\x91" "e Petrovi\xC4\x87"});
    CHECK(namesFound(store, "aersbol") == std::vector<std::string>{"Ane \xC3\x86rsb\xC3\xB8l"});
    CHECK(namesFound(store, "oscar") == std::vector<std::string>{"Oscar Olsen"});  // plain names as before
    CHECK(namesFound(store, "os") == std::vector<std::string>{"Oscar Olsen"});    // "øs" matches no word start
}

TEST_CASE("@oystein in a note links Øystein", "[search][capture]") {
    Store store(":memory:");
    RowId oystein = addPerson(store, "\xC3\x98ystein Br\xC3\xA5ten");
    addPerson(store, "Oskar Brandt");
    CHECK(resolveMention(store, "oystein") == oystein);
    CHECK(resolveMention(store, "oystein-braten") == oystein);
    RowId lukasz = addPerson(store, "\xC5\x81ukasz Nowak");
    CHECK(resolveMention(store, "lukasz") == lukasz);
}
