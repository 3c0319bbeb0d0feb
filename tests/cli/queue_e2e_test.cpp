// A whole event through the CLI: agenda, targets, notes with every marker,
// met, the generated queue, idempotency, and the VTODO export read back.
#include <catch2/catch.hpp>
#include <libical/ical.h>
#include <nlohmann/json.hpp>

#include <sstream>

#include "cli/cli_run.h"
#include "test_support.h"

using namespace hallway;
using hallway::testing::Run;
using hallway::testing::hallwayCli;
using hallway::testing::jsonOf;
using hallway::testing::ok;
using nlohmann::json;
using hallway::testing::TempDir;

namespace {

// Backwaters Conf (tests/data/frab/backwaters.xml), Asia/Kolkata, Sun 2023-09-10 .. Sun 2023-09-17.
std::string importBackwaters(const std::string& db) {
    json imported = jsonOf(hallwayCli(db, {"import", hallway::testing::testData("frab/backwaters.xml"), "--json"}));
    return std::to_string(imported["event_id"].get<long long>());
}

struct Expected {
    std::string kind, person, due;
};

std::string expectedUid(const std::string& key) {
    std::string uid = "hallway-";
    for (char c : key) uid += std::isalnum((unsigned char)c) || c == '-' || c == '_' ? c : '-';
    return uid + "@hallway.local";
}

}  // namespace

