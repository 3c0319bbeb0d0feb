#include <catch2/catch.hpp>

#include <algorithm>

#include "core/followup.h"
#include "core/time_util.h"
#include "services/capture_service.h"
#include "services/followup_service.h"
#include "store/agenda_repo.h"
#include "store/followups_repo.h"
#include "store/people_repo.h"
#include "store/store.h"

using namespace hallway;

namespace {

// Berlin Conf: Wed 2025-03-05 09:00 to Fri 2025-03-07 18:00, Europe/Berlin.
struct Fixture {
    Store store{":memory:"};
    PeopleRepo people{store};
    FollowUpsRepo queue{store};
    RowId event = 0;
    std::string zone = "Europe/Berlin";

    explicit Fixture(const std::string& tz = "Europe/Berlin", LocalDateTime end = {2025, 3, 7, 18, 0, 0}) : zone(tz) {
        Event e;
        e.name = "Berlin Conf";
        e.timeZone = zone;
        e.startsAt = localToInstant({2025, 3, 5, 9, 0, 0}, zone);
        e.endsAt = localToInstant(end, zone);
        event = AgendaRepo(store).createEvent(e);
    }
    RowId person(const std::string& name, std::optional<int> cadence = std::nullopt) {
        Person p;
        p.displayName = name;
        p.givenName = name.substr(0, name.find(' '));
        p.keepInTouchDays = cadence;
        p.emails = {{text(name) + "@example.org", "work"}};
        return people.create(p);
    }
    static std::string text(const std::string& name) {
        std::string s;
        for (char c : name) s += c == ' ' ? '.' : char(std::tolower((unsigned char)c));
        return s;
    }
    Instant at(int day, int hour = 11) { return localToInstant({2025, 3, day, hour, 0, 0}, zone); }
    SavedNote note(const std::string& body, int day, int hour = 11) {
        NoteInput in;
        in.body = body;
        in.eventId = event;
        in.at = at(day, hour);
        return saveNote(store, in);
    }
    void target(RowId p, TargetPriority priority, TargetStatus status = TargetStatus::NotYet) {
        Target t;
        t.eventId = event;
        t.personId = p;
        t.priority = priority;
        t.status = status;
        people.upsertTarget(t);
    }
    void interaction(RowId p, const std::string& kind, const std::string& direction, int day) {
        Interaction i;
        i.personId = p;
        i.eventId = event;
        i.occurredAt = at(day);
        i.kind = kind;
        i.direction = direction;
        logInteraction(store, i);
    }
    QueueReport generate(const std::string& today) { return generateQueue(store, event, today); }
    // The message as it would go out (drafts are rendered when needed).
    std::string draft(const FollowUp& f) { return currentDraft(store, f); }
    std::vector<FollowUp> all() { return queue.list({event, {}, {}}); }
    const FollowUp* find(const std::vector<FollowUp>& items, const std::string& kind, RowId person, int attempt = 1) {
        for (auto& f : items)
            if (f.kind == kind && f.personId == person && f.attempt == attempt) return &f;
        return nullptr;
    }
};

}  // namespace

TEST_CASE("working days skip Saturdays and Sundays", "[followup][dates]") {
    CHECK(addWorkingDays("2025-03-07", 1) == "2025-03-10");  // Fri -> Mon
    CHECK(addWorkingDays("2025-03-05", 2) == "2025-03-07");
    CHECK(addWorkingDays("2025-03-06", 2) == "2025-03-10");
    CHECK(addWorkingDays("2025-03-08", 1) == "2025-03-10");  // Sat -> Mon
    CHECK(nextWorkingDayOnOrAfter("2025-03-16") == "2025-03-17");
    CHECK(nextWorkingDayOnOrAfter("2025-03-14") == "2025-03-14");
    CHECK(addDays("2024-02-28", 1) == "2024-02-29");
    CHECK(daysBetween("2025-03-10", "2025-03-17") == 7);
    CHECK_FALSE(isValidDate("2025-02-30"));
    CHECK_THROWS_AS(addDays("soon", 1), std::invalid_argument);
}

