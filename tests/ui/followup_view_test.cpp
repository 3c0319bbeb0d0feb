// Headless tests of the Follow up view: the generated queue shows grouped by
// due date, a click opens an item's draft, Mark sent closes it in the store,
// the keyboard moves the selection, Generate queue works from the view, and
// idle frames rebuild nothing.
#include <catch2/catch.hpp>
#include <imgui_internal.h>

#include <algorithm>
#include <string>
#include <thread>

#include "core/followup.h"
#include "core/time_util.h"
#include "services/capture_service.h"
#include "services/followup_service.h"
#include "store/agenda_repo.h"
#include "store/followups_repo.h"
#include "store/notes_repo.h"
#include "store/people_repo.h"
#include "store/store.h"
#include "test_support.h"
#include "ui/followup_model.h"
#include "ui/headless_ui.h"
#include "ui/shell.h"
#include "ui/ui_format.h"
#include "ui/ui_widgets.h"

using namespace hallway;
using hallway::testing::HeadlessUi;
using hallway::testing::TempDir;

namespace {

constexpr int kKeyDown = 264;  // GLFW
constexpr int kKeyK = 'K';

// Berlin Conf, Wed 5 to Fri 7 March 2025; Ana and Bo met there, a promise to Ana.
struct Fixture {
    TempDir dir;
    Store store{dir.file("hallway.db")};
    RowId eventId = 0, ana = 0, bo = 0;
    std::string zone = "Europe/Berlin";
    Instant monday = 0;  // Mon 10 March 2025, noon in Berlin: the thank-yous are due today

    Fixture() {
        Event e;
        e.name = "Berlin Conf";
        e.timeZone = zone;
        e.startsAt = localToInstant({2025, 3, 5, 9, 0, 0}, zone);
        e.endsAt = localToInstant({2025, 3, 7, 18, 0, 0}, zone);
        eventId = AgendaRepo(store).createEvent(e);
        ana = person("Ana Lima", "ana@acme.example");
        bo = person("Bo Nielsen", "");
        markMet(store, eventId, ana, localToInstant({2025, 3, 5, 11, 0, 0}, zone));
        markMet(store, eventId, bo, localToInstant({2025, 3, 6, 15, 0, 0}, zone));
        NoteInput in;
        in.body = "@ana-lima wants our cache numbers #promise \"the benchmark slides\"";
        in.eventId = eventId;
        in.at = localToInstant({2025, 3, 5, 11, 5, 0}, zone);
        in.noSession = true;
        saveNote(store, in);
        monday = localToInstant({2025, 3, 10, 12, 0, 0}, zone);
    }
    RowId person(const std::string& name, const std::string& email) {
        Person p;
        p.displayName = name;
        p.givenName = name.substr(0, name.find(' '));
        p.source = "typed";
        if (!email.empty()) p.emails = {{email, "work"}};
        return PeopleRepo(store).create(p);
    }
    // A note taken at the event, linked to no session.
    void note(const std::string& body, Instant at) {
        NoteInput in;
        in.body = body;
        in.eventId = eventId;
        in.at = at;
        in.noSession = true;
        saveNote(store, in);
    }
    std::vector<FollowUp> items() { return FollowUpsRepo(store).list({eventId, {}, {}}); }
    const FollowUp* find(const std::vector<FollowUp>& list, const std::string& kind, RowId who) {
        for (const auto& f : list)
            if (f.kind == kind && f.personId == who) return &f;
        return nullptr;
    }
    // find() for an item the test cannot go on without: never null.
    const FollowUp* need(const std::vector<FollowUp>& list, const std::string& kind, RowId who) {
        const FollowUp* found = find(list, kind, who);
        REQUIRE(found);
        return found;
    }
};

struct Ui {
    HeadlessUi imgui;
    ui::Shell shell;
    ui::AppState state;

    Ui(Store& store, RowId eventId, Instant now, float width = 1280.0f, float height = 800.0f) : imgui(width, height) {
        shell.setHeadingFont(imgui.fonts.heading);
        state.nowOverride = now;
        state.eventId = eventId;
        state.mode = ui::Mode::FollowUp;
        imgui.setDraw([this, &store] { shell.draw(&store, state); });
        imgui.frames(3);
    }
    ui::FollowUpView& view() { return shell.followUp(); }
};

}  // namespace

