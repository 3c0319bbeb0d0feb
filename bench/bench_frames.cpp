// hallway-bench --only frames: CPU time per GUI frame of each view at the
// power tier. The real Shell and views run in an ImGui context with no window
// or renderer (as tests/ui does), frames driven in code.
//
// [SECTION] Power-tier data
// [SECTION] Headless frames
// [SECTION] Views
// [SECTION] Resident memory
#include "bench_frames.h"

#include <imgui.h>
#include <malloc.h>

#include <algorithm>
#include <cfloat>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <ctime>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/capture_service.h"
#include "core/followup.h"
#include "core/import_service.h"
#include "core/time_util.h"
#include "store/followups_repo.h"
#include "store/notes_repo.h"
#include "store/people_repo.h"
#include "store/memory_limits.h"
#include "store/store.h"
#include "ui/app.h"
#include "ui/app_state.h"
#include "ui/fonts.h"
#include "ui/shell.h"

namespace hallway::bench {
namespace {

using WallClock = std::chrono::steady_clock;

double cpuNowMs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

double wallMsSince(WallClock::time_point t0) {
    return std::chrono::duration<double, std::milli>(WallClock::now() - t0).count();
}

double pick(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    size_t i = std::min(v.size() - 1, size_t(p * double(v.size() - 1) + 0.5));
    return v[i];
}

// [SECTION] Power-tier data

const char* const kFirst[] = {"Ana", "Bo", "Cy", "Dee", "Eve", "Femi", "Gus", "Hana", "Ivo", "Jun", "Kai", "Lena",
                              "Mika", "Nia", "Omar", "Pia", "Quin", "Rosa", "Sven", "Tara", "Uma", "Vik", "Wen", "Yara"};
const char* const kLast[] = {"Lima", "Chen", "Diaz", "Evans", "Fox", "Garcia", "Hansen", "Ito", "Jensen", "Kowalski",
                             "Larsen", "Moreau", "Novak", "Okafor", "Petrov", "Quinn", "Rossi", "Sato", "Tanaka",
                             "Ueda", "Varga", "Weber", "Xu", "Young", "Zhang"};
const char* const kWords[] = {"rust", "kernel", "allocator", "compiler", "wasm", "database", "hiring", "coffee",
                              "paper", "benchmark", "community", "mentor", "keynote", "slides", "startup", "funding",
                              "python", "debian", "packaging", "security", "fuzzing", "design", "sqlite", "search"};

constexpr int kDays = 8, kRooms = 50, kSlots = 50;  // 20,000 sessions, 15-minute slots from 08:00
constexpr int kSpeakers = 8000, kPeople = 50000, kNotes = 500000, kOtherEvents = 199;
constexpr const char* kZone = "Europe/Brussels";

// "Ana K. Lima": 24 x 25 x 26 distinct names, then a number.
std::string personName(int i) {
    std::string name = std::string(kFirst[i % 24]) + " " + char('A' + (i / 600) % 26) + ". " + kLast[(i / 24) % 25];
    if (i >= 600 * 26) name += " " + std::to_string(i / (600 * 26));
    return name;
}

// A frab schedule: kDays x kRooms x kSlots sessions of 10-15 minutes, some of
// 40 minutes that overlap the next one in their room, one or two speakers.
std::string powerAgendaXml() {
    std::string xml;
    xml.reserve(size_t(kDays * kRooms * kSlots) * 800);
    xml += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<schedule>\n<conference><title>Power Conf</title>"
           "<time_zone_name>Europe/Brussels</time_zone_name></conference>\n";
    char buf[1400];
    int id = 0;
    for (int d = 0; d < kDays; ++d) {
        std::snprintf(buf, sizeof buf, "<day date=\"2025-03-%02d\" index=\"%d\">\n", 3 + d, d + 1);
        xml += buf;
        for (int r = 0; r < kRooms; ++r) {
            std::snprintf(buf, sizeof buf, "<room name=\"Room %c%d\">\n", 'A' + r % 5, r + 1);
            xml += buf;
            for (int s = 0; s < kSlots; ++s, ++id) {
                const int minutes = 8 * 60 + s * 15;
                const int duration = id % 9 == 0 ? 40 : 10 + id % 6;
                const int a = int(id * 7919LL % kSpeakers), b = int((id * 104729LL + 17) % kSpeakers);
                std::string persons = "<person id=\"" + std::to_string(a) + "\">" + personName(a) + "</person>";
                if (id % 3 == 0) persons += "<person id=\"" + std::to_string(b) + "\">" + personName(b) + "</person>";
                std::snprintf(buf, sizeof buf,
                              "<event id=\"%d\" guid=\"power-%d\"><start>%02d:%02d</start><duration>00:%02d</duration>"
                              "<room>Room %c%d</room><track>Track %d %s</track><type>talk</type>"
                              "<title>%s and %s in practice: lessons from session %d of the %s track</title>"
                              "<abstract>What we learned running %s with %s at scale, in session %d. A few "
                              "sentences about %s, the %s, and why it matters to people who build %s.</abstract>"
                              "<persons>%s</persons></event>\n",
                              id, id, minutes / 60, minutes % 60, duration, 'A' + r % 5, r + 1, r % 30,
                              kWords[r % 24], kWords[id % 24], kWords[(id / 24) % 24], id, kWords[r % 24],
                              kWords[(id / 7) % 24], kWords[(id / 3) % 24], id, kWords[(id / 11) % 24],
                              kWords[(id / 5) % 24], kWords[(id / 13) % 24], persons.c_str());
                xml += buf;
            }
            xml += "</room>\n";
        }
        xml += "</day>\n";
    }
    xml += "</schedule>\n";
    return xml;
}

struct PowerData {
    RowId eventId = 0;
    std::vector<RowId> sessions;   // the event's, in time order per store.sessions()
    std::vector<RowId> people;     // everyone
    RowId busyPerson = 0;          // a target with a talk and 2,000 notes
    RowId conflictSession = 0;     // a starred session overlapping another starred one
    Instant now = 0;               // the third day, 11:05
};

PowerData buildPowerTier(Store& store) {
    PowerData data;
    auto t0 = WallClock::now();
    AgendaImportReport report = importAgendaBytes(store, powerAgendaXml(), "power.xml", {});
    data.eventId = report.eventId;
    const double agendaMs = wallMsSince(t0);
    std::vector<Session> sessions = store.sessions(data.eventId);
    for (const auto& s : sessions) data.sessions.push_back(s.id);
    data.now = localToInstant({2025, 3, 5, 11, 5, 0}, kZone);

    auto t1 = WallClock::now();
    PeopleRepo peopleRepo(store);
    NotesRepo notes(store);
    {
        Store::Transaction tx(store);
        store.suspendSearchIndexing();
        for (const auto& p : peopleRepo.list()) data.people.push_back(p.id);  // the speakers
        const int speakers = int(data.people.size());
        for (int i = speakers; i < kPeople; ++i) {
            Person p;
            p.displayName = personName(kSpeakers + i);
            p.company = "Company " + std::to_string(i % 3000);
            p.role = std::string(kWords[i % 24]) + " engineer";
            p.source = "linkedin";
            if (i % 2 == 0) p.emails = {{"p" + std::to_string(i) + "@example.org", "work"}};
            if (i % 5 == 0) p.tags = {std::string("tag-") + kWords[i % 24], "cohort-" + std::to_string(i % 7)};
            if (i % 50 == 0) p.facts = {{0, "training for a marathon", std::string("2025-04-12")}};
            data.people.push_back(peopleRepo.create(p));
        }
        store.resumeSearchIndexing();

        // Stars: a few sessions per day, some overlapping each other.
        for (const Session& s : sessions) {
            const int id = std::atoi(s.sourceId.c_str() + 6);  // "power-<id>"
            const int room = id / kSlots % kRooms, slot = id % kSlots;
            if (slot % 4 == 0 && room == (slot * 3) % kRooms) store.setStarred(s.id, true);
            if (slot % 12 == 4 && room == (slot * 3 + 1) % kRooms) store.setStarred(s.id, true);
        }
        // Other events of ten years of conferences (no agenda, notes only).
        std::vector<RowId> events;
        for (int e = 0; e < kOtherEvents; ++e) {
            Event ev;
            ev.name = "Past Conf " + std::to_string(2015 + e % 10) + " #" + std::to_string(e);
            ev.timeZone = kZone;
            ev.startsAt = 1420070400 + Instant(e) * 86400 * 18;
            ev.endsAt = ev.startsAt + 2 * 86400;
            events.push_back(store.createEvent(ev));
        }
        // 400 targets: half of them speak here.
        for (int i = 0; i < 400; ++i) {
            Target t;
            t.eventId = data.eventId;
            t.personId = data.people[size_t(i < 200 ? i * 13 : speakers + i * 97)];
            t.priority = i % 3 == 0 ? TargetPriority::Must : i % 3 == 1 ? TargetPriority::Should : TargetPriority::Nice;
            t.why = std::string("works on ") + kWords[i % 24] + " and " + kWords[(i / 24) % 24] +
                    "; could help with the " + kWords[(i / 5) % 24] + " project";
            t.questions = {std::string("How do you test ") + kWords[i % 24] + "?"};
            if (i % 4 == 0) t.status = TargetStatus::Met;
            peopleRepo.upsertTarget(t);
        }
        data.busyPerson = data.people[0];
        // Met at the event: 2,000 people, the first days.
        for (int i = 0; i < 2000; ++i) {
            Interaction met;
            met.personId = data.people[size_t((i * 24989) % kPeople)];
            met.eventId = data.eventId;
            met.occurredAt = localToInstant({2025, 3, 3 + i % 3, 9 + i % 10, 0, 0}, kZone);
            met.direction = i % 7 == 0 ? "ask" : i % 5 == 0 ? "give" : "neutral";
            notes.addInteraction(met);
        }
        // 500,000 notes over ten years; one in ten at this event, tied to a session.
        const Instant tenYearsAgo = data.now - Instant(10) * 365 * 86400;
        std::string body;
        for (int i = 0; i < kNotes; ++i) {
            Note n;
            const bool here = i % 10 == 0;
            body = std::string("Met ") + kFirst[(i * 7) % 24] + " at the " + kWords[i % 24] + " talk; talked about " +
                   kWords[(i / 24) % 24] + " and " + kWords[(i / 7) % 24] + ".";
            if (i % 3 == 0) body += std::string("\nThey are moving to ") + kWords[(i / 3) % 24] + " next year.";
            std::vector<NoteItemRecord> items;
            if (here) {
                const size_t si = size_t(i / 10) % data.sessions.size();
                n.eventId = data.eventId;
                n.sessionId = data.sessions[si];
                n.createdAt = sessions[si].startsAt + 300;
                if (i % 40 == 0) {
                    NoteItemRecord it;
                    const int k = (i / 40) % 4;
                    it.kind = k == 0 ? "promise" : k == 1 ? "intro" : k == 2 ? "ask" : "detail";
                    it.text = std::string("send the ") + kWords[(i / 40) % 24] + " notes";
                    if (k == 3) it.onDate = "2025-04-12";
                    body += " #" + it.kind + " " + it.text;
                    items.push_back(it);
                }
            } else {
                if (i % 7 != 0) n.eventId = events[size_t(i % kOtherEvents)];
                n.createdAt = tenYearsAgo + Instant(i) * 600;
            }
            n.body = body;
            n.people = {data.people[size_t((i * 7919LL + 1) % kPeople)]};
            if (i % 250 == 0) n.people[0] = data.busyPerson;
            if (i % 4 == 1) n.people.push_back(data.people[size_t((i * 104729LL + 3) % kPeople)]);
            notes.insertNote(n, items);
        }
        tx.commit();
    }
    const double peopleNotesMs = wallMsSince(t1);

    auto t2 = WallClock::now();
    ensureDefaultTemplates(store);
    QueueReport queue = generateQueue(store, data.eventId, "2025-03-12");
    const double queueMs = wallMsSince(t2);

    SessionQuery starredOnly;
    starredOnly.starredOnly = true;
    const std::vector<Session> starred = store.sessions(data.eventId, starredOnly);
    for (const auto& s : starred)
        for (const auto& o : starred)
            if (!data.conflictSession && o.id != s.id && o.startsAt < s.endsAt && s.startsAt < o.endsAt)
                data.conflictSession = s.id;
    std::printf("frames data: %d sessions (%d days, %d rooms), %zu people, %d notes, %zu queue items; agenda import "
                "%.1f s, people and notes %.1f s, queue %.1f s\n",
                int(data.sessions.size()), kDays, kRooms, data.people.size(), kNotes, queue.added.size(),
                agendaMs / 1000, peopleNotesMs / 1000, queueMs / 1000);
    std::fflush(stdout);
    return data;
}

// [SECTION] Headless frames

// The app's frame with no window: NewFrame, Shell::draw, Render. Keys are
// indexed by GLFW codes, as the GLFW backend (and shell.cpp) expect.
class HeadlessApp {
public:
    HeadlessApp(Store& store, Instant now) : m_store(store) {
        m_context = ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.LogFilename = nullptr;
        io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
        io.DisplaySize = ImVec2(1600.0f, 1000.0f);
        io.DeltaTime = 1.0f / 60.0f;
        ui::FontSet fonts = ui::loadFonts(16.0f);
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
        io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(1)));
        // The GLFW backend's key map (keyboard navigation needs all of it).
        const std::pair<ImGuiKey_, int> keys[] = {
            {ImGuiKey_Tab, 258},      {ImGuiKey_LeftArrow, 263}, {ImGuiKey_RightArrow, 262}, {ImGuiKey_UpArrow, 265},
            {ImGuiKey_DownArrow, 264}, {ImGuiKey_PageUp, 266},   {ImGuiKey_PageDown, 267},   {ImGuiKey_Home, 268},
            {ImGuiKey_End, 269},      {ImGuiKey_Insert, 260},    {ImGuiKey_Delete, 261},     {ImGuiKey_Backspace, 259},
            {ImGuiKey_Space, 32},     {ImGuiKey_Enter, 257},     {ImGuiKey_Escape, 256},     {ImGuiKey_KeyPadEnter, 335},
            {ImGuiKey_A, 'A'},        {ImGuiKey_C, 'C'},         {ImGuiKey_V, 'V'},          {ImGuiKey_X, 'X'},
            {ImGuiKey_Y, 'Y'},        {ImGuiKey_Z, 'Z'}};
        for (const auto& [imguiKey, glfwKey] : keys) io.KeyMap[imguiKey] = glfwKey;
        shell.setHeadingFont(fonts.heading);
        state.nowOverride = now;
        // The pointer rests over the middle of the content, as a user's would.
        io.MousePos = ImVec2(520.0f, 420.0f);
    }
    ~HeadlessApp() { ImGui::DestroyContext(m_context); }
    HeadlessApp(const HeadlessApp&) = delete;
    HeadlessApp& operator=(const HeadlessApp&) = delete;