TEST_CASE("everyone met gets a thank-you one working day after the event, personalised", "[followup][thank_you]") {
    Fixture fx;
    RowId ana = fx.person("Ana Lima"), bo = fx.person("Bo Chen"), cy = fx.person("Cy Diaz"), dee = fx.person("Dee Evans");
    fx.interaction(ana, "coffee", "neutral", 5);
    fx.target(bo, TargetPriority::Nice, TargetStatus::Met);
    fx.note("#met @cy-diaz \"fuzzing parsers\" she knows the libFuzzer internals\n#detail her daughter starts school", 6);
    fx.note("great keynote by @dee-evans", 6);  // only mentioned: no thank-you
    fx.target(dee, TargetPriority::Should);     // never met: no thank-you
    QueueReport r = fx.generate("2025-03-08");
    auto items = fx.all();
    REQUIRE(items.size() == 3);
    for (RowId p : {ana, bo, cy}) {
        const FollowUp* f = fx.find(items, "thank_you", p);
        REQUIRE(f);
        CHECK(f->dueDate == "2025-03-10");  // the event ends on a Friday
        CHECK(f->rule == "thank_everyone_met");
        CHECK(f->status == "open");
    }
    CHECK_FALSE(fx.find(items, "thank_you", dee));
    const FollowUp* toCy = fx.find(items, "thank_you", cy);
    CHECK_THAT(fx.draft(*toCy), Catch::StartsWith("Subject: Great to meet you at Berlin Conf\n\nHi Cy,") &&
                                    Catch::Contains("talking with you about fuzzing parsers") &&
                                    !Catch::Contains("daughter") && !Catch::Contains("libFuzzer"));
    CHECK_THAT(toCy->reason, Catch::Contains("talked with"));
    CHECK(toCy->noteId.has_value());
    CHECK_THAT(fx.find(items, "thank_you", ana)->reason, Catch::Contains("coffee on 2025-03-05"));
    CHECK(r.added.size() == 3);
}

TEST_CASE("the thank-you's due date follows the event's own zone", "[followup][thank_you]") {
    // Thu 20:00 in Los Angeles is already Friday in UTC: the event's last day is Thursday.
    Fixture fx("America/Los_Angeles", {2025, 3, 6, 20, 0, 0});
    RowId ana = fx.person("Ana Lima");
    fx.interaction(ana, "met", "neutral", 6);
    fx.generate("2025-03-07");
    auto items = fx.all();
    REQUIRE(items.size() == 1);
    CHECK(items[0].dueDate == "2025-03-07");
}

TEST_CASE("every open promise is its own item, highest priority, due in two working days or by its date",
          "[followup][promise]") {
    Fixture fx;
    RowId ana = fx.person("Ana Lima"), bo = fx.person("Bo Chen");
    fx.target(ana, TargetPriority::Must, TargetStatus::Met);
    fx.note("Bench talk with @ana-lima #promise send the benchmark paper\n[ ] share the fuzz corpus\n"
            "[x] gave her my card",
            5);                                                         // Wed: +2 working days = Fri
    fx.note("@bo-chen #promise send the slides", 6);                    // Thu: +2 working days = Mon
    fx.note("@bo-chen #promise review the draft by 2025-03-15", 6, 15);  // a Saturday: due the Friday before
    fx.generate("2025-03-08");
    auto items = fx.all();
    std::vector<const FollowUp*> promises;
    for (auto& f : items)
        if (f.kind == "promise") promises.push_back(&f);
    REQUIRE(promises.size() == 4);  // the ticked line is kept already
    auto due = [&](const std::string& what) {
        for (auto* p : promises)
            if (p->reason.find(what) != std::string::npos) return p->dueDate;
        return std::string("none");
    };
    for (auto* p : promises) CHECK_THAT(fx.draft(*p), Catch::Contains("I am sending you [[what you promised them]]."));
    CHECK(due("send the benchmark paper") == "2025-03-07");
    CHECK(due("share the fuzz corpus") == "2025-03-07");
    CHECK(due("send the slides") == "2025-03-10");
    CHECK(due("review the draft by 2025-03-15") == "2025-03-14");
    CHECK_THAT(promises[0]->reason, Catch::StartsWith("You promised: Bench talk with @ana-lima send the benchmark paper."));
    (void)bo;
    // Higher than any other item, even a must-meet target's thank-you.
    double lowestPromise = 1e9, highestOther = 0;
    for (auto& f : items)
        (f.kind == "promise" ? lowestPromise = std::min(lowestPromise, f.priority)
                             : highestOther = std::max(highestOther, f.priority));
    CHECK(lowestPromise > highestOther);
}

