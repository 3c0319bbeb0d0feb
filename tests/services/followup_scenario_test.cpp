// A whole event written the way people write notes: third person, fragments,
// remarks about people never met, promises, an intro, asks and dated details.
// The drafts must never paste a note, must thank exactly the people met and
// must greet each recipient by first name.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <set>

#include "../test_support.h"
#include "core/followup.h"
#include "core/text.h"
#include "core/time_util.h"
#include "services/capture_service.h"
#include "services/followup_service.h"
#include "services/import_service.h"
#include "store/followups_repo.h"
#include "store/notes_repo.h"
#include "store/people_repo.h"
#include "store/store.h"

using namespace hallway;

namespace {

const char* const kZone = "Europe/Lisbon";

// Lower-case words of letters, digits and apostrophes.
std::vector<std::string> words(const std::string& text) {
    std::vector<std::string> out;
    std::string w;
    for (char ch : text) {
        unsigned char c = (unsigned char)ch;
        if (std::isalnum(c) || c == '\'' || c >= 0x80) w += char(std::tolower(c));
        else if (!w.empty()) out.push_back(std::move(w)), w.clear();
    }
    if (!w.empty()) out.push_back(w);
    return out;
}

// The first run of `n` consecutive words of `note` that `draft` also has, or "".
std::string sharedRun(const std::string& draft, const std::string& note, size_t n) {
    std::vector<std::string> d = words(draft), m = words(note);
    std::set<std::vector<std::string>> runs;
    for (size_t i = 0; i + n <= m.size(); ++i) runs.insert({m.begin() + long(i), m.begin() + long(i + n)});
    for (size_t i = 0; i + n <= d.size(); ++i) {
        std::vector<std::string> run(d.begin() + long(i), d.begin() + long(i + n));
        if (runs.count(run)) {
            std::string s;
            for (auto& w : run) s += (s.empty() ? "" : " ") + w;
            return s;
        }
    }
    return "";
}

struct Scenario {
    Store store{":memory:"};
    PeopleRepo people{store};
    FollowUpsRepo queue{store};
    RowId event = 0;
    std::vector<std::string> notes;

    Scenario() {
        AgendaImportOptions options;
        options.event = "RustFest Lisbon";
        options.parse.timeZone = kZone;
        event = importAgendaFile(store, hallway::testing::testData("scenario/rustfest_agenda.csv"), options).eventId;
        FollowUpsRepo(store).setSetting("my_name", "Sam Rivera");
        for (const char* name : {"Omar Haddad", "Priya Nair"}) {
            Person p;
            p.displayName = name;
            people.create(p);
        }
    }
    RowId id(const std::string& name) {
        auto found = people.withNameKey(text::nameKey(name));
        REQUIRE(found.size() == 1);
        return found[0].id;
    }
    Instant at(int day, int hour, int minute) { return localToInstant({2025, 9, day, hour, minute, 0}, kZone); }
    void note(int day, int hour, int minute, const std::string& body) {
        NoteInput in;
        in.body = body;
        in.eventId = event;
        in.at = at(day, hour, minute);
        saveNote(store, in);
        notes.push_back(body);
    }
};

}  // namespace