TEST_CASE("a whole event through the CLI: targets, notes, met, the queue, again, and VTODO back", "[cli][queue][e2e]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    std::string ev = importBackwaters(db);
    ok(hallwayCli(db, {"settings", "set", "my_name", "Robin Doe"}));

    ok(hallwayCli(db, {"target", "add", "Asha Menon", "--event", ev, "--priority", "must", "--why", "DEI work"}));
    ok(hallwayCli(db, {"target", "add", "Kira Prost", "--event", ev, "--priority", "must"}));
    ok(hallwayCli(db, {"target", "add", "Jonah Mercer", "--event", ev, "--priority", "should"}));
    ok(hallwayCli(db, {"target", "add", "Tomas Tillberg", "--event", ev, "--priority", "should"}));
    ok(hallwayCli(db, {"target", "add", "Nikhil Das", "--event", ev, "--priority", "nice"}));

    ok(hallwayCli(db, {"note", "#met @asha-menon \"DEI outreach\" #promise \"the slides\" she asked twice", "--event", ev,
                       "--at", "2023-09-10T11:00"}));
    ok(hallwayCli(db, {"note", "#met @jonah-mercer @nikhil-das\n#intro @jonah-mercer to @nikhil-das about archive signing",
                       "--event", ev, "--at", "2023-09-11T15:00"}));
    ok(hallwayCli(db, {"note", "Packaging teams #met @tomas-tillberg\n#detail \"the Kochi marathon\" running it on 24 September",
                       "--event", ev, "--at", "2023-09-12T10:00"}));
    ok(hallwayCli(db, {"note", "Reproducible builds #met @mira-rosen\n#ask informational interview about his path",
                       "--event", ev, "--at", "2023-09-13T16:00"}));
    ok(hallwayCli(db, {"met", "Asha Menon", "--event", ev, "--at", "2023-09-10T11:00"}));
    ok(hallwayCli(db, {"met", "Jonah Mercer", "--event", ev, "--at", "2023-09-11T15:00"}));

    json gen = jsonOf(hallwayCli(db, {"queue", "generate", "--event", ev, "--today", "2023-09-19", "--json"}));
    CHECK(gen["added"].size() == 10);
    CHECK(gen["unknown_placeholders"].empty());

    json queue = jsonOf(hallwayCli(db, {"queue", "--event", ev, "--today", "2023-09-19", "--json"}));
    // Due date first, then priority: the promise, the intro's first step, the
    // ask, then the thank-yous (must > should > nice > no target; a must-meet
    // missed sits between), then the dated detail the day after the marathon.
    std::vector<Expected> expected = {
        {"promise", "Asha Menon", "2023-09-12"},        // Sun note + 2 working days
        {"intro_ask_a", "Jonah Mercer", "2023-09-13"},  // Mon note + 2
        {"info_interview", "Mira Rosen", "2023-09-15"},  // Wed note + 2
        {"thank_you", "Asha Menon", "2023-09-18"},      // the event ends on a Sunday
        {"thank_you", "Jonah Mercer", "2023-09-18"},
        {"thank_you", "Tomas Tillberg", "2023-09-18"},
        {"thank_you", "Nikhil Das", "2023-09-18"},
        {"missed_target", "Kira Prost", "2023-09-18"},
        {"thank_you", "Mira Rosen", "2023-09-18"},
        {"detail_check_in", "Tomas Tillberg", "2023-09-25"},  // Sun 24 -> Mon 25
    };
    REQUIRE(queue["items"].size() == expected.size());
    for (size_t i = 0; i < expected.size(); ++i) {
        INFO("item " << i);
        CHECK(queue["items"][i]["kind"] == expected[i].kind);
        CHECK(queue["items"][i]["person"] == expected[i].person);
        CHECK(queue["items"][i]["due"] == expected[i].due);
        CHECK(queue["items"][i]["status"] == "open");
    }
    CHECK(queue["items"][0]["group"] == "overdue");
    CHECK(queue["items"][9]["group"] == "week");
    // Drafts are rendered when an item is opened or exported, not when generated.
    CHECK(queue["items"][0]["draft"] == "");
    Run promise = hallwayCli(db, {"queue", "draft", std::to_string(queue["items"][0]["id"].get<long long>())});
    CHECK_THAT(promise.out, Catch::Contains("As promised when we met at Backwaters Conf, I am sending you the slides.") &&
                                Catch::Contains("Robin Doe") && Catch::Contains("Your notes (private") &&
                                Catch::Contains("she asked twice"));
    CHECK_THAT(promise.out.substr(0, promise.out.find("Your notes")), !Catch::Contains("she asked"));
    CHECK_THAT(queue["items"][1]["reason"].get<std::string>(), Catch::Contains("step 1 of 3"));
    Run thanks = hallwayCli(db, {"queue", "draft", std::to_string(queue["items"][3]["id"].get<long long>())});
    CHECK_THAT(thanks.out, Catch::Contains("Hi Asha,") && Catch::Contains("talking with you about DEI outreach"));

    // Running it again adds nothing.
    json again = jsonOf(hallwayCli(db, {"queue", "generate", "--event", ev, "--today", "2023-09-19", "--json"}));
    CHECK(again["added"].empty());
    CHECK(again["dropped"].empty());

    // VTODO export parses back with libical to the same items.
    std::string ics = dir.file("queue.ics");
    ok(hallwayCli(db, {"queue", "export", "--event", ev, "--format", "ics", ics}));
    std::string text = hallway::testing::readFile(ics);
    icalcomponent* cal = icalparser_parse_string(text.c_str());
    REQUIRE(cal);
    std::map<std::string, std::pair<std::string, std::string>> todos;  // uid -> due, summary
    for (icalcomponent* c = icalcomponent_get_first_component(cal, ICAL_VTODO_COMPONENT); c;
         c = icalcomponent_get_next_component(cal, ICAL_VTODO_COMPONENT)) {
        icalproperty* due = icalcomponent_get_first_property(c, ICAL_DUE_PROPERTY);
        REQUIRE(due);
        icaltimetype t = icalproperty_get_due(due);
        CHECK(t.is_date == 1);
        char buf[16];
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", t.year, t.month, t.day);
        todos[icalcomponent_get_uid(c)] = {buf, icalcomponent_get_summary(c)};
        CHECK(icalcomponent_get_status(c) == ICAL_STATUS_NEEDSACTION);
    }
    icalcomponent_free(cal);
    REQUIRE(todos.size() == expected.size());
    for (auto& item : queue["items"]) {
        std::string uid = expectedUid(item["dedupe_key"].get<std::string>());
        REQUIRE(todos.count(uid));
        CHECK(todos[uid].first == item["due"].get<std::string>());
        CHECK_THAT(todos[uid].second, Catch::EndsWith(item["person"].get<std::string>()));
    }
    CHECK(todos[expectedUid(queue["items"][3]["dedupe_key"])].second == "Thank-you: Asha Menon");
}