TEST_CASE("priority blends target priority, warmth and freshness", "[followup][priority]") {
    Fixture fx;
    RowId must = fx.person("Ana Lima"), should = fx.person("Bo Chen"), nice = fx.person("Cy Diaz");
    RowId friendP = fx.person("Dee Evans"), stranger = fx.person("Eve Fox");
    fx.target(must, TargetPriority::Must, TargetStatus::Met);
    fx.target(should, TargetPriority::Should, TargetStatus::Met);
    fx.target(nice, TargetPriority::Nice, TargetStatus::Met);
    for (int d : {5, 6, 7}) fx.interaction(friendP, "met", "neutral", d);
    fx.interaction(stranger, "met", "neutral", 7);
    fx.generate("2025-03-10");
    auto items = fx.all();  // due date, then priority
    REQUIRE(items.size() == 5);
    auto p = [&](RowId id) { return fx.find(items, "thank_you", id)->priority; };
    CHECK(p(must) > p(should));
    CHECK(p(should) > p(nice));
    CHECK(p(stranger) > p(friendP));  // fewer interactions: thank the new acquaintance first
    CHECK(items[0].personId == must);
}

TEST_CASE("generation is idempotent and never resurrects closed, snoozed or edited items", "[followup][idempotent]") {
    Fixture fx;
    RowId ana = fx.person("Ana Lima"), bo = fx.person("Bo Chen"), cy = fx.person("Cy Diaz");
    fx.note("#met @ana-lima @bo-chen @cy-diaz #promise send the notes", 6);
    QueueReport first = fx.generate("2025-03-10");
    CHECK(first.added.size() == 6);
    CHECK(fx.generate("2025-03-10").added.empty());
    CHECK(fx.generate("2025-03-11").added.empty());

    auto items = fx.all();
    fx.queue.setStatus(fx.find(items, "thank_you", ana)->id, "done", "2025-03-10");
    fx.queue.setStatus(fx.find(items, "promise", ana)->id, "dropped", "2025-03-10");
    fx.queue.snooze(fx.find(items, "thank_you", bo)->id, "2025-03-20", "2025-03-10");
    fx.queue.setDraft(fx.find(items, "thank_you", cy)->id, "Subject: hi\n\nmy own words", std::nullopt, true);
    CHECK(fx.generate("2025-03-12").added.empty());
    auto after = fx.all();
    CHECK(after.size() == 6);
    CHECK(fx.find(after, "thank_you", ana)->status == "done");
    CHECK(fx.find(after, "promise", ana)->status == "dropped");
    CHECK(fx.find(after, "thank_you", bo)->status == "snoozed");
    CHECK(*fx.find(after, "thank_you", bo)->snoozedUntil == "2025-03-20");
    CHECK(fx.find(after, "thank_you", cy)->draft == "Subject: hi\n\nmy own words");
    CHECK(fx.find(after, "thank_you", cy)->edited);
}

TEST_CASE("#intro runs a double opt-in chain, one step at a time", "[followup][intro]") {
    Fixture fx;
    RowId ana = fx.person("Ana Lima"), bo = fx.person("Bo Chen");
    fx.note("Fuzzing chat: @ana-lima #intro to @bo-chen about corpus sharing", 6);
    fx.generate("2025-03-07");
    auto items = fx.all();
    REQUIRE(fx.find(items, "intro_ask_a", ana));
    CHECK(fx.find(items, "intro_ask_a", ana)->dueDate == "2025-03-10");
    CHECK_THAT(fx.find(items, "intro_ask_a", ana)->reason, Catch::Contains("step 1 of 3"));
    CHECK_THAT(fx.draft(*fx.find(items, "intro_ask_a", ana)), Catch::Contains("you and Bo Chen should meet"));
    CHECK_FALSE(fx.find(items, "intro_ask_b", bo));

    // A sent but not yet agreed: nothing new.
    fx.queue.setStatus(fx.find(items, "intro_ask_a", ana)->id, "sent", "2025-03-10");
    CHECK(fx.generate("2025-03-11").added.empty());
    // A agrees: ask B.
    fx.queue.setStatus(fx.find(items, "intro_ask_a", ana)->id, "replied", "2025-03-11");
    QueueReport r = fx.generate("2025-03-11");
    REQUIRE(r.added.size() == 1);
    CHECK(r.added[0].kind == "intro_ask_b");
    CHECK(r.added[0].personId == bo);
    CHECK(r.added[0].dueDate == "2025-03-12");
    CHECK_THAT(r.added[0].reason, Catch::Contains("step 2 of 3"));
    CHECK(fx.generate("2025-03-11").added.empty());
    // B agrees: introduce them.
    fx.queue.setStatus(r.added[0].id, "done", "2025-03-14");
    QueueReport send = fx.generate("2025-03-14");
    REQUIRE(send.added.size() == 1);
    CHECK(send.added[0].kind == "intro_send");
    CHECK(send.added[0].personId == ana);
    CHECK(send.added[0].dueDate == "2025-03-17");
    CHECK_THAT(fx.draft(send.added[0]), Catch::Contains("Hi Ana and Bo,"));
}