    // One frame; returns its CPU time in ms (and appends it to `log` when set).
    double frame() {
        const double t0 = cpuNowMs();
        ImGui::NewFrame();
        shell.draw(&m_store, state);
        ImGui::Render();
        const double ms = cpuNowMs() - t0;
        if (log) log->push_back(ms);
        return ms;
    }
    void frames(int n) {
        for (int i = 0; i < n; ++i) frame();
    }
    void ctrlKey(int key) {
        ImGuiIO& io = ImGui::GetIO();
        io.KeyCtrl = true;
        io.KeysDown[key] = true;
        frame();
        io.KeysDown[key] = false;
        io.KeyCtrl = false;
        frame();
    }
    void type(const char* utf8) {
        ImGui::GetIO().AddInputCharactersUTF8(utf8);
        frame();
    }
    // Press and release over `pos`, then the pointer back at rest, a second
    // later so the next click is not a double click.
    void click(ImVec2 pos) {
        ImGuiIO& io = ImGui::GetIO();
        const ImVec2 rest = io.MousePos;
        io.MousePos = pos;
        frame();
        io.MouseDown[0] = true;
        frame();
        io.MouseDown[0] = false;
        frame();
        io.MousePos = rest;
        io.DeltaTime = 1.0f;
        frame();
        io.DeltaTime = 1.0f / 60.0f;
    }