TEST_CASE("queue commands: draft, mark, snooze, filters, mailto, CSV and Markdown", "[cli][queue]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    std::string ev = importBackwaters(db);
    ok(hallwayCli(db, {"people", "add", "Zoe Quinn", "--email", "zoe@example.org"}));
    ok(hallwayCli(db, {"note", "Fuzzing & CI @zoe-quinn #promise \"the =HYPERLINK list\"", "--event", ev, "--at",
                       "2023-09-14T12:00"}));
    ok(hallwayCli(db, {"met", "Zoe Quinn", "--event", ev, "--at", "2023-09-14T12:00"}));
    ok(hallwayCli(db, {"interaction", "Zoe Quinn", "referral_asked", "--direction", "ask", "--event", ev, "--at",
                       "2023-09-15T12:00"}));
    json gen = jsonOf(hallwayCli(db, {"queue", "generate", "--event", ev, "--today", "2023-09-18", "--json"}));
    REQUIRE(gen["added"].size() == 2);
    std::string promise = std::to_string(gen["added"][1]["id"].get<long long>());
    std::string thanks = std::to_string(gen["added"][0]["id"].get<long long>());
    CHECK(gen["added"][0]["kind"] == "thank_you");
    CHECK_THAT(gen["added"][0]["reason"].get<std::string>(), Catch::Contains("Give first"));

    Run text = hallwayCli(db, {"queue", "generate", "--event", ev, "--today", "2023-09-18"});
    CHECK_THAT(text.out, Catch::Contains("Nothing new"));

    // --due filters and the grouped text listing.
    json today = jsonOf(hallwayCli(db, {"queue", "--due", "today", "--today", "2023-09-18", "--json"}));
    REQUIRE(today["items"].size() == 2);  // the promise (Thu note + 2 working days) and the thank-you
    Run listing = hallwayCli(db, {"queue", "--today", "2023-09-18"});
    CHECK_THAT(listing.out, Catch::Contains("Today") && Catch::Contains("Zoe Quinn"));

    // Snooze, then it leaves today's list.
    ok(hallwayCli(db, {"queue", "snooze", thanks, "1w", "--today", "2023-09-18"}));
    json after = jsonOf(hallwayCli(db, {"queue", "--due", "today", "--today", "2023-09-18", "--json"}));
    CHECK(after["items"].size() == 1);
    json later = jsonOf(hallwayCli(db, {"queue", "--today", "2023-09-18", "--json"}));
    CHECK(later["items"][1]["effective_due"] == "2023-09-25");
    CHECK(later["items"][1]["status"] == "snoozed");

    // Custom template with an unknown placeholder: reported, not hidden.
    Run set = hallwayCli(db, {"templates", "set", "promise", "--body", "Hi {first_name}, {promise}. {signature}"});
    CHECK(set.code == 0);
    CHECK_THAT(set.out, Catch::Contains("{signature} is not a known placeholder"));
    Run draft = hallwayCli(db, {"queue", "draft", promise});
    CHECK(draft.code == 0);
    CHECK_THAT(draft.out, Catch::Contains("Hi Zoe, the =HYPERLINK list. {signature}") &&
                              Catch::Contains("unknown placeholder {signature}"));
    json tpl = jsonOf(hallwayCli(db, {"templates", "--json"}));
    CHECK(tpl.size() >= 12);

    Run mailto = hallwayCli(db, {"queue", "mailto", promise});
    CHECK(mailto.code == 0);
    CHECK_THAT(mailto.out, Catch::StartsWith("mailto:zoe@example.org?subject=As%20promised%20at%20Backwaters%20Conf&body=Hi%20Zoe%2C%20the"));

    // Mark done; CSV neutralises formulas; the report shows done vs open.
    ok(hallwayCli(db, {"queue", "mark", promise, "done", "--today", "2023-09-18"}));
    std::string csv = dir.file("q.csv"), md = dir.file("q.md");
    ok(hallwayCli(db, {"queue", "export", "--event", ev, "--format", "csv", csv}));
    ok(hallwayCli(db, {"queue", "export", "--event", ev, "--format", "md", md}));
    std::string csvText = hallway::testing::readFile(csv);
    CHECK_THAT(csvText, Catch::StartsWith("id,due,kind,person,email,status"));
    CHECK_THAT(csvText, Catch::Contains("zoe@example.org") && Catch::Contains(",done,"));
    std::string report = hallway::testing::readFile(md);
    CHECK_THAT(report, Catch::Contains("# Backwaters Conf: follow-up report") && Catch::Contains("## Who you met (1)") &&
                           Catch::Contains("- Zoe Quinn (met on 2023-09-14): gave 0, asked 1") &&
                           Catch::Contains("- [x] You promised: Fuzzing & CI @zoe-quinn \"the =HYPERLINK list\".") &&
                           Catch::Contains("1 done, 1 open, 0 let go") && Catch::Contains("Give first"));

    Run bad = hallwayCli(db, {"queue", "snooze", promise, "soon"});
    CHECK(bad.code == 1);
    Run missing = hallwayCli(db, {"queue", "mark", "9999", "done"});
    CHECK(missing.code == 1);
    CHECK_THAT(missing.err, Catch::Contains("no queue item 9999"));
}