TEST_CASE("an intro step marked replied brings the next step without Generate", "[followup][intro]") {
    Fixture fx;
    RowId ana = fx.person("Ana Lima"), bo = fx.person("Bo Chen");
    fx.note("@ana-lima #intro to @bo-chen \"you both fuzz parsers\"", 6);
    fx.generate("2025-03-07");
    const auto before = fx.all();
    const FollowUp* askA = fx.find(before, "intro_ask_a", ana);
    REQUIRE(askA);
    REQUIRE(!markFollowUp(fx.store, askA->id, "replied", "2025-03-11").empty());
    auto items = fx.all();
    const FollowUp* askB = fx.find(items, "intro_ask_b", bo);
    REQUIRE(askB);
    CHECK(askB->dueDate == "2025-03-12");
    CHECK_THAT(fx.draft(*askB), Catch::StartsWith("Subject: An introduction to Ana Lima?\n\nHi Bo,") &&
                                    Catch::Contains("you both fuzz parsers"));
}

TEST_CASE("an ask gets one polite follow-up after seven days, then Hallway lets go", "[followup][ask]") {
    Fixture fx;
    RowId ana = fx.person("Ana Lima"), bo = fx.person("Bo Chen"), cy = fx.person("Cy Diaz");
    fx.note("@ana-lima #ask informational interview about her path into security", 5);
    fx.note("@bo-chen #ask a 20-minute meeting about the roadmap", 5);
    fx.note("@cy-diaz #ask a referral for the platform team", 5);
    fx.generate("2025-03-07");
    auto items = fx.all();
    const FollowUp* ask = fx.find(items, "info_interview", ana);
    REQUIRE(ask);
    CHECK(ask->dueDate == "2025-03-07");
    CHECK(fx.find(items, "meeting_request", bo));
    CHECK(fx.find(items, "referral_ask", cy));
    RowId askId = ask->id;

    fx.queue.setStatus(askId, "sent", "2025-03-10");
    CHECK(fx.generate("2025-03-14").added.empty());  // six days: wait
    QueueReport nudge = fx.generate("2025-03-17");
    REQUIRE(nudge.added.size() == 1);
    CHECK(nudge.added[0].kind == "info_interview");
    CHECK(nudge.added[0].attempt == 2);
    CHECK(nudge.added[0].dueDate == "2025-03-17");
    CHECK_THAT(fx.draft(nudge.added[0]), Catch::Contains("Following up once"));
    CHECK(fx.generate("2025-03-20").added.empty());  // only one follow-up, ever

    fx.queue.setStatus(nudge.added[0].id, "sent", "2025-03-17");
    QueueReport wait = fx.generate("2025-03-21");
    CHECK(wait.dropped.empty());
    QueueReport letGo = fx.generate("2025-03-24");
    REQUIRE(letGo.dropped.size() == 1);
    auto dropped = fx.queue.find(nudge.added[0].id);
    CHECK(dropped->status == "dropped");
    CHECK(dropped->reason == "no reply after one follow-up; let go");
    CHECK(fx.generate("2025-04-30").added.empty());
    CHECK(fx.generate("2025-04-30").dropped.empty());

    // A reply stops the chain.
    auto now = fx.all();
    const FollowUp* meeting = fx.find(now, "meeting_request", bo);
    fx.queue.setStatus(meeting->id, "sent", "2025-03-10");
    fx.queue.setStatus(meeting->id, "replied", "2025-03-12");
    CHECK(fx.generate("2025-04-30").added.empty());
}