TEST_CASE("the generated queue shows grouped, a click opens the draft and Mark sent closes it", "[ui][followup]") {
    Fixture f;
    QueueReport report = generateQueue(f.store, f.eventId, "2025-03-10");
    REQUIRE(report.added.size() == 3);  // two thank-yous and the promise
    const auto all = f.items();
    const FollowUp* promise = f.need(all, "promise", f.ana);
    f.need(all, "thank_you", f.bo);

    Ui ui(f.store, f.eventId, f.monday);
    const auto& queue = ui.view().queue();
    CHECK(queue.today() == "2025-03-10");
    REQUIRE(queue.rows().size() == 3);
    // Every row sits under a header, and the headers count their rows.
    int headers = 0, counted = 0;
    for (const auto& line : queue.lines())
        if (line.header) ++headers, counted += line.count;
    CHECK(headers >= 1);
    CHECK(counted == 3);
    for (const auto& row : queue.rows())
        for (const auto& item : all)
            if (item.id == row.id) CHECK(row.group == ui::dueGroupOf(item, "2025-03-10"));
    // The first item is selected so the draft panel is never blank.
    REQUIRE(ui.view().selected());
    CHECK(*ui.view().selected() == queue.rows().front().id);

    // Idle frames rebuild nothing.
    const int queueBuilds = queue.rebuildCount(), draftBuilds = ui.view().draft().rebuildCount();
    ui.imgui.frames(10);
    CHECK(queue.rebuildCount() == queueBuilds);
    CHECK(ui.view().draft().rebuildCount() == draftBuilds);

    // A click on the promise opens its draft.
    auto row = ui.view().rowRect(promise->id);
    REQUIRE(row);
    ui.imgui.click(*row);
    REQUIRE(ui.view().selected() == promise->id);
    const auto& draft = ui.view().draft();
    REQUIRE(draft.has());
    CHECK(draft.item().kind == "promise");
    CHECK(draft.body().find("benchmark slides") != std::string::npos);
    CHECK(draft.email() == "ana@acme.example");
    CHECK(draft.unknownPlaceholders().empty());
    CHECK(queue.rebuildCount() == queueBuilds);  // selecting reloads the draft, not the queue

    // Mark sent: the store has it sent, it leaves the queue and the next item is selected.
    const Warmth warmthBefore = NotesRepo(f.store).warmth(promise->personId);
    auto sent = ui.view().buttonRect("Mark sent");
    REQUIRE(sent);
    ui.imgui.click(*sent);
    auto stored = FollowUpsRepo(f.store).find(promise->id);
    REQUIRE(stored);
    CHECK(stored->status == "sent");
    // The message counts as a touch with the person: a give, for a kept promise.
    const Warmth warmthAfter = NotesRepo(f.store).warmth(promise->personId);
    CHECK(warmthAfter.interactions == warmthBefore.interactions + 1);
    CHECK(warmthAfter.gives == warmthBefore.gives + 1);
    CHECK(stored->statusOn == std::optional<std::string>("2025-03-10"));
    CHECK_FALSE(ui.state.status.error);
    CHECK(queue.rows().size() == 2);
    CHECK(queue.indexOf(promise->id) == -1);
    REQUIRE(ui.view().selected());
    CHECK(*ui.view().selected() != promise->id);

    // Snooze a week: it stays in the queue, under a later group, until then.
    const RowId snoozed = *ui.view().selected();
    auto week = ui.view().buttonRect("Snooze 1 week");
    REQUIRE(week);
    ui.imgui.click(*week);
    stored = FollowUpsRepo(f.store).find(snoozed);
    REQUIRE(stored);
    CHECK(stored->status == "snoozed");
    CHECK(stored->snoozedUntil == std::optional<std::string>("2025-03-17"));
    const int index = queue.indexOf(snoozed);
    REQUIRE(index >= 0);
    CHECK(queue.rows()[size_t(index)].group == ui::DueGroup::Later);
}

TEST_CASE("Up/Down and J/K move the selection through the queue", "[ui][followup]") {
    Fixture f;
    generateQueue(f.store, f.eventId, "2025-03-10");
    Ui ui(f.store, f.eventId, f.monday);
    const auto& rows = ui.view().queue().rows();
    REQUIRE(rows.size() == 3);
    CHECK(ui.view().selected() == rows[0].id);
    ui.imgui.key(kKeyDown);
    CHECK(ui.view().selected() == rows[1].id);
    ui.imgui.key('J');
    CHECK(ui.view().selected() == rows[2].id);
    ui.imgui.key('J');  // stays on the last
    CHECK(ui.view().selected() == rows[2].id);
    ui.imgui.key(kKeyK);
    CHECK(ui.view().selected() == rows[1].id);
    CHECK(ui.view().draft().item().id == rows[1].id);
}