TEST_CASE("marking a message sent logs it as a touch with the person, once", "[cli][queue]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    std::string ev = importBackwaters(db);
    ok(hallwayCli(db, {"people", "add", "Zoe Quinn", "--email", "zoe@example.org"}));
    ok(hallwayCli(db, {"met", "Zoe Quinn", "--event", ev, "--at", "2023-09-14T12:00"}));
    json gen = jsonOf(hallwayCli(db, {"queue", "generate", "--event", ev, "--today", "2023-09-18", "--json"}));
    REQUIRE(gen["added"].size() == 1);
    REQUIRE(gen["added"][0]["kind"] == "thank_you");
    std::string thanks = std::to_string(gen["added"][0]["id"].get<long long>());
    json before = jsonOf(hallwayCli(db, {"person", "Zoe Quinn", "--json"}));
    CHECK(before["interactions"] == 1);
    CHECK(before["gives"] == 0);

    ok(hallwayCli(db, {"queue", "mark", thanks, "sent", "--today", "2023-09-18"}));
    json after = jsonOf(hallwayCli(db, {"person", "Zoe Quinn", "--json"}));
    CHECK(after["interactions"] == 2);
    CHECK(after["gives"] == 1);
    bool logged = false;
    for (auto& e : after["timeline"])
        if (e["kind"] == "interaction" && e["text"].get<std::string>().find("Sent: Thank-you") != std::string::npos)
            logged = true;
    CHECK(logged);

    // Marked sent again (or replied afterwards): no second touch.
    ok(hallwayCli(db, {"queue", "mark", thanks, "sent", "--today", "2023-09-19"}));
    ok(hallwayCli(db, {"queue", "mark", thanks, "replied", "--today", "2023-09-20"}));
    json again = jsonOf(hallwayCli(db, {"person", "Zoe Quinn", "--json"}));
    CHECK(again["interactions"] == 2);
    // The thank-you is not generated again for someone already thanked.
    json regen = jsonOf(hallwayCli(db, {"queue", "generate", "--event", ev, "--today", "2023-09-21", "--json"}));
    CHECK(regen["added"].empty());
}

TEST_CASE("a draft with a blank is not marked sent until the blank is filled", "[cli][queue]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    std::string ev = importBackwaters(db);
    ok(hallwayCli(db, {"people", "add", "Zoe Quinn"}));
    ok(hallwayCli(db, {"note", "[ ] send @zoe-quinn the packaging checklist", "--event", ev, "--at", "2023-09-14T12:00"}));
    json gen = jsonOf(hallwayCli(db, {"queue", "generate", "--event", ev, "--today", "2023-09-18", "--json"}));
    REQUIRE(gen["added"].size() == 1);  // a promise; a mention is no meeting, so no thank-you
    std::string id = std::to_string(gen["added"][0]["id"].get<long long>());
    Run draft = hallwayCli(db, {"queue", "draft", id});
    CHECK_THAT(draft.out, Catch::Contains("I am sending you [[what you promised them]].") &&
                              Catch::Contains("To fill before sending") &&
                              Catch::Contains("  - [ ] send @zoe-quinn the packaging checklist"));
    Run refused = hallwayCli(db, {"queue", "mark", id, "sent"});
    CHECK(refused.code == 1);
    CHECK_THAT(refused.err, Catch::Contains("not marked sent") && Catch::Contains("[[what you promised them]]") &&
                                Catch::Contains("hallway queue edit " + id));
    Run edit = hallwayCli(db, {"queue", "edit", id, "--body", "Hi Zoe,\n\nHere is the packaging checklist.\n\nRobin"});
    CHECK(edit.code == 0);
    ok(hallwayCli(db, {"queue", "mark", id, "sent", "--today", "2023-09-19"}));
    json item = jsonOf(hallwayCli(db, {"queue", "--event", ev, "--json"}));
    CHECK(item["items"].empty());
    // No email for Zoe: the error names the command that adds one to her, not one that makes a duplicate.
    Run mailto = hallwayCli(db, {"queue", "mailto", id});
    CHECK(mailto.code == 1);
    CHECK_THAT(mailto.err, Catch::Contains("hallway people set") && Catch::Contains("--email"));
    ok(hallwayCli(db, {"people", "set", "Zoe Quinn", "--email", "zoe@example.org"}));
    json people = jsonOf(hallwayCli(db, {"people", "--search", "Zoe", "--json"}));
    CHECK(people.size() == 1);
    CHECK_THAT(hallwayCli(db, {"queue", "mailto", id}).out, Catch::StartsWith("mailto:zoe@example.org?subject="));
    CHECK(hallwayCli(db, {"people", "set", "Zoe Quinn", "--email", "not an address"}).code == 1);
}