TEST_CASE("must-meet targets not met get a sorry-we-missed-each-other after the event", "[followup][missed]") {
    Fixture fx;
    RowId ana = fx.person("Ana Lima"), bo = fx.person("Bo Chen"), cy = fx.person("Cy Diaz");
    fx.target(ana, TargetPriority::Must);
    fx.target(bo, TargetPriority::Should);
    fx.target(cy, TargetPriority::Must);
    fx.interaction(cy, "met", "neutral", 6);
    QueueReport during = fx.generate("2025-03-06");
    CHECK_FALSE(fx.find(during.added, "missed_target", ana));
    QueueReport after = fx.generate("2025-03-08");
    REQUIRE(after.added.size() == 1);
    CHECK(after.added[0].kind == "missed_target");
    CHECK(after.added[0].personId == ana);
    CHECK(after.added[0].dueDate == "2025-03-10");
    CHECK_THAT(fx.draft(after.added[0]), Catch::Contains("Sorry we missed each other at Berlin Conf"));
}

TEST_CASE("a dated personal detail comes back the working day after its date", "[followup][detail]") {
    Fixture fx;
    RowId ana = fx.person("Ana Lima");
    fx.note("Ran into @ana-lima\n#detail running the Lisbon half marathon on 15 March\n#detail has two cats", 6);
    fx.generate("2025-03-08");
    auto items = fx.all();
    std::vector<const FollowUp*> checks;
    for (auto& f : items)
        if (f.kind == "detail_check_in") checks.push_back(&f);
    REQUIRE(checks.size() == 1);  // the undated one only personalises the thank-you
    CHECK(checks[0]->personId == ana);
    CHECK(checks[0]->dueDate == "2025-03-17");  // Sun 16 -> Mon 17
    // The note is private: the draft asks the user for words meant for Ana.
    CHECK_THAT(fx.draft(*checks[0]), Catch::Contains("you told me about [[what they told you about") &&
                                         !Catch::Contains("Lisbon"));
}

TEST_CASE("a dated fact kept on a person met at the event makes the same check-in, once", "[followup][detail]") {
    Fixture fx;
    RowId bo = fx.person("Bo Chen");
    RowId cy = fx.person("Cy Diaz");  // not met: no check-in for their facts
    fx.people.addFact(bo, {0, "the Lisbon half marathon", std::string("2025-03-15")});
    fx.people.addFact(bo, {0, "a house move last year", std::string("2024-06-01")});  // before the event: history
    fx.people.addFact(bo, {0, "has two cats", std::nullopt});
    fx.people.addFact(cy, {0, "a product launch", std::string("2025-03-20")});
    fx.target(cy, TargetPriority::Nice);
    fx.interaction(bo, "met", "neutral", 5);
    fx.generate("2025-03-08");
    auto items = fx.all();
    std::vector<const FollowUp*> checks;
    for (auto& f : items)
        if (f.kind == "detail_check_in") checks.push_back(&f);
    REQUIRE(checks.size() == 1);
    CHECK(checks[0]->personId == bo);
    CHECK(checks[0]->dueDate == "2025-03-17");  // Sun 16 -> Mon 17
    CHECK_THAT(checks[0]->reason, Catch::Contains("the Lisbon half marathon (2025-03-15)"));
    CHECK_THAT(fx.draft(*checks[0]), Catch::Contains("]]. How did it go?") && !Catch::Contains("Lisbon"));
    auto again = fx.generate("2025-03-18");
    for (auto& f : again.added) CHECK(f.kind != "detail_check_in");
}

TEST_CASE("keep-in-touch cadences make recurring check-ins", "[followup][keep_in_touch]") {
    Fixture fx;
    RowId ana = fx.person("Ana Lima", 30), bo = fx.person("Bo Chen");
    fx.interaction(ana, "met", "neutral", 5);
    fx.interaction(bo, "met", "neutral", 5);
    fx.generate("2025-03-08");
    auto items = fx.all();
    const FollowUp* check = fx.find(items, "check_in", ana);
    REQUIRE(check);
    CHECK(check->dueDate == "2025-04-04");  // 30 days after 5 March
    CHECK_FALSE(fx.find(items, "check_in", bo));
    CHECK(fx.generate("2025-03-20").added.empty());  // one pending at a time
    fx.queue.setStatus(check->id, "done", "2025-04-04");
    QueueReport next = fx.generate("2025-04-04");
    REQUIRE(next.added.size() == 1);
    CHECK(next.added[0].kind == "check_in");
    CHECK(next.added[0].dueDate == "2025-05-05");  // Sun 4 May -> Mon 5 May
}

