#include <catch2/catch.hpp>

#include <algorithm>

#include "core/person_edit.h"
#include "services/people_service.h"
#include "store/people_repo.h"
#include "store/search_repo.h"
#include "store/store.h"

using namespace hallway;

namespace {

Person sample() {
    Person p;
    p.displayName = "Ana Lima";
    p.company = "Acme";
    p.role = "Staff engineer";
    p.source = "linkedin";
    p.emails = {{"ana@acme.example", "work"}, {"ana@home.example", ""}};
    p.phones = {{"+351 210 000 000", "mobile"}};
    p.urls = {{"https://www.linkedin.com/in/analima", "linkedin"}};
    p.tags = {"rust", "speaker"};
    p.howMet = "DebConf hallway";
    p.keepInTouchDays = 90;
    p.facts = {{0, "training for a marathon on 12 April", std::string("2027-04-12")}, {0, "two cats", std::nullopt}};
    return p;
}

Person edited(const PersonEditText& text, const Person& original) {
    auto r = personFromEditText(text, original, "2026-11-23");
    if (auto* why = std::get_if<std::string>(&r)) FAIL(*why);
    return std::get<Person>(r);
}

}  // namespace

TEST_CASE("the editor's text gives the person back unchanged", "[people][edit]") {
    Store store(":memory:");
    PeopleRepo people(store);
    RowId id = people.create(sample());
    Person stored = *people.find(id);
    PersonEditText text = editTextOf(stored);
    CHECK(text.emails == "ana@acme.example (work)\nana@home.example");
    CHECK(text.tags == "rust, speaker");
    CHECK(text.keepInTouchDays == "90");
    Person back = edited(text, stored);
    CHECK(back.displayName == stored.displayName);
    CHECK(back.emails == stored.emails);
    CHECK(back.phones == stored.phones);
    CHECK(back.urls == stored.urls);
    CHECK(back.tags == stored.tags);
    CHECK(back.keepInTouchDays == stored.keepInTouchDays);
    REQUIRE(back.facts.size() == 2);
    CHECK(back.facts[0].id == stored.facts[0].id);  // unchanged facts keep their id and date
    CHECK(back.facts[0].onDate == std::optional<std::string>("2027-04-12"));
    savePersonDetails(store, back);
    Person again = *people.find(id);
    CHECK(again.emails == stored.emails);
    CHECK(again.facts[0].id == stored.facts[0].id);
}

TEST_CASE("edits replace contacts, tags and facts, and search sees the new company", "[people][edit]") {
    Store store(":memory:");
    PeopleRepo people(store);
    RowId id = people.create(sample());
    Person stored = *people.find(id);
    PersonEditText text = editTextOf(stored);
    text.name = "  Ana   Lima-Silva ";
    text.company = "Initech";
    text.emails = "ana@home.example (personal)\n\nANA@new.example\n";
    text.phones = "";
    text.tags = "Rust, mentor ,";
    text.keepInTouchDays = "";
    text.facts = "two cats\nmoving to Porto on 3 March\n";
    Person p = edited(text, stored);
    savePersonDetails(store, p);

    Person now = *people.find(id);
    CHECK(now.displayName == "Ana Lima-Silva");
    CHECK(now.company == "Initech");
    CHECK(now.emails == std::vector<ContactDetail>{{"ana@home.example", "personal"}, {"ana@new.example", ""}});
    CHECK(now.phones.empty());
    CHECK(now.urls == stored.urls);
    CHECK(now.tags == std::vector<std::string>{"mentor", "rust"});
    CHECK_FALSE(now.keepInTouchDays);
    REQUIRE(now.facts.size() == 2);
    CHECK(now.facts[0].id == stored.facts[1].id);  // "two cats" kept, the marathon gone
    CHECK(now.facts[1].text == "moving to Porto on 3 March");
    CHECK(now.facts[1].onDate == std::optional<std::string>("2027-03-03"));  // the next 3 March after today
    // Imports match on what is stored now: the new address, not the removed one.
    auto keys = people.allMatchKeys();
    auto emailOwners = [&](const std::string& email) {
        return std::count_if(keys.begin(), keys.end(), [&](const auto& k) { return k.kind == "email" && k.key == email; });
    };
    CHECK(emailOwners("ana@acme.example") == 0);
    CHECK(emailOwners("ana@new.example") == 1);

    PeopleQuery byCompany;
    byCompany.search = "initech";
    REQUIRE(people.list(byCompany).size() == 1);
    byCompany.search = "acme";
    CHECK(people.list(byCompany).empty());
    auto hits = SearchRepo(store).search("silva", 5);
    REQUIRE_FALSE(hits.empty());
    CHECK(hits[0].id == id);
}

TEST_CASE("the editor refuses what cannot be saved, saying where", "[people][edit]") {
    Person original = sample();
    PersonEditText text = editTextOf(original);
    auto problem = [&](const PersonEditText& t) {
        auto r = personFromEditText(t, original, "2026-11-23");
        return std::holds_alternative<std::string>(r) ? std::get<std::string>(r) : std::string();
    };
    PersonEditText blank = text;
    blank.name = "   ";
    CHECK(problem(blank) == "Name: a person needs a name");
    PersonEditText badEmail = text;
    badEmail.emails = "ana@acme.example\nana at acme\n";
    CHECK(problem(badEmail) == "Emails, line 2: 'ana at acme' is not an email address");
    PersonEditText badPhone = text;
    badPhone.phones = "call me";
    CHECK(problem(badPhone) == "Phones, line 1: 'call me' has no digits");
    PersonEditText badDays = text;
    badDays.keepInTouchDays = "every month";
    CHECK(problem(badDays) == "Keep in touch: 'every month' is not a number of days (1 to 3650, blank for never)");
    PersonEditText twoLinks = text;
    twoLinks.links = "https://a.example https://b.example";
    CHECK(problem(twoLinks) == "Links, line 1: 'https://a.example https://b.example' has a space in it (one per line)");
}