    std::vector<double>* log = nullptr;

    ui::Shell shell;
    ui::AppState state;

private:
    Store& m_store;
    ImGuiContext* m_context = nullptr;
};

// [SECTION] Views

struct ViewCase {
    const char* name;
    const char* change;                            // the data change the rebuild frame follows
    std::function<void(HeadlessApp&)> open;        // puts the app in this view
    std::function<void(HeadlessApp&, int)> touch;  // the n-th change, made the way the user makes it
};

void runCase(Store& store, const PowerData& data, const ViewCase& c) {
    HeadlessApp app(store, data.now);
    // Opening the view builds its models: the slowest of those frames.
    std::vector<double> opening;
    app.log = &opening;
    c.open(app);
    app.frames(60);  // warm up: models built, layout settled
    app.log = nullptr;
    if (std::getenv("HALLWAY_BENCH_VERBOSE"))
        std::printf("  %s: %d vertices drawn, status \"%s\"\n", c.name, ImGui::GetDrawData()->TotalVtxCount,
                    app.state.status.text.c_str());
    std::vector<double> times;
    for (int i = 0; i < 300; ++i) times.push_back(app.frame());

    // After a change the models rebuild: the slowest frame from the change
    // (clicks and keys included) to three frames after it, five times.
    std::vector<double> rebuild;
    for (int r = 0; r < 5; ++r) {
        std::vector<double> log;
        app.log = &log;
        c.touch(app, r);
        app.frames(3);
        app.log = nullptr;
        rebuild.push_back(*std::max_element(log.begin(), log.end()));
        if (r == 0 && std::getenv("HALLWAY_BENCH_VERBOSE")) {
            std::printf("  frames of the first change:");
            for (double ms : log) std::printf(" %.1f", ms);
            std::printf(" ms\n");
        }
        app.frames(5);
    }
    if (std::getenv("HALLWAY_BENCH_VERBOSE")) std::printf("  status after: \"%s\"\n", app.state.status.text.c_str());
    const double med = pick(times, 0.5);
    std::printf("frame %-26s median %.2f ms, p99 %.2f ms, max %.2f ms CPU (300 frames); slowest frame after %s: "
                "median %.1f ms, max %.1f ms; opening the view %.0f ms; budget 2 ms median: %s\n",
                (std::string(c.name) + ":").c_str(), med, pick(times, 0.99), *std::max_element(times.begin(), times.end()),
                c.change, pick(rebuild, 0.5), *std::max_element(rebuild.begin(), rebuild.end()),
                *std::max_element(opening.begin(), opening.end()), med < 2.0 ? "OK" : "OVER");
    std::fflush(stdout);
}