TEST_CASE("give first: a person only asked of gets a suggestion to give", "[followup][give]") {
    Fixture fx;
    RowId ana = fx.person("Ana Lima"), bo = fx.person("Bo Chen");
    fx.interaction(ana, "met", "ask", 5);
    fx.interaction(ana, "referral_asked", "ask", 6);
    fx.interaction(bo, "met", "neutral", 5);
    fx.interaction(bo, "resource_shared", "give", 6);
    fx.generate("2025-03-08");
    auto items = fx.all();
    CHECK_THAT(fx.find(items, "thank_you", ana)->reason, Catch::Contains("Give first"));
    CHECK_THAT(fx.draft(*fx.find(items, "thank_you", ana)), Catch::Contains("anyone I could introduce you to"));
    CHECK_THAT(fx.draft(*fx.find(items, "thank_you", bo)), !Catch::Contains("anyone I could introduce you to"));
    CHECK_THAT(fx.find(items, "thank_you", bo)->reason, !Catch::Contains("Give first"));

    QueueInputs in = fx.queue.loadInputs(fx.event);
    auto byPerson = giveAskByPerson(in.interactions);
    CHECK(byPerson[ana].asks == 2);
    CHECK(byPerson[ana].gives == 0);
    CHECK(byPerson[bo].gives == 1);
    GiveAsk total = giveAskTotal(in.interactions);
    CHECK(total.gives == 1);
    CHECK(total.asks == 2);
    CHECK(total.neutral == 1);
}

TEST_CASE("people going cold: few interactions and a long silence, or past their cadence", "[followup][cold]") {
    Fixture fx;
    RowId ana = fx.person("Ana Lima"), bo = fx.person("Bo Chen", 14), cy = fx.person("Cy Diaz");
    fx.interaction(ana, "met", "neutral", 5);
    fx.interaction(bo, "met", "neutral", 5);
    for (int d : {5, 6, 7}) fx.interaction(cy, "met", "neutral", d);
    auto cold = peopleGoingCold(fx.store, "2025-03-25");
    REQUIRE(cold.size() == 1);
    CHECK(cold[0].person.id == bo);
    auto later = peopleGoingCold(fx.store, "2025-06-01");
    REQUIRE(later.size() == 2);  // Cy has three interactions: a relationship
    CHECK(later[0].daysSilent == 88);
    CHECK_FALSE(std::any_of(later.begin(), later.end(), [&](auto& c) { return c.person.id == cy; }));
}

TEST_CASE("default templates load once and stay user-editable", "[followup][templates]") {
    Fixture fx;
    ensureDefaultTemplates(fx.store);
    auto t = fx.queue.findTemplate("thank_you");
    REQUIRE(t);
    CHECK(t->builtin);
    for (const char* kind : {"thank_you", "thank_you_topic", "promise", "intro_ask_a", "intro_ask_b", "intro_send", "meeting_request",
                             "info_interview", "referral_ask", "check_in", "missed_target", "detail_check_in",
                             "keep_in_touch"})
        CHECK(fx.queue.findTemplate(kind));
    MessageTemplate mine = *t;
    mine.body = "Hey {first_name}, {unknown_thing}";
    mine.builtin = false;
    fx.queue.upsertTemplate(mine);
    ensureDefaultTemplates(fx.store);
    CHECK(fx.queue.findTemplate("thank_you")->body == "Hey {first_name}, {unknown_thing}");

    RowId ana = fx.person("Ana Lima");
    fx.interaction(ana, "met", "neutral", 5);
    QueueReport r = fx.generate("2025-03-08");
    REQUIRE(r.unknownPlaceholders.size() == 1);
    CHECK(r.unknownPlaceholders[0] == "thank_you: {unknown_thing}");
    CHECK_THAT(fx.draft(r.added[0]), Catch::Contains("Hey Ana, {unknown_thing}"));
}