TEST_CASE("Generate queue from the view fills the empty queue and says what it added", "[ui][followup]") {
    Fixture f;
    Ui ui(f.store, f.eventId, f.monday);
    CHECK(ui.view().queue().rows().empty());
    CHECK_FALSE(ui.view().selected());
    auto generate = ui.view().buttonRect("Generate queue");
    REQUIRE(generate);
    ui.imgui.click(*generate);
    CHECK(f.items().size() == 3);
    CHECK(ui.view().queue().rows().size() == 3);
    REQUIRE(ui.view().lastReport());
    CHECK(ui.view().lastReport()->added.size() == 3);
    CHECK(ui.state.status.text.find("Added 3 follow-ups") != std::string::npos);

    // Again: nothing new, and the view says so.
    ui.imgui.click(*ui.view().buttonRect("Generate queue"));
    CHECK(f.items().size() == 3);
    CHECK(ui.view().lastReport()->added.empty());
    CHECK(ui.state.status.text.find("Nothing new") != std::string::npos);
}

TEST_CASE("the queue model keeps only what the list shows, in sortQueue's order", "[ui][followup]") {
    Fixture f;
    FollowUpsRepo repo(f.store);
    // Same due dates with other priorities, a snooze moving one later, a
    // drafted one, closed ones left out, a reason of several lines.
    auto add = [&](const std::string& key, RowId who, const std::string& kind, const std::string& due, double priority,
                   const std::string& status, std::optional<std::string> snoozedUntil, const std::string& reason) {
        FollowUp item;
        item.personId = who;
        item.eventId = f.eventId;
        item.rule = "test";
        item.kind = kind;
        item.dueDate = due;
        item.priority = priority;
        item.status = status;
        item.snoozedUntil = snoozedUntil;
        item.draft = "Subject: Hi\n\nA long draft the list never needs.";
        item.reason = reason;
        item.dedupeKey = key;
        return repo.insertIfAbsent(item);
    };
    add("a", f.ana, "thank_you", "2025-03-10", 100, "open", std::nullopt, "Met at Berlin Conf.");
    add("b", f.bo, "promise", "2025-03-10", 300, "drafted", std::nullopt, "\n  You promised the slides.  \nSecond line");
    add("c", f.ana, "check_in", "2025-03-07", 50, "snoozed", std::string("2025-03-20"), "Ask how it went");
    add("d", f.bo, "thank_you", "2025-03-07", 90, "open", std::nullopt, "Overdue one");
    add("e", f.ana, "keep_in_touch", "2025-03-11", 100, "done", std::nullopt, "closed");
    add("f", f.bo, "meeting_request", "2025-03-10", 100, "open", std::nullopt, "");
    add("g", f.ana, "intro_ask_a", "2025-03-08", 80, "dropped", std::nullopt, "closed too");

    std::vector<FollowUp> expected = repo.list({f.eventId, {"open", "drafted", "snoozed"}, {}});
    ui::sortQueue(expected);
    REQUIRE(expected.size() == 5);

    ui::FollowUpQueueModel model;
    REQUIRE(model.sync(f.store, f.eventId, f.monday, 1));
    REQUIRE(model.rows().size() == expected.size());
    for (size_t i = 0; i < expected.size(); ++i) {
        const FollowUp& want = expected[i];
        const ui::QueueRow& row = model.rows()[i];
        CHECK(row.id == want.id);
        CHECK(row.kind == want.kind);
        CHECK(row.personName == want.personName);
        CHECK(row.group == ui::dueGroupOf(want, "2025-03-10"));
        CHECK(row.due == ui::dayLabel(ui::effectiveDue(want)));
        CHECK(row.status == ui::queueStatusLabel(want));
        CHECK(row.drafted == (want.status == "drafted"));
        CHECK(row.reason == want.reason);
        CHECK(std::string(row.why()) == ui::firstLine(want.reason));
    }
    const auto& rows = model.rows();
    CHECK(rows[0].reason == "Overdue one");  // due Friday: overdue
    CHECK(std::string(rows[1].why()) == "You promised the slides.");  // Monday, priority 300 first
    CHECK(rows[1].drafted);
    CHECK(rows[4].status == "snoozed to Thu 20 Mar");  // snoozed past the rest
    CHECK(rows[4].group == ui::DueGroup::Later);
    CHECK(rows[3].why().empty());
}