// [SECTION] Resident memory

// "VmHWM" or "VmRSS" of this process in MB from /proc/self/status; -1 when unknown.
double residentMegabytes(const char* field) {
    std::FILE* f = std::fopen("/proc/self/status", "r");
    if (!f) return -1;
    char line[256];
    const size_t n = std::strlen(field);
    double mb = -1;
    while (std::fgets(line, sizeof line, f))
        if (std::strncmp(line, field, n) == 0 && line[n] == ':') mb = std::strtod(line + n + 1, nullptr) / 1024.0;
    std::fclose(f);
    return mb;
}

// Returns the memory freed while building the data to the system, then starts
// VmHWM again from the current resident size (Linux 4.0+; else it keeps the
// building's peak, which only overstates).
void resetPeakResident() {
    malloc_trim(0);
    if (std::FILE* f = std::fopen("/proc/self/clear_refs", "w")) {
        std::fputs("5", f);
        std::fclose(f);
    }
}

// One app that opens every view in turn, so all their models are held at once
// as in a session that visited them all, with the store's cache as the views
// left it. The headless app has no window or GL driver (the real one under
// Xvfb adds those: measure it with /usr/bin/time).
void measureResident(Store& store, Instant now, const ViewCase* cases, size_t count) {
    HeadlessApp app(store, now);
    for (size_t i = 0; i < count; ++i) {
        app.state = ui::AppState{};
        app.state.nowOverride = now;
        cases[i].open(app);
        app.frames(30);
    }
    const double peak = residentMegabytes("VmHWM"), current = residentMegabytes("VmRSS");
    std::printf("peak resident memory after all views: %.0f MB, %.0f MB now, SQLite %.0f MB (headless, after a store "
                "reopened; budget 200 MB): %s\n",
                peak, current, double(sqliteMemoryUsed()) / 1048576.0, peak >= 0 && peak < 200 ? "OK" : "OVER");
    std::fflush(stdout);
}