TEST_CASE("a person with only a LinkedIn profile gets a LinkedIn draft without subject, cut to a note's 300 characters",
          "[cli][queue][channel]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    std::string ev = importBackwaters(db);
    ok(hallwayCli(db, {"people", "add", "Zoe Quinn", "--url", "https://www.linkedin.com/in/zoe-quinn/"}));
    ok(hallwayCli(db, {"met", "Zoe Quinn", "--event", ev, "--at", "2023-09-14T12:00"}));
    json gen = jsonOf(hallwayCli(db, {"queue", "generate", "--event", ev, "--today", "2023-09-18", "--json"}));
    REQUIRE(gen["added"].size() == 1);
    CHECK(gen["added"][0]["channel"] == "linkedin");
    std::string id = std::to_string(gen["added"][0]["id"].get<long long>());

    Run draft = hallwayCli(db, {"queue", "draft", id});
    CHECK_THAT(draft.out, Catch::StartsWith("LinkedIn connection note to https://www.linkedin.com/in/zoe-quinn/ (") &&
                              Catch::Contains("of 300 characters)") && Catch::Contains("Hi Zoe,") &&
                              !Catch::Contains("Subject:"));
    std::string longBody = "Hi Zoe,\n\n";
    for (int i = 0; i < 40; ++i) longBody += "packaging ";
    ok(hallwayCli(db, {"queue", "edit", id, "--body", longBody}));
    json cut = jsonOf(hallwayCli(db, {"queue", "draft", id, "--json"}));
    CHECK(cut["channel"] == "linkedin");
    CHECK(cut["linkedin"]["limit"] == 300);
    CHECK(cut["linkedin"]["cut_characters"].get<int>() > 100);
    CHECK(cut["linkedin"]["text"].get<std::string>().size() <= 300);
    CHECK_THAT(hallwayCli(db, {"queue", "draft", id}).out, Catch::Contains("cut: ") &&
                                                               Catch::Contains("over LinkedIn's limit of 300"));
    // mailto points to the draft, not to a command that makes a duplicate.
    Run mailto = hallwayCli(db, {"queue", "mailto", id});
    CHECK(mailto.code == 1);
    CHECK_THAT(mailto.err, Catch::Contains("LinkedIn profile") && Catch::Contains("hallway queue draft " + id));
    // An email, once added, is the channel.
    ok(hallwayCli(db, {"people", "set", "Zoe Quinn", "--email", "zoe@example.org"}));
    CHECK(jsonOf(hallwayCli(db, {"queue", "draft", id, "--json"}))["channel"] == "email");
}

TEST_CASE("queue draft --together writes one message for a person's items due together, mark --together sends all",
          "[cli][queue][together]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    std::string ev = importBackwaters(db);
    ok(hallwayCli(db, {"people", "add", "Zoe Quinn", "--email", "zoe@example.org"}));
    ok(hallwayCli(db, {"met", "Zoe Quinn", "--event", ev, "--at", "2023-09-14T12:00"}));
    ok(hallwayCli(db, {"note", "@zoe-quinn #promise \"the packaging checklist\"", "--event", ev, "--at",
                       "2023-09-14T12:05"}));
    json gen = jsonOf(hallwayCli(db, {"queue", "generate", "--event", ev, "--today", "2023-09-18", "--json"}));
    REQUIRE(gen["added"].size() == 2);
    std::string thanks;
    for (auto& f : gen["added"])
        if (f["kind"] == "thank_you") thanks = std::to_string(f["id"].get<long long>());
    REQUIRE(!thanks.empty());
    Run draft = hallwayCli(db, {"queue", "draft", thanks, "--together"});
    INFO(draft.out);
    CHECK_THAT(draft.out, Catch::Contains("the packaging checklist") && Catch::Contains("One message for 2 items") &&
                              Catch::Contains("--together` marks them all"));
    json j = jsonOf(hallwayCli(db, {"queue", "draft", thanks, "--together", "--json"}));
    CHECK(j["together_with"].size() == 1);
    const std::string body = j["body"];
    CHECK(body.find("Hi Zoe,") == body.rfind("Hi Zoe,"));
    Run marked = hallwayCli(db, {"queue", "mark", thanks, "sent", "--together", "--today", "2023-09-19"});
    ok(marked);
    CHECK_THAT(marked.out, Catch::Contains("(same message)"));
    CHECK(jsonOf(hallwayCli(db, {"queue", "--event", ev, "--json"}))["items"].empty());
}
