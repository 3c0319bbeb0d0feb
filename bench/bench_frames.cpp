// hallway-bench --only frames: CPU time per GUI frame of each view at the
// power tier. The real Shell and views run in an ImGui context with no window
// or renderer (as tests/ui does), frames driven in code.
//
// [SECTION] Headless frames
// [SECTION] Views
// [SECTION] Resident memory
#include "bench_frames.h"

#include "bench_data.h"
#include "bench_util.h"

#include <imgui.h>
#include <fcntl.h>
#include <malloc.h>
#include <sys/resource.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

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
#include <thread>
#include <utility>
#include <vector>

#include "core/followup.h"
#include "core/time_util.h"
#include "services/capture_service.h"
#include "services/import_service.h"
#include "services/people_service.h"
#include "store/followups_repo.h"
#include "store/goals_repo.h"
#include "store/memory_limits.h"
#include "store/notes_repo.h"
#include "store/people_repo.h"
#include "store/store.h"
#include "ui/app.h"
#include "ui/app_state.h"
#include "ui/view.h"
#include "ui/fonts.h"
#include "ui/live_event.h"
#include "ui/shell.h"

namespace hallway::bench {
namespace {

double cpuNowMs() { return threadCpuMs(); }

double pick(const std::vector<double>& v, double p) { return percentile(v, p); }

// [SECTION] Headless frames

// The app's frame with no window: NewFrame, Shell::draw, Render. Keys are
// indexed by GLFW codes, as the GLFW backend (and shell.cpp) expect.
class HeadlessApp {
public:
    // `bare`: frames draw one window with a line of text instead of the app.
    HeadlessApp(Store& store, Instant now, bool bare = false) : m_store(store), m_bare(bare) {
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
        if (m_bare) {
            ImGui::SetNextWindowPos(ImVec2(0, 0));
            ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
            ImGui::Begin("Hallway", nullptr, ImGuiWindowFlags_NoDecoration);
            ImGui::TextUnformatted("Hallway");
            ImGui::End();
        } else {
            shell.draw(&m_store, state);
        }
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
    bool m_bare = false;
    ImGuiContext* m_context = nullptr;
};

// [SECTION] Views

struct ViewCase {
    const char* name;
    const char* change;                            // the data change the rebuild frame follows
    std::function<void(HeadlessApp&)> open;        // puts the app in this view
    std::function<void(HeadlessApp&, int)> touch;  // the n-th change, made the way the user makes it
};

// HALLWAY_BENCH_PERF=FIFO: `perf record -D -1 --control fifo:FIFO` samples
// only the frames after the changes, not the data's building or the opening.
void perfControl(const char* command) {
    const char* fifo = std::getenv("HALLWAY_BENCH_PERF");
    if (!fifo) return;
    if (std::FILE* f = std::fopen(fifo, "w")) {
        std::fprintf(f, "%s\n", command);
        std::fclose(f);
    }
}

void runCase(Store& store, const PowerData& data, const ViewCase& c, double floorMs, bool quick) {
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
        perfControl("enable");
        c.touch(app, r);
        app.frames(3);
        perfControl("disable");
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
    char note[240];
    std::snprintf(note, sizeof note,
                  "300 frames, p99 %.2f ms, max %.2f ms; slowest frame after %s: median %.1f ms, max %.1f ms; "
                  "opening the view %.0f ms",
                  pick(times, 0.99), pick(times, 1.0), c.change, pick(rebuild, 0.5), pick(rebuild, 1.0),
                  pick(opening, 1.0));
    Budget b;
    b.what = std::string("frame CPU, median: ") + c.name;
    b.note = note;
    b.figure = pick(times, 0.5);
    b.floor = floorMs;
    b.floorWhat = "an empty ImGui frame with the same fonts";
    // CPU time of the frame's thread: load moves it little, so the verdict is
    // on the figure itself (the empty frame is too small to scale by).
    b.limit = quick ? 0 : 1.0;  // DESIGN.md's 2 ms with a margin (issue 19)
    report(b);
}

// The floor of a frame: NewFrame, one window with a line of text, Render.
double emptyFrameMs(Store& store, Instant now) {
    HeadlessApp app(store, now, true);
    app.frames(30);
    std::vector<double> times;
    for (int i = 0; i < 300; ++i) times.push_back(app.frame());
    return pick(times, 0.5);
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
// Xvfb adds those: see the cold start's figures).
void measureResident(Store& store, Instant now, const ViewCase* cases, size_t count) {
    HeadlessApp app(store, now);
    for (size_t i = 0; i < count; ++i) {
        app.state = ui::AppState{};
        app.state.nowOverride = now;
        cases[i].open(app);
        app.frames(30);
    }
    const double peak = residentMegabytes("VmHWM"), current = residentMegabytes("VmRSS");
    char note[160];
    std::snprintf(note, sizeof note, "headless (no window, no GL driver), store reopened; %.0f MB now, SQLite %.0f MB",
                  current, double(sqliteMemoryUsed()) / 1048576.0);
    Budget b;
    b.what = "peak resident memory, every view opened";
    b.note = note;
    b.unit = "MB";
    b.figure = peak;
    b.floorWhat = "see the real app's below";
    b.limit = 200;
    report(b);
}

// [SECTION] Cold start and memory of the real app

struct StartRun {
    double firstFrameMs = -1;  // as the program counts it, from its main()
    double launchMs = -1;      // from launching the process, as a user waits: loading its libraries too
    double peakMb = -1;
    double mainCpuMs = -1;  // the app's main thread up to its first frame (its stages' "cpu N" summed)
};

// One X server for every run, started before them, as a desktop's is: each
// run's time then starts at its launch, not at the server's start.
class SharedXServer {
public:
    SharedXServer() {
        for (int n = 90; n < 200 && m_display.empty(); ++n) {
            const std::string socket = "/tmp/.X11-unix/X" + std::to_string(n);
            const std::string lock = "/tmp/.X" + std::to_string(n) + "-lock";
            if (access(socket.c_str(), F_OK) == 0 || access(lock.c_str(), F_OK) == 0) continue;
            const std::string display = ":" + std::to_string(n);
            m_pid = fork();
            if (m_pid == 0) {
                std::freopen("/dev/null", "w", stderr);
                execlp("Xvfb", "Xvfb", display.c_str(), "-screen", "0", "1920x1200x24", "-nolisten", "tcp",
                       static_cast<char*>(nullptr));
                _exit(127);
            }
            for (int wait = 0; wait < 500 && access(socket.c_str(), F_OK) != 0; ++wait)
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
            if (access(socket.c_str(), F_OK) == 0) m_display = display;
        }
    }
    ~SharedXServer() {
        if (m_pid > 0) {
            kill(m_pid, SIGTERM);
            waitpid(m_pid, nullptr, 0);
        }
    }
    SharedXServer(const SharedXServer&) = delete;
    SharedXServer& operator=(const SharedXServer&) = delete;
    const std::string& display() const { return m_display; }  // empty when Xvfb could not start

private:
    pid_t m_pid = -1;
    std::string m_display;
};

// Launches `argv` on `display` as a desktop does, with one spawn (no shell,
// no /usr/bin/time: each exec costs this machine 3-10 ms),
// and reads the time to its first frame ("first frame after N ms" on
// stderr), from its main() and from the launch, and its peak resident size
// (from wait4, the whole process's).
StartRun runStart(const std::string& display, const std::vector<std::string>& argv,
                  const std::vector<std::string>& extraEnv = {}) {
    StartRun run;
    int pipeFds[2];
    if (pipe(pipeFds) != 0) return run;
    std::vector<std::string> envText = {"DISPLAY=" + display};
    for (char** e = environ; *e; ++e)
        if (std::strncmp(*e, "DISPLAY=", 8) != 0) envText.emplace_back(*e);
    envText.insert(envText.end(), extraEnv.begin(), extraEnv.end());
    std::vector<char*> args, env;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    for (const auto& e : envText) env.push_back(const_cast<char*>(e.c_str()));
    args.push_back(nullptr);
    env.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipeFds[1], STDERR_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addclose(&actions, pipeFds[0]);
    pid_t pid = -1;
    // posix_spawn, not fork: the benchmark holds the power tier, and copying
    // its page tables would be counted as the app's launch.
    const auto launched = std::chrono::steady_clock::now();
    const int spawnError = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), env.data());
    posix_spawn_file_actions_destroy(&actions);
    close(pipeFds[1]);
    if (spawnError != 0) {
        close(pipeFds[0]);
        return run;
    }
    std::FILE* out = fdopen(pipeFds[0], "r");
    char line[2048];
    while (out && std::fgets(line, sizeof line, out)) {
        if (const char* at = std::strstr(line, "first frame after ")) {
            run.launchMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - launched).count();
            run.firstFrameMs = std::atof(at + 18);
            double cpu = 0;
            for (const char* stage = std::strstr(at, "(cpu "); stage; stage = std::strstr(stage + 5, "(cpu "))
                cpu += std::atof(stage + 5);
            if (cpu > 0) run.mainCpuMs = cpu;
        }
    }
    if (out) std::fclose(out);
    else close(pipeFds[0]);
    int status = 0;
    struct rusage usage {};
    if (wait4(pid, &status, 0, &usage) == pid) run.peakMb = double(usage.ru_maxrss) / 1024.0;  // KB on Linux
    return run;
}

// The real app under Xvfb on the power-tier database, rendering one view to a
// PNG; its own startup report (HALLWAY_STARTUP_TIMING) gives the time to the
// first frame, wait4 the peak resident size of the whole run (window,
// Mesa's software GL, fonts and all). Each run is followed by one of the bare
// window (hallway-bare-window: GLFW, OpenGL 3, ImGui and the same fonts, one
// frame of one line of text), so load slows both alike.
void measureColdStart(const std::string& dbPath, const std::filesystem::path& dir, bool quick) {
#if defined(HALLWAY_APP_BINARY) && defined(HALLWAY_BARE_WINDOW_BINARY)
    if (std::system("command -v Xvfb >/dev/null 2>&1") != 0) {
        std::printf("cold start: not measured (needs Xvfb)\n");
        return;
    }
    const SharedXServer xServer;
    if (xServer.display().empty()) {
        std::printf("cold start: not measured (Xvfb did not start)\n");
        return;
    }
    const std::string& display = xServer.display();
    struct Case {
        std::string name;
        std::string view;
        std::string visit;  // views opened first (HALLWAY_SCREENSHOT_VISIT), for a whole session's memory
    };
    // Each view of the view table alone, then all of them before the last.
    std::vector<Case> cases;
    std::string all;
    for (const auto& v : ui::viewTable()) {
        cases.push_back({v.label, v.key, ""});
        all += (all.empty() ? "" : ",") + std::string(v.key);
    }
    cases.push_back({"every view in one session", cases.back().view, all});
    const std::string png = (dir / "cold-start.png").string();
    const int runs = quick ? 1 : 5;
    for (const Case& c : cases) {
        if (quick && (!c.visit.empty() || c.view == "capture" || c.view == "followup")) continue;
        std::vector<double> firstFrame, fromMain, peak, bareFrame, barePeak, glFrame, mainCpu;
        for (int run = 0; run < runs; ++run) {
            std::vector<std::string> env = {"HALLWAY_STARTUP_TIMING=1"};
            if (!c.visit.empty()) env.push_back("HALLWAY_SCREENSHOT_VISIT=" + c.visit);
            StartRun app = runStart(
                display, {HALLWAY_APP_BINARY, "--db", dbPath, "--screenshot", png, "--view", c.view}, env);
            StartRun bare = runStart(display, {HALLWAY_BARE_WINDOW_BINARY});
            StartRun glOnly = runStart(display, {HALLWAY_BARE_WINDOW_BINARY, "--gl-only"});
            if (glOnly.launchMs > 0) glFrame.push_back(glOnly.launchMs);
            if (app.launchMs > 0) firstFrame.push_back(app.launchMs);
            if (app.firstFrameMs > 0) fromMain.push_back(app.firstFrameMs);
            if (app.mainCpuMs > 0) mainCpu.push_back(app.mainCpuMs);
            if (app.peakMb > 0) peak.push_back(app.peakMb);
            if (bare.launchMs > 0) bareFrame.push_back(bare.launchMs);
            if (bare.peakMb > 0) barePeak.push_back(bare.peakMb);
        }
        char note[160];
        std::snprintf(note, sizeof note, "Xvfb, software GL, median of %d run(s) each", runs);
        if (c.visit.empty()) {
            // What no app can go under on this machine: a window and one cleared swap.
            // The main thread's CPU hardly moves with the machine's load: the
            // figure to compare across runs when the times do.
            char startNote[400];
            std::snprintf(startNote, sizeof startNote,
                          "%s, timed from each launch on one running X server; the GL stack alone (a GLFW window, "
                          "one cleared swap) %.0f ms; from the app's main() %.0f ms; its main thread used %.0f ms "
                          "of CPU to its first frame",
                          note, median(glFrame), median(fromMain), median(mainCpu));
            Budget b;
            b.what = std::string("cold start, launch to the first frame: ") + c.name;
            b.note = startNote;
            b.figure = median(firstFrame);
            b.floor = median(bareFrame);
            b.floorWhat = "a bare GLFW + ImGui window with the same fonts";
            b.limit = quick ? 0 : 300;
            b.ratioLimit = 1.3;
            report(b);
        }
        Budget m;
        m.what = std::string("peak resident memory of the real app: ") + c.name;
        m.note = note;
        m.unit = "MB";
        m.figure = median(peak);
        m.floor = median(barePeak);
        m.floorWhat = "the bare window";
        m.limit = quick ? 0 : 200;
        report(m);
    }
#else
    (void)dbPath;
    (void)dir;
    (void)quick;
#endif
}

}  // namespace