TEST_CASE("a follow-up goes by email, else as a LinkedIn message, else says what is missing", "[followup][channel]") {
    Person withEmail;
    withEmail.emails = {{"ana@example.org", "work"}};
    withEmail.urls = {{"https://www.linkedin.com/in/ana-lima", "linkedin"}};
    Reach r = reachOf(withEmail);
    CHECK(r.channel == Channel::Email);
    CHECK(r.address == "ana@example.org");

    Person connection;  // from the user's own LinkedIn export: no email there
    connection.source = "linkedin";
    connection.urls = {{"https://de.linkedin.com/in/bo-chen/", "linkedin"}};
    r = reachOf(connection);
    CHECK(r.channel == Channel::LinkedIn);
    CHECK(r.address == "https://de.linkedin.com/in/bo-chen/");
    CHECK(r.connection);
    CHECK(linkedInLimit(r.connection) == 8000);

    Person speaker;  // a profile found on an agenda: not yet a connection
    speaker.source = "agenda";
    speaker.urls = {{"https://example.org/blog", ""}, {"linkedin.com/in/cy-dao", ""}};
    r = reachOf(speaker);
    CHECK(r.channel == Channel::LinkedIn);
    CHECK_FALSE(r.connection);
    CHECK(linkedInLimit(r.connection) == 300);

    Person nothing;
    nothing.urls = {{"https://example.org/blog", ""}};
    CHECK(reachOf(nothing).channel == Channel::None);
    CHECK(std::string(channelKey(Channel::None)) == "none");
}

TEST_CASE("a LinkedIn connection note is cut at a word within 300 characters and says by how much",
          "[followup][channel]") {
    LinkedInText fits = linkedInText("Hi Ana,\n\nGreat to meet you.", false);
    CHECK(fits.cutCharacters == 0);
    CHECK(fits.text == "Hi Ana,\n\nGreat to meet you.");
    CHECK(fits.characters == 27);

    std::string body = "Hi Zoë,\n\n";
    while (body.size() < 500) body += "café talk again ";  // é is two bytes, one character
    LinkedInText note = linkedInText(body, false);
    CHECK(note.limit == 300);
    CHECK(note.cutCharacters > 0);
    // Within the limit, counted in characters, and not in the middle of a word.
    std::size_t chars = 0;
    for (unsigned char c : note.text) chars += (c & 0xC0) != 0x80;
    CHECK(chars <= 300);
    CHECK(chars + note.cutCharacters == note.characters);
    CHECK(note.text.back() != ' ');
    CHECK(body.compare(note.text.size(), 1, " ") == 0);
    // The same text to a connection fits its 8,000.
    CHECK(linkedInText(body, true).cutCharacters == 0);
}

TEST_CASE("items due together for one person make one message, marked sent together", "[followup][together]") {
    Fixture fx;
    RowId ana = fx.person("Ana Lima"), bo = fx.person("Bo Chen");
    fx.target(ana, TargetPriority::Must, TargetStatus::Met);
    fx.target(bo, TargetPriority::Should, TargetStatus::Met);
    fx.note("@ana-lima #promise \"the benchmark slides\"", 5);
    fx.generate("2025-03-08");
    auto items = fx.all();
    const FollowUp* thanks = fx.find(items, "thank_you", ana);
    const FollowUp* promise = fx.find(items, "promise", ana);
    const FollowUp* boThanks = fx.find(items, "thank_you", bo);
    REQUIRE(thanks);
    REQUIRE(promise);
    REQUIRE(boThanks);

    auto together = followUpsDueTogether(fx.store, thanks->id);
    REQUIRE(together.size() == 1);  // Bo's thank-you is another person's
    CHECK(together[0].id == promise->id);
    CHECK(followUpsDueTogether(fx.store, boThanks->id).empty());

    RenderedDraft one = combinedDraft(fx.store, thanks->id);
    auto count = [&](const std::string& what) {
        size_t n = 0;
        for (size_t at = one.body.find(what); at != std::string::npos; at = one.body.find(what, at + 1)) ++n;
        return n;
    };
    CHECK(count("Hi Ana,") == 1);
    CHECK(count("All the best,") == 1);
    CHECK(count("the benchmark slides") == 1);
    CHECK(count("Thank you for the conversation") == 1);
    CHECK(one.body.rfind("Hi Ana,", 0) == 0);
    CHECK(one.subject == splitDraft(fx.draft(*thanks)).first);

    auto marked = markFollowUpsTogether(fx.store, thanks->id, "sent", "2025-03-10");
    CHECK(marked.value.size() == 2);
    CHECK(marked.touched == (Change::Queue | Change::Targets));  // sent: a touch logged with Ana
    for (auto& f : fx.all())
        CHECK(f.status == (f.personId == ana ? std::string("sent") : std::string("open")));
}

