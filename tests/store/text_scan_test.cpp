// The font atlas asks the store which texts hold characters beyond ASCII.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "store/agenda_repo.h"
#include "store/notes_repo.h"
#include "store/people_repo.h"
#include "store/store.h"
#include "store/text_scan.h"

using namespace hallway;

TEST_CASE("the non-ASCII scans visit names, companies, titles and notes beyond ASCII, and only those",
          "[store][fonts]") {
    Store store(":memory:");
    auto person = [&](const char* name, const char* company) {
        Person p;
        p.displayName = name;
        p.company = company;
        p.source = "typed";
        return PeopleRepo(store).create(p);
    };
    person("Ana Lima", "Acme");
    person("김민준", "");
    person("Bo Nielsen", "Ünited");
    Event e;
    e.name = "Days";
    e.timeZone = "UTC";
    const RowId event = AgendaRepo(store).createEvent(e);
    for (const char* title : {"Plain talk", "Talk about 鄧"}) {
        Session s;
        s.eventId = event;
        s.sourceId = title;
        s.title = title;
        s.startsAt = 0;
        s.endsAt = 60;
        AgendaRepo(store).insertSession(s);
    }
    for (const char* body : {"met Ana", "met שרה at lunch"}) {
        Note n;
        n.eventId = event;
        n.body = body;
        NotesRepo(store).insertNote(n, {});
    }
    std::vector<std::string> seen;
    auto visit = [&](std::string_view t) { seen.emplace_back(t); };
    forEachNonAsciiName(store, visit);
    std::sort(seen.begin(), seen.end());
    CHECK(seen == std::vector<std::string>{"Bo Nielsen Ünited", "Talk about 鄧", "김민준 "});

    seen.clear();
    const RowId last = forEachNonAsciiNote(store, 0, visit);
    CHECK(seen == std::vector<std::string>{"met שרה at lunch"});
    // From the last id on, nothing is read again; a new note is.
    seen.clear();
    CHECK(forEachNonAsciiNote(store, last, visit) == last);
    CHECK(seen.empty());
    Note n;
    n.eventId = event;
    n.body = "café with Zoë";
    NotesRepo(store).insertNote(n, {});
    CHECK(forEachNonAsciiNote(store, last, visit) > last);
    CHECK(seen == std::vector<std::string>{"café with Zoë"});
}