void benchFrames(const std::string& path, const PowerData& data, const std::filesystem::path& dir, bool quick) {
    std::printf("\n== frames, cold start, memory ==\n");
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
    // A note saved elsewhere (what Capture's save does: saveNote, then what it announced).
    auto note = [&data, &store](HeadlessApp& app, int n) {
        NoteInput in;
        in.body = "Bench note " + std::to_string(n) + ": talked about the sqlite benchmark #promise send the slides";
        in.eventId = data.eventId;
        in.at = data.now;
        in.people = {data.busyPerson};
        const SavedNote saved = saveNote(store, in);
        app.state.revision.apply(saved.touched, ui::addedNote(saved));
    };
    // A target ticked met in Capture's side panel (markMet, then what it announced).
    auto met = [&data, &store](HeadlessApp& app, int n) {
        app.state.revision.apply(
            markMet(store, data.eventId, data.people[data.people.size() * 4 / 5 + size_t(n)], data.now));
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
        {"People targets tab with goals", "a target ticked met",
         [&data, &store](HeadlessApp& app) {
             // Goals a user sets before an event (two of them "meet N people"),
             // added once: the cases after this one share the database.
             if (GoalsRepo(store).goals(data.eventId).empty()) {
                 addGoal(store, data.eventId, "people_met", 2500, "");
                 addGoal(store, data.eventId, "people_met", 30, "in developer tooling");
                 addGoal(store, data.eventId, "coffee_chats", 20, "");
                 addGoal(store, data.eventId, "follow_ups_sent", 300, "");
                 addGoal(store, data.eventId, "text", std::nullopt, "find a mentor for the team");
             }
             app.state.mode = ui::Mode::People;
             app.state.people.targetsTab = true;
         },
         // The second card drawn (the first's page is beside them), ticked and unticked in turn.
         [&tick](HeadlessApp& app, int) { tick(app, 1); }},
        {"People network tab", "a target ticked met in Capture",
         [](HeadlessApp& app) {
             app.state.mode = ui::Mode::People;
             app.state.people.networkTab = true;
         },
         met},
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
    const double floorMs = emptyFrameMs(store, data.now);
    for (const ViewCase& c : cases)
        if (!only || std::string(c.name).find(only) != std::string::npos) runCase(store, data, c, floorMs, quick);
    if (!only) measureResident(store, data.now, cases, std::size(cases));
    if (!only) measureColdStart(path, dir, quick);
}

RefreshFrames framesDuringRefresh(const std::string& path, Instant now, RowId eventId, ui::LiveEvent& live,
                                  int refreshes) {
    Store store(path);
    limitSqliteMemory(ui::kAppSqliteMemory);  // as the app does
    RefreshFrames out;
    out.emptyFrameMs = emptyFrameMs(store, now);
    HeadlessApp app(store, now);
    app.state.eventId = eventId;
    app.state.plan.layout = ui::PlanLayout::DayGrid;
    auto frame = [&] {
        const double t0 = cpuNowMs();
        live.update(&store, app.state, true, kZone);
        app.frame();
        return cpuNowMs() - t0;
    };
    for (int i = 0; i < 60; ++i) frame();  // models built, layout settled
    for (int r = 0; r < refreshes; ++r) {
        const int before = live.worker()->status().fetches;
        app.state.agendaRefreshRequested = true;  // what Ctrl+R sets
        int tail = -1;
        for (int i = 0; i < 60 * 60 && tail != 0; ++i) {
            out.frames.push_back(frame());
            std::this_thread::sleep_for(std::chrono::milliseconds(16));
            if (tail > 0) --tail;
            const auto s = live.worker()->status();
            if (tail < 0 && s.fetches > before && !s.running) tail = 3;
        }
        ++out.refreshes;
    }
    return out;
}

}  // namespace hallway::bench