TEST_CASE("a realistic event: drafts never paste notes, thank exactly who was met, greet by first name",
          "[followup][scenario]") {
    Scenario s;
    // Targets: one must-meet never met, one should-meet only admired from the audience.
    Target priya;
    priya.eventId = s.event;
    priya.personId = s.id("Priya Nair");
    priya.priority = TargetPriority::Must;
    priya.why = "runs the Rust desktop working group";
    s.people.upsertTarget(priya);
    Target matteo = priya;
    matteo.personId = s.id("Matteo Bruno");
    matteo.priority = TargetPriority::Should;
    s.people.upsertTarget(matteo);

    s.note(24, 10, 40, "#met @deb-mensah \"fuzzing file parsers\" - says the C# connector issue is fixed upstream, "
                       "wants benchmarks from real users");
    s.note(24, 11, 30, "great talk by @matteo-bruno, async runtime internals way over my head");
    s.note(24, 12, 30, "lunch w/ @ines-duarte #met. she is moving to Berlin in spring, team hiring?");
    s.note(24, 12, 45, "#promise \"the benchmark slides\" send @deb-mensah the slides from our internal run, "
                       "could he point us to a reviewer for the parser PR?");
    s.note(24, 13, 10, "#met @kofi-asante at coffee. building a sqlite desktop app too; asked about WAL "
                       "checkpoints on laptops");
    s.note(24, 14, 50, "#intro @kofi-asante and @ines-duarte \"you both ship SQLite\" - kofi "
                       "needs someone who did migrations at scale, ines did that at her last job");
    s.note(24, 15, 40, "#met @lena-vogel right after her hiring talk\n#ask \"a referral to your team\" "
                       "she said to ping her next week about the opening");
    s.note(24, 16, 5, "#detail @kofi-asante \"your half marathon\" running the Lisbon half on 12 October, wish "
                      "him luck the week before");
    s.note(24, 16, 20, "#detail @ines-duarte her daughter was born on 3 January, showed photos");
    s.note(25, 9, 15, "@matteo-bruno's slides are online, worth rereading before the next meetup");
    s.note(25, 10, 0, "[ ] send @ines-duarte the link to our migration tool");
    s.note(25, 11, 0, "@deb-mensah and @matteo-bruno know each other from the compiler team, small world");
    // A coffee logged with Kofi, and Omar met at the booth through `hallway met` (no target).
    Interaction coffee;
    coffee.personId = s.id("Kofi Asante");
    coffee.eventId = s.event;
    coffee.occurredAt = s.at(24, 13, 0);
    coffee.kind = "coffee";
    logInteraction(s.store, coffee);
    markMet(s.store, s.event, s.id("Omar Haddad"), s.at(25, 12, 0));
    CHECK_FALSE(s.people.findTarget(s.event, s.id("Omar Haddad")));

    QueueReport report = generateQueue(s.store, s.event, "2025-09-26");
    std::vector<FollowUp> items = s.queue.list({s.event, {}, {}});
    REQUIRE(items.size() == report.added.size());

    // Thank-yous: exactly the people met, nobody only mentioned.
    std::set<std::string> thanked;
    for (auto& f : items)
        if (f.kind == "thank_you") thanked.insert(f.personName);
    CHECK(thanked == std::set<std::string>{"Deb Mensah", "Ines Duarte", "Kofi Asante", "Lena Vogel", "Omar Haddad"});
    auto met = peopleMetAt(s.store, s.event);
    CHECK(met.size() == 5);
    CHECK_FALSE(met.count(s.id("Matteo Bruno")));

    // Every draft: greeting by first name, no run of six words from any note, no pronoun from a note.
    for (auto& f : items) {
        INFO(f.kind << " to " << f.personName << " (" << f.dedupeKey << ")");
        const std::string draft = currentDraft(s.store, f);
        INFO(draft);
        auto [subject, body] = splitDraft(draft);
        std::string first = f.personName.substr(0, f.personName.find(' '));
        CHECK(body.rfind("Hi " + first + (f.kind == "intro_send" ? " and " : ","), 0) == 0);
        for (auto& n : s.notes) CHECK(sharedRun(draft, n, 6) == "");
        for (auto& w : words(draft)) CHECK((w != "him" && w != "his" && w != "he" && w != "she" && w != "her"));
        CHECK(draft.find("?.") == std::string::npos);
        CHECK(draft.find("!.") == std::string::npos);
        CHECK(draft.find("  ") == std::string::npos);
        CHECK(draft.find(" .") == std::string::npos);
    }

    auto find = [&](const std::string& kind, const std::string& person) -> const FollowUp* {
        for (auto& f : items)
            if (f.kind == kind && f.personName == person) return &f;
        return nullptr;
    };
    // What the data knows goes in: where you met, the words you wrote for them.
    const FollowUp* deb = find("thank_you", "Deb Mensah");
    REQUIRE(deb);
    CHECK_THAT(currentDraft(s.store, *deb), Catch::Contains("after your talk \u201cFuzzing parsers at scale\u201d") &&
                                                Catch::Contains("about fuzzing file parsers") &&
                                                Catch::Contains("Sam Rivera"));
    CHECK_THAT(currentDraft(s.store, *find("thank_you", "Kofi Asante")), Catch::Contains("over coffee"));
    const FollowUp* slides = find("promise", "Deb Mensah");
    REQUIRE(slides);
    CHECK_THAT(currentDraft(s.store, *slides), Catch::Contains("I am sending you the benchmark slides."));
    const FollowUp* ask = find("referral_ask", "Lena Vogel");
    REQUIRE(ask);
    CHECK_THAT(currentDraft(s.store, *ask), Catch::Contains("about a referral to your team"));
    const FollowUp* intro = find("intro_ask_a", "Kofi Asante");
    REQUIRE(intro);
    CHECK_THAT(currentDraft(s.store, *intro), Catch::Contains("you and Ines Duarte should meet: you both ship SQLite") &&
                                                  Catch::Contains("I will only ask Ines once you say yes"));
    // A dated detail ahead comes back after its day; one that had passed when written does not.
    const FollowUp* race = find("detail_check_in", "Kofi Asante");
    REQUIRE(race);
    CHECK(race->dueDate == "2025-10-13");
    CHECK_THAT(currentDraft(s.store, *race), Catch::Contains("you told me about your half marathon"));
    CHECK_FALSE(find("detail_check_in", "Ines Duarte"));
    CHECK(std::any_of(report.skipped.begin(), report.skipped.end(),
                      [](const std::string& x) { return x.find("had passed") != std::string::npos; }));
    // The missed must-meet gets a "sorry we missed each other"; the should-meet nothing.
    CHECK(find("missed_target", "Priya Nair"));
    CHECK_FALSE(find("missed_target", "Matteo Bruno"));

    // Where only the user can say it, a marked blank; sending refuses it until filled.
    const FollowUp* link = find("promise", "Ines Duarte");
    REQUIRE(link);
    const std::string linkDraft = currentDraft(s.store, *link);
    REQUIRE(draftBlanks(linkDraft) == std::vector<std::string>{"[[what you promised them]]"});
    CHECK_THROWS_WITH(markFollowUp(s.store, link->id, "sent", "2025-09-29"), Catch::Contains("[[what you promised them]]"));
    CHECK(s.queue.find(link->id)->status == "open");
    std::string filled = linkDraft;
    filled.replace(filled.find("[[what you promised them]]"), 26, "the link to our migration tool");
    s.queue.setDraft(link->id, filled, link->templateId, true);
    CHECK(markFollowUp(s.store, link->id, "sent", "2025-09-29") == (Change::Queue | Change::Targets));
    // The touch it logs is dated the day given, not the day the command ran.
    auto touches = NotesRepo(s.store).interactionsWith(s.id("Ines Duarte"));
    REQUIRE(!touches.empty());
    CHECK(localDateString(touches.back().occurredAt, systemTimeZone()) == "2025-09-29");

    // Generating again adds nothing; drafts were not stored by reading them.
    CHECK(generateQueue(s.store, s.event, "2025-09-26").added.empty());
}

TEST_CASE("tidy drafts: no doubled punctuation or spaces from empty placeholders", "[followup][templates]") {
    CHECK(tidyDraftText("Thank you for the conversation  at X .") == "Thank you for the conversation at X.");
    CHECK(tidyDraftText("could you help?.") == "could you help?");
    CHECK(tidyDraftText("Great!.\n\n\n\nBest,\nSam") == "Great!\n\nBest,\nSam");
    CHECK(tidyDraftText("about ( ) it") == "about it");
    CHECK(draftBlanks("Hi [[name]], see [[what]].\n[[open") == std::vector<std::string>{"[[name]]", "[[what]]"});
}