// [SECTION] Cold start and memory of the real app

double medianOf(std::vector<double> v) {
    if (v.empty()) return -1;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// Runs the real app under Xvfb on the power-tier database, rendering one view
// to a PNG, five times per case. Its own startup report (HALLWAY_STARTUP_TIMING)
// gives the time to the first frame; /usr/bin/time the peak resident size of
// the whole run (window, Mesa's software GL, fonts and all).
void measureColdStart(const std::string& dbPath, const std::filesystem::path& dir) {
#ifdef HALLWAY_APP_BINARY
    if (std::system("command -v xvfb-run >/dev/null 2>&1 && test -x /usr/bin/time") != 0) {
        std::printf("cold start: not measured (needs xvfb-run and /usr/bin/time)\n");
        return;
    }
    struct Case {
        const char* name;
        const char* view;
        const char* visit;  // views opened first (HALLWAY_SCREENSHOT_VISIT), for a whole session's memory
    };
    const Case cases[] = {{"Plan", "plan", nullptr},
                          {"Capture", "capture", nullptr},
                          {"Follow up", "followup", nullptr},
                          {"People", "people", nullptr},
                          {"every view in one session", "people", "plan,capture,followup,people"}};
    const std::string png = (dir / "cold-start.png").string();
    for (const Case& c : cases) {
        std::vector<double> firstFrame, peak;
        for (int run = 0; run < 5; ++run) {
            std::string cmd = "HALLWAY_STARTUP_TIMING=1 ";
            if (c.visit) cmd += std::string("HALLWAY_SCREENSHOT_VISIT=") + c.visit + " ";
            cmd += "xvfb-run -a /usr/bin/time -f 'maxrss %M' '" HALLWAY_APP_BINARY "' --db '" + dbPath +
                   "' --screenshot '" + png + "' --view " + c.view + " 2>&1";
            std::FILE* out = popen(cmd.c_str(), "r");
            if (!out) break;
            char line[1024];
            while (std::fgets(line, sizeof line, out)) {
                if (const char* at = std::strstr(line, "first frame after ")) firstFrame.push_back(std::atof(at + 18));
                if (std::strncmp(line, "maxrss ", 7) == 0) peak.push_back(std::atof(line + 7) / 1000.0);
            }
            pclose(out);
        }
        const double ms = medianOf(firstFrame), mb = medianOf(peak);
        if (c.visit)
            std::printf("real app, %s: peak resident median %.0f MB (5 runs, Xvfb, software GL); budget 200 MB: %s\n",
                        c.name, mb, mb > 0 && mb < 200 ? "OK" : "OVER");
        else
            std::printf("cold start %-11s first frame median %.0f ms, peak resident %.0f MB (5 runs, Xvfb, software GL); "
                        "budgets 300 ms, 200 MB: %s\n",
                        (std::string(c.name) + ":").c_str(), ms, mb,
                        ms > 0 && ms < 300 && mb > 0 && mb < 200 ? "OK" : "OVER");
        std::fflush(stdout);
    }
#else
    (void)dbPath;
    (void)dir;
#endif
}

}  // namespace