TEST_CASE("a blank left in one item of a combined message keeps all of them unsent", "[followup][together]") {
    Fixture fx;
    RowId ana = fx.person("Ana Lima");
    fx.target(ana, TargetPriority::Must, TargetStatus::Met);
    fx.note("@ana-lima #promise send the slides", 5);  // not quoted: the draft has a blank
    fx.generate("2025-03-08");
    auto items = fx.all();
    const FollowUp* thanks = fx.find(items, "thank_you", ana);
    REQUIRE(thanks);
    REQUIRE(followUpsDueTogether(fx.store, thanks->id).size() == 1);
    CHECK_THROWS_WITH(markFollowUpsTogether(fx.store, thanks->id, "sent", "2025-03-10"),
                      Catch::Contains("still has a blank"));
    for (auto& f : fx.all()) CHECK(f.status == "open");
    // Marked done together needs no message.
    auto done = markFollowUpsTogether(fx.store, thanks->id, "done", "2025-03-10");
    CHECK(done.value.size() == 2);
    CHECK(done.touched == Changes(Change::Queue));
}

TEST_CASE("combined drafts keep one greeting, each item's own paragraphs once, one closing", "[followup][together]") {
    RenderedDraft d = combineDrafts({"Subject: Great to meet you\n\nHi Ana,\n\nThank you.\n\nShared line.\n\nAll the best,\nMe",
                                     "Subject: As promised\n\nHi Ana,\n\nHere are the slides.\n\nShared line.\n\nAll the best,\nMe"});
    CHECK(d.subject == "Great to meet you");
    CHECK(d.body == "Hi Ana,\n\nThank you.\n\nShared line.\n\nHere are the slides.\n\nAll the best,\nMe");
    // A draft the user rewrote without greeting or closing still joins cleanly.
    d = combineDrafts({"Subject: S\n\nHi Ana,\n\nOne.\n\nAll the best,\nMe", "Subject: T\n\nTwo, written by hand."});
    CHECK(d.body == "Hi Ana,\n\nOne.\n\nTwo, written by hand.\n\nAll the best,\nMe");
}

TEST_CASE("a combined message opens with the thank-you whichever item it is made from", "[followup][together]") {
    Fixture fx;
    RowId ana = fx.person("Ana Lima");
    fx.target(ana, TargetPriority::Must, TargetStatus::Met);
    fx.note("@ana-lima #promise \"the benchmark slides\"", 5);
    fx.generate("2025-03-08");
    auto items = fx.all();
    const FollowUp* promise = fx.find(items, "promise", ana);
    REQUIRE(promise);
    RenderedDraft fromPromise = combinedDraft(fx.store, promise->id);
    CHECK(fromPromise.body.find("Thank you for the conversation") < fromPromise.body.find("benchmark slides"));
    CHECK_THAT(fromPromise.subject, Catch::StartsWith("Great to meet you"));
}

TEST_CASE("a combined message says what each item alone would say, its own quote included", "[followup][together]") {
    Fixture fx;
    RowId ana = fx.person("Ana Lima");
    fx.target(ana, TargetPriority::Must, TargetStatus::Met);
    fx.note("@ana-lima #promise \"the benchmark slides\"", 5);
    fx.note("@ana-lima #promise \"an intro to the fuzzing team\"", 6);
    fx.generate("2025-03-08");
    auto items = fx.all();
    const FollowUp* thanks = fx.find(items, "thank_you", ana);
    REQUIRE(thanks);
    auto together = followUpsDueTogether(fx.store, thanks->id);
    REQUIRE(together.size() == 2);
    // The person's facts are loaded once for all of them; the quotes are each item's.
    std::vector<FollowUp> all = {*FollowUpsRepo(fx.store).find(thanks->id)};
    all.insert(all.end(), together.begin(), together.end());
    std::vector<std::string> alone;
    for (const auto& f : inMessageOrder(all)) alone.push_back(currentDraft(fx.store, f));
    RenderedDraft one = combinedDraft(fx.store, thanks->id);
    CHECK(one.body == combineDrafts(alone).body);
    CHECK(one.body.find("the benchmark slides") != std::string::npos);
    CHECK(one.body.find("an intro to the fuzzing team") != std::string::npos);
}