namespace {

struct QueueProgressive {
    QueueProgressive(int above, int first)
        : above(ui::FollowUpQueueModel::progressiveAbove()), first(ui::FollowUpQueueModel::firstRows()) {
        ui::FollowUpQueueModel::setProgressive(above, first);
    }
    ~QueueProgressive() { ui::FollowUpQueueModel::setProgressive(above, first); }
    int above, first;
};

// 30 open items over every group: overdue, today, this week, later, a snoozed one moved later.
void addThirtyItems(Fixture& f) {
    FollowUpsRepo repo(f.store);
    const char* dues[] = {"2025-03-06", "2025-03-07", "2025-03-10", "2025-03-12", "2025-03-14", "2025-04-02"};
    for (int i = 0; i < 30; ++i) {
        FollowUp item;
        item.personId = i % 2 ? f.ana : f.bo;
        item.eventId = f.eventId;
        item.rule = "test";
        item.kind = "keep_in_touch";
        item.dueDate = dues[i % 6];
        item.priority = 10.0 * (i % 7);
        item.status = i == 4 ? "snoozed" : i == 9 ? "drafted" : "open";
        if (i == 4) item.snoozedUntil = "2025-03-11";
        item.reason = "Item " + std::to_string(i);
        item.dedupeKey = "k" + std::to_string(i);
        REQUIRE(repo.insertIfAbsent(item) != 0);
    }
}

std::vector<RowId> idsOf(const ui::FollowUpQueueModel& m) {
    std::vector<RowId> ids;
    for (const auto& r : m.rows()) ids.push_back(r.id);
    return ids;
}

std::vector<std::pair<int, int>> headersOf(const ui::FollowUpQueueModel& m) {
    std::vector<std::pair<int, int>> headers;
    for (const auto& l : m.lines())
        if (l.header) headers.emplace_back(int(l.group), l.count);
    return headers;
}

void waitForQueueRest(ui::FollowUpQueueModel& m, Fixture& f, std::uint64_t revision) {
    for (int i = 0; i < 500 && m.partial(); ++i) {
        m.sync(f.store, f.eventId, f.monday, revision);
        if (m.partial()) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

}  // namespace

TEST_CASE("a big queue shows its first rows with the whole queue's counts, then the rest", "[ui][followup][progressive]") {
    Fixture f;
    addThirtyItems(f);
    ui::FollowUpQueueModel whole;  // read in one step: the default threshold is far above 30
    REQUIRE(whole.sync(f.store, f.eventId, f.monday, 1));
    REQUIRE_FALSE(whole.partial());
    REQUIRE(whole.rows().size() == 30);
    const auto wholeIds = idsOf(whole);
    REQUIRE(headersOf(whole).size() == 4);

    const QueueProgressive progressive(10, 8);
    ui::FollowUpQueueModel model;
    REQUIRE(model.sync(f.store, f.eventId, f.monday, 1));
    REQUIRE(model.partial());
    CHECK(model.total() == 30);
    const auto first = idsOf(model);
    REQUIRE(first.size() == 8);
    CHECK(first == std::vector<RowId>(wholeIds.begin(), wholeIds.begin() + 8));
    // The groups the first rows reach, with the whole groups' counts.
    const auto headers = headersOf(model);
    REQUIRE(headers.size() >= 1);
    for (size_t i = 0; i < headers.size(); ++i) CHECK(headers[i] == headersOf(whole)[i]);

    SECTION("the rest arrives and the queue equals one read whole") {
        waitForQueueRest(model, f, 1);
        REQUIRE_FALSE(model.partial());
        CHECK(idsOf(model) == idsOf(whole));
        CHECK(headersOf(model) == headersOf(whole));
        CHECK(model.total() == 30);
    }
    SECTION("an item closed before the rest arrives stays out of it") {
        const RowId closed = model.rows()[0].id;
        REQUIRE(FollowUpsRepo(f.store).setStatus(closed, "done", "2025-03-10"));
        REQUIRE(model.applyClosed(closed, 1, 2));
        CHECK(model.total() == 29);
        CHECK(headersOf(model)[0].second == headersOf(whole)[0].second - 1);
        waitForQueueRest(model, f, 2);
        REQUIRE_FALSE(model.partial());
        ui::FollowUpQueueModel fresh;
        const QueueProgressive wholeAgain(1000, 8);
        fresh.sync(f.store, f.eventId, f.monday, 2);
        const auto ids = idsOf(model);
        CHECK(ids == idsOf(fresh));
        CHECK(headersOf(model) == headersOf(fresh));
        CHECK(ids.size() == 29);
        CHECK(std::find(ids.begin(), ids.end(), closed) == ids.end());
    }
}

TEST_CASE("a blank in a draft is highlighted and keeps Mark sent off, the notes show beside the draft",
          "[ui][followup]") {
    Fixture f;
    f.note("[ ] send @bo-nielsen the link to our build cache, he runs the CI for three teams",
           localToInstant({2025, 3, 6, 16, 0, 0}, f.zone));
    generateQueue(f.store, f.eventId, "2025-03-10");
    const auto all = f.items();
    const FollowUp* promise = f.need(all, "promise", f.bo);
    CHECK(promise->draft.empty());  // rendered when opened, not when generated

    Ui ui(f.store, f.eventId, f.monday);
    auto row = ui.view().rowRect(promise->id);
    REQUIRE(row);
    ui.imgui.click(*row);
    ui.imgui.frames(1);  // the box takes its height from the frame before: the buttons settle
    const auto& draft = ui.view().draft();
    REQUIRE(draft.has());
    CHECK(draft.fresh());
    CHECK_THAT(draft.body(), Catch::StartsWith("Hi Bo,") && Catch::Contains("[[what you promised them]]") &&
                                 !Catch::Contains("CI for three teams"));
    REQUIRE(draft.notes().size() == 1);
    CHECK_THAT(draft.notes()[0].body, Catch::Contains("he runs the CI for three teams"));
    // Opening it wrote nothing.
    CHECK(FollowUpsRepo(f.store).find(promise->id)->draft.empty());

    auto sent = ui.view().buttonRect("Mark sent");
    REQUIRE(sent);
    ui.imgui.click(*sent);
    ui.imgui.frames(2);
    CHECK(FollowUpsRepo(f.store).find(promise->id)->status == "open");
}

namespace {
// The notes column's scrollable height once `promise` is open, in a window of this height.
float notesColumnHeight(Fixture& f, RowId promise, float windowHeight) {
    Ui ui(f.store, f.eventId, f.monday, 1280.0f, windowHeight);
    auto row = ui.view().rowRect(promise);
    REQUIRE(row);
    ui.imgui.click(*row);
    ui.imgui.frames(3);
    for (ImGuiWindow* w : ImGui::GetCurrentContext()->Windows)
        if (std::string(w->Name).find("##notes") != std::string::npos) return w->ContentSize.y;
    FAIL("no notes column");
    return 0.0f;
}
}  // namespace

TEST_CASE("a busy contact's notes beside the draft scroll as tall as if every one were drawn", "[ui][followup]") {
    // Notes out of sight are gaps of their measured height: the column must
    // be exactly as tall as when every note is drawn (a window tall enough to show them all).
    Fixture f;
    for (int i = 0; i < 150; ++i)
        f.note("@bo-nielsen note " + std::to_string(i) +
                   (i % 3 ? std::string(" on build caches and the CI they run for three teams, with numbers") : ""),
               localToInstant({2025, 3, 6, 9, 0, 0}, f.zone) + i * 60);
    f.note("[ ] send @bo-nielsen the link to our build cache", localToInstant({2025, 3, 6, 16, 0, 0}, f.zone));
    generateQueue(f.store, f.eventId, "2025-03-10");
    const auto all = f.items();
    const FollowUp* item = f.need(all, "promise", f.bo);
    const RowId id = item->id;

    const float shown = notesColumnHeight(f, id, 800.0f);
    const float everyNoteDrawn = notesColumnHeight(f, id, 60000.0f);
    CHECK(shown > 150.0f * 16.0f);  // every note has at least its time line
    CHECK(shown == Approx(everyNoteDrawn).margin(0.5));
}

TEST_CASE("the draft editor wraps long lines at its width and gives the text back unchanged", "[ui][followup]") {
    // One unit per byte: a 20-unit line.
    auto measure = [](const char* b, const char* e) { return float(e - b); };
    std::string soft;
    const std::string text = "Hi Ana,\n\nThank you for the talk about [[what you talked about]] yesterday.";
    std::string shown = ui::WrappedTextEdit::wrap(text, 20.0f, measure, soft);
    REQUIRE(shown.size() == text.size());
    // Every visual line fits, except a blank, which is never broken inside.
    size_t start = 0;
    for (size_t nl = shown.find('\n'); ; nl = shown.find('\n', start)) {
        std::string line = shown.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
        if (line.find("[[") == std::string::npos) CHECK(line.size() <= 20);
        if (nl == std::string::npos) break;
        start = nl + 1;
    }
    CHECK(shown.find("[[what you talked about]]") != std::string::npos);
    // Only spaces became breaks, and they are marked: undoing them gives the text back.
    std::string back = shown;
    for (size_t i = 0; i < back.size(); ++i)
        if (soft[i] == '1') {
            CHECK(text[i] == ' ');
            back[i] = ' ';
        }
    CHECK(back == text);
    CHECK(soft.substr(0, 9) == "000000000");  // the typed line breaks stay typed
}

TEST_CASE("a thank-you and a promise for one person go out as one message and are marked sent together",
          "[ui][followup][together]") {
    Fixture f;
    generateQueue(f.store, f.eventId, "2025-03-10");
    const auto all = f.items();
    const FollowUp* thanks = f.need(all, "thank_you", f.ana);
    const FollowUp* promise = f.need(all, "promise", f.ana);
    const FollowUp* thanksBo = f.need(all, "thank_you", f.bo);

    Ui ui(f.store, f.eventId, f.monday);
    auto row = ui.view().rowRect(thanks->id);
    REQUIRE(row);
    ui.imgui.click(*row);
    const auto& draft = ui.view().draft();
    REQUIRE(draft.has());
    REQUIRE(draft.together().size() == 1);
    CHECK(draft.together()[0].id == promise->id);
    CHECK_THAT(draft.combined().body, Catch::StartsWith("Hi Ana,") && Catch::Contains("benchmark slides") &&
                                          Catch::Contains("Thank you for the conversation"));
    // Off by default: Mark sent would close only this item.
    auto box = ui.view().buttonRect("One message");
    REQUIRE(box);
    ui.imgui.click(*box);
    ui.imgui.frames(2);
    REQUIRE(ui.view().buttonRect("Mark sent"));
    ui.imgui.click(*ui.view().buttonRect("Mark sent"));
    ui.imgui.frames(2);
    CHECK_FALSE(ui.state.status.error);
    CHECK(FollowUpsRepo(f.store).find(thanks->id)->status == "sent");
    CHECK(FollowUpsRepo(f.store).find(promise->id)->status == "sent");
    CHECK(FollowUpsRepo(f.store).find(thanksBo->id)->status == "open");
    // What went out is each one's draft now: the combined message.
    CHECK_THAT(FollowUpsRepo(f.store).find(promise->id)->draft, Catch::Contains("Thank you for the conversation"));
    CHECK(ui.view().queue().rows().size() == 1);
}

TEST_CASE("a person with only a LinkedIn profile gets a message without subject, a count and Open profile",
          "[ui][followup][channel]") {
    Fixture f;
    PeopleRepo people(f.store);
    people.addUrl(f.bo, {"https://www.linkedin.com/in/bo-nielsen/", "linkedin"});
    generateQueue(f.store, f.eventId, "2025-03-10");
    const auto all = f.items();
    const FollowUp* thanksBo = f.need(all, "thank_you", f.bo);
    CHECK(thanksBo->channel == "linkedin");

    Ui ui(f.store, f.eventId, f.monday);
    std::string opened;
    ui.view().setUrlOpener([&](const std::string& url) {
        opened = url;
        return std::string();
    });
    ui.imgui.click(*ui.view().rowRect(thanksBo->id));
    ui.imgui.frames(2);
    const auto& draft = ui.view().draft();
    REQUIRE(draft.has());
    CHECK(draft.reach().channel == Channel::LinkedIn);
    CHECK_FALSE(draft.reach().connection);  // typed in by hand, not from the user's LinkedIn export
    CHECK_FALSE(ui.view().buttonRect("Open in mail"));
    REQUIRE(ui.view().buttonRect("Open profile"));
    ui.imgui.click(*ui.view().buttonRect("Open profile"));
    CHECK(opened == "https://www.linkedin.com/in/bo-nielsen/");
    // Copy takes the message alone, no "Subject:" line.
    ui.imgui.click(*ui.view().buttonRect("Copy"));
    const char* copied = ImGui::GetClipboardText();
    REQUIRE(copied);
    CHECK_THAT(std::string(copied), Catch::StartsWith("Hi Bo,") && !Catch::Contains("Subject:"));
}

TEST_CASE("a queue row's name keeps its width and the kind chip gives way", "[ui][followup][layout]") {
    // Both fit: both whole.
    auto both = ui::splitChipAndName(300.0f, 100.0f, 120.0f, 80.0f);
    CHECK(both.chip == 100.0f);
    CHECK(both.name == 120.0f);
    // Too narrow: the chip shrinks first, the name stays whole.
    auto chipCut = ui::splitChipAndName(220.0f, 200.0f, 115.0f, 80.0f);
    CHECK(chipCut.name == 115.0f);
    CHECK(chipCut.chip == 105.0f);
    // A very long name: the chip keeps its minimum, the name takes the rest.
    auto nameCut = ui::splitChipAndName(220.0f, 120.0f, 400.0f, 80.0f);
    CHECK(nameCut.chip == 80.0f);
    CHECK(nameCut.name == 140.0f);
    // A chip narrower than the minimum is never widened.
    auto small = ui::splitChipAndName(100.0f, 60.0f, 400.0f, 80.0f);
    CHECK(small.chip == 60.0f);
    CHECK(small.name == 40.0f);
}

TEST_CASE("at 1024x640 a missed target's row shows the whole name beside a long kind", "[ui][followup][layout]") {
    Fixture f;
    const RowId sruthi = f.person("Sruthi Chandran", "");
    Target t;
    t.eventId = f.eventId;
    t.personId = sruthi;
    t.priority = TargetPriority::Must;
    PeopleRepo(f.store).upsertTarget(t);
    generateQueue(f.store, f.eventId, "2025-03-10");
    const auto items = f.items();
    const FollowUp* missed = f.need(items, "missed_target", sruthi);
    REQUIRE(followUpKindLabel("missed_target").size() > 20);

    Ui ui(f.store, f.eventId, f.monday, 1024.0f, 640.0f);
    auto row = ui.view().rowRect(missed->id);
    REQUIRE(row);
    CHECK(row->max.x <= 1024.0f);
    REQUIRE(ui.view().rowNameCut(missed->id));
    CHECK_FALSE(*ui.view().rowNameCut(missed->id));
}

TEST_CASE("at 1024x640 the draft box takes the height the buttons leave it", "[ui][followup][layout]") {
    Fixture f;
    generateQueue(f.store, f.eventId, "2025-03-10");
    const auto items = f.items();
    const FollowUp* promise = f.need(items, "promise", f.ana);
    Ui ui(f.store, f.eventId, f.monday, 1024.0f, 640.0f);
    auto row = ui.view().rowRect(promise->id);
    REQUIRE(row);
    ui.imgui.click(*row);
    ui.imgui.frames(3);
    // The promise's draft has a blank to fill: its warning shows under the box too.
    auto box = ui.view().buttonRect("Draft");
    auto drop = ui.view().buttonRect("Drop");
    REQUIRE(box);
    REQUIRE(drop);
    const float fs = ImGui::GetFontSize();
    CHECK(box->max.y - box->min.y >= 8.0f * fs);  // was 6 font sizes: about four lines
    // Every button still shows under it, inside the window above the status line.
    CHECK(drop->min.y > box->max.y);
    CHECK(drop->max.y <= 640.0f - fs);
    // The nine actions take two rows, not three.
    std::vector<float> rows;
    for (const char* label : {"Save edit", "Copy", "Copy mail link", "Mark sent", "Replied", "Done", "Snooze 1 day",
                              "Snooze 1 week", "Drop"}) {
        auto rect = ui.view().buttonRect(label);
        REQUIRE(rect);
        CHECK(rect->max.x <= 1024.0f);
        if (std::find(rows.begin(), rows.end(), rect->min.y) == rows.end()) rows.push_back(rect->min.y);
    }
    CHECK(rows.size() <= 2);
}

TEST_CASE("switching items lays the draft panel out right on the first frame that shows the new item",
          "[ui][followup][layout]") {
    // Ana's promise has a blank to fill (a warning of two lines under the
    // box); Bo has only a LinkedIn profile (a count of characters there).
    Fixture f;
    PeopleRepo(f.store).addUrl(f.bo, {"https://www.linkedin.com/in/bo-nielsen/", "linkedin"});
    generateQueue(f.store, f.eventId, "2025-03-10");
    const auto items = f.items();
    const FollowUp* promise = f.need(items, "promise", f.ana);
    const FollowUp* thanksBo = f.need(items, "thank_you", f.bo);
    Ui ui(f.store, f.eventId, f.monday, 1024.0f, 640.0f);
    ui.imgui.click(*ui.view().rowRect(promise->id));
    ui.imgui.frames(3);
    REQUIRE(ui.view().draft().item().id == promise->id);

    // A click on Bo's row, frame by frame: every frame that shows his item
    // must draw its box and buttons where the settled frame does.
    struct Seen {
        RowId shown;
        ui::WidgetRect box, sent;
    };
    std::vector<Seen> seen;
    auto frame = [&] {
        ui.imgui.frame();
        auto box = ui.view().buttonRect("Draft");
        auto sent = ui.view().buttonRect("Mark sent");
        REQUIRE(box);
        REQUIRE(sent);
        seen.push_back({ui.view().draft().item().id, *box, *sent});
    };
    auto row = ui.view().rowRect(thanksBo->id);
    REQUIRE(row);
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = row->center();
    frame();
    io.MouseDown[0] = true;
    frame();
    io.MouseDown[0] = false;
    frame();  // released: the row is picked in this frame
    const size_t picked = seen.size() - 1;
    for (int i = 0; i < 4; ++i) frame();
    REQUIRE(ui.view().selected() == thanksBo->id);
    // The frame that picks it already shows its draft.
    CHECK(seen[picked].shown == thanksBo->id);
    const Seen& settled = seen.back();
    REQUIRE(settled.shown == thanksBo->id);
    int framesShowingBo = 0;
    for (const Seen& s : seen) {
        if (s.shown != thanksBo->id) continue;
        ++framesShowingBo;
        CHECK(s.box.min.y == settled.box.min.y);
        CHECK(s.box.max.y == settled.box.max.y);
        CHECK(s.sent.min.y == settled.sent.min.y);
    }
    CHECK(framesShowingBo >= 5);
}

TEST_CASE("beside the draft only the item's event's notes show - after Done the next item opens as fresh",
          "[ui][followup]") {
    Fixture f;
    f.note("@bo-nielsen runs the CI for three teams", localToInstant({2025, 3, 6, 16, 0, 0}, f.zone));
    Event paris;
    paris.name = "Paris Conf";
    paris.timeZone = "Europe/Paris";
    const RowId parisId = AgendaRepo(f.store).createEvent(paris);
    NoteInput elsewhere;
    elsewhere.body = "@bo-nielsen moved to Lyon";
    elsewhere.eventId = parisId;
    elsewhere.at = f.monday;
    elsewhere.noSession = true;
    saveNote(f.store, elsewhere);
    elsewhere.body = "@bo-nielsen likes chess";  // at no event
    elsewhere.eventId.reset();
    saveNote(f.store, elsewhere);
    generateQueue(f.store, f.eventId, "2025-03-10");
    const auto all = f.items();
    const FollowUp* thanksBo = f.need(all, "thank_you", f.bo);

    Ui ui(f.store, f.eventId, f.monday);
    auto row = ui.view().rowRect(thanksBo->id);
    REQUIRE(row);
    ui.imgui.click(*row);
    const auto& draft = ui.view().draft();
    REQUIRE(draft.item().id == thanksBo->id);
    REQUIRE(draft.notes().size() == 1);
    CHECK_THAT(draft.notes()[0].body, Catch::Contains("CI for three teams"));

    const int queueBuilds = ui.view().queue().rebuildCount();
    auto done = ui.view().buttonRect("Done");
    REQUIRE(done);
    ui.imgui.click(*done);
    ui.imgui.frames(2);
    CHECK(FollowUpsRepo(f.store).find(thanksBo->id)->status == "done");
    // The closed row left in place (one rebuild, no requery), as a requery has it.
    CHECK(ui.view().queue().rebuildCount() == queueBuilds + 1);
    ui::FollowUpQueueModel queue;
    queue.sync(f.store, f.eventId, f.monday, 1);
    REQUIRE(queue.rows().size() == ui.view().queue().rows().size());
    for (size_t i = 0; i < queue.rows().size(); ++i) CHECK(queue.rows()[i].id == ui.view().queue().rows()[i].id);
    // The next item is open, with what a fresh load gives it.
    REQUIRE(ui.view().selected());
    CHECK(*ui.view().selected() != thanksBo->id);
    ui::FollowUpDraftModel fresh;
    fresh.sync(f.store, ui.view().selected(), 1);
    REQUIRE(draft.has());
    CHECK(draft.item().id == fresh.item().id);
    CHECK(draft.body() == fresh.body());
    CHECK(draft.together().size() == fresh.together().size());
    REQUIRE(draft.notes().size() == fresh.notes().size());
    for (size_t i = 0; i < draft.notes().size(); ++i) CHECK(draft.notes()[i].body == fresh.notes()[i].body);
}

TEST_CASE("the notes beside the draft stay across one person's items - read again for a new note or another person",
          "[ui][followup]") {
    Fixture f;
    f.note("@ana-lima runs the cache team", localToInstant({2025, 3, 6, 10, 0, 0}, f.zone));
    generateQueue(f.store, f.eventId, "2025-03-10");
    const auto all = f.items();
    const FollowUp* promise = f.need(all, "promise", f.ana);
    const FollowUp* thanksAna = f.need(all, "thank_you", f.ana);
    const FollowUp* thanksBo = f.need(all, "thank_you", f.bo);

    Ui ui(f.store, f.eventId, f.monday);
    const auto& draft = ui.view().draft();
    auto open = [&](RowId id) {
        auto row = ui.view().rowRect(id);
        REQUIRE(row);
        ui.imgui.click(*row);
        REQUIRE(draft.item().id == id);
    };
    auto notesAsFresh = [&] {
        ui::FollowUpDraftModel fresh;
        fresh.sync(f.store, ui.view().selected(), 1);
        REQUIRE(draft.notes().size() == fresh.notes().size());
        for (size_t i = 0; i < draft.notes().size(); ++i) {
            CHECK(draft.notes()[i].id == fresh.notes()[i].id);
            CHECK(draft.notes()[i].when == fresh.notes()[i].when);
            CHECK(draft.notes()[i].body == fresh.notes()[i].body);
        }
    };
    open(promise->id);
    REQUIRE(draft.notes().size() == 2);
    const int reads = draft.notesReadCount();

    // Her other item: the same notes, not read again.
    open(thanksAna->id);
    CHECK(draft.notesReadCount() == reads);
    notesAsFresh();

    // A note about her saved meanwhile shows beside the draft; the draft itself is not reloaded.
    const int builds = draft.rebuildCount();
    NoteInput in;
    in.body = "@ana-lima prefers email";
    in.eventId = f.eventId;
    in.at = f.monday;
    in.noSession = true;
    const SavedNote saved = saveNote(f.store, in);
    ui.state.revision.apply(saved.touched, ui::addedNote(saved));
    ui.imgui.frames(2);
    CHECK(draft.notesReadCount() == reads + 1);
    CHECK(draft.rebuildCount() == builds);
    CHECK(draft.notes().size() == 3);
    notesAsFresh();

    // Bo's item: his notes (none).
    open(thanksBo->id);
    CHECK(draft.notesReadCount() == reads + 2);
    CHECK(draft.notes().empty());
    notesAsFresh();
}