void buildPowerTierDatabase(const std::string& path) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    Store build(path);
    buildPowerTier(build);
}

void benchFrames(const std::filesystem::path& dir) {
    const std::string path = (dir / "frames.db").string();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    PowerData data;
    {
        Store build(path);
        data = buildPowerTier(build);
    }
    // The views start as the app does: a store just opened, and none of the
    // building's memory counted.
    Store store(path);
    limitSqliteMemory(ui::kAppSqliteMemory);  // as the app does
    resetPeakResident();

    // A click on the star of a session drawn (grid box corner or list button).
    auto star = [&data](HeadlessApp& app, int n) {
        int seen = 0;
        for (RowId id : data.sessions)
            if (auto rect = app.shell.plan().starButtonRect(id); rect && seen++ == n * 3) {
                app.click(rect->center());
                return;
            }
        std::printf("  (no star button drawn)\n");
    };
    // A note typed in the Capture box and saved with Ctrl+Enter.
    auto captureNote = [](HeadlessApp& app, int n) {
        app.type(("Bench note " + std::to_string(n) + ": the sqlite benchmark #promise send the slides").c_str());
        app.ctrlKey(257);  // Enter
    };
    // A note saved elsewhere (what Capture's save does: saveNote, then the bump).
    auto note = [&data, &store](HeadlessApp& app, int n) {
        NoteInput in;
        in.body = "Bench note " + std::to_string(n) + ": talked about the sqlite benchmark #promise send the slides";
        in.eventId = data.eventId;
        in.at = data.now;
        in.people = {data.busyPerson};
        saveNote(store, in);
        app.state.revision.bump(ui::Change::Notes);
    };
    // A target ticked met in Capture's side panel (markMet, then the bump).
    auto met = [&data, &store](HeadlessApp& app, int n) {
        markMet(store, data.eventId, data.people[size_t(40000 + n)], data.now);
        app.state.revision.bump(ui::Change::Targets);
    };
    // The Met checkbox of the n-th target card drawn, clicked.
    auto tick = [&data](HeadlessApp& app, int n) {
        int seen = 0;
        for (RowId id : data.people)
            if (auto rect = app.shell.people().metRect(id); rect && seen++ == n) {
                app.click(rect->center());
                return;
            }
        std::printf("  (no Met checkbox drawn)\n");
    };
    // The selected follow-up marked done with its button.
    auto done = [](HeadlessApp& app, int) {
        if (auto rect = app.shell.followUp().buttonRect("Done")) app.click(rect->center());
        else std::printf("  (no Done button drawn)\n");
    };

    const ViewCase cases[] = {
        {"Plan day grid", "a star click",
         [](HeadlessApp& app) { app.state.plan.layout = ui::PlanLayout::DayGrid; }, star},
        {"Plan list", "a star click", [](HeadlessApp& app) { app.state.plan.layout = ui::PlanLayout::List; }, star},
        {"Plan session panel", "a star click",
         [&data](HeadlessApp& app) {
             app.state.plan.layout = ui::PlanLayout::DayGrid;
             app.state.plan.selectedSession = data.conflictSession;
         },
         star},
        {"Capture", "Ctrl+Enter saving a note",
         [](HeadlessApp& app) {
             app.state.mode = ui::Mode::Capture;
             app.frames(3);
             app.type("Talked with Ana about the rust allocator ");
         },
         captureNote},
        {"Follow up (item selected)", "clicking Done",
         [](HeadlessApp& app) { app.state.mode = ui::Mode::FollowUp; }, done},
        {"People table", "a target ticked met in Capture", [](HeadlessApp& app) { app.state.mode = ui::Mode::People; }, met},
        {"People targets tab", "a target ticked met",
         [](HeadlessApp& app) {
             app.state.mode = ui::Mode::People;
             app.state.people.targetsTab = true;
         },
         tick},
        {"Person page", "a note about them",
         [&data](HeadlessApp& app) {
             app.state.mode = ui::Mode::People;
             app.state.people.selectedPerson = data.busyPerson;
         },
         note},
        {"Ctrl+K search \"rust kern\"", "a note saved",
         [](HeadlessApp& app) {
             app.frames(3);
             app.ctrlKey('K');
             app.frames(2);
             app.type("rust kern");
         },
         note},
    };
    // HALLWAY_BENCH_VIEW=text runs only the views whose name contains it (for profiling).
    const char* only = std::getenv("HALLWAY_BENCH_VIEW");
    for (const ViewCase& c : cases)
        if (!only || std::string(c.name).find(only) != std::string::npos) runCase(store, data, c);
    if (!only) measureResident(store, data.now, cases, std::size(cases));
    if (!only) measureColdStart(path, dir);
}

}  // namespace hallway::bench
