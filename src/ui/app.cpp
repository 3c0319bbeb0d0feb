// The app shell: GLFW window, OpenGL context, ImGui backends, settings and the
// frame loop. Everything drawn lives in Shell (shell.h), which needs no window.
//
// [SECTION] Window and context
// [SECTION] Font texture
// [SECTION] Settings
// [SECTION] The window object
// [SECTION] runApp
#include "ui/app.h"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <cfloat>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <fstream>
#include <future>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "core/startup_heap.h"
#include "core/startup_hold.h"
#include "core/time_util.h"
#include "store/agenda_repo.h"
#include "store/integrity.h"
#include "store/memory_limits.h"
#include "store/store.h"
#include "ui/app_state.h"
#include "ui/compose_cache.h"
#include "ui/fonts.h"
#include "ui/gl_window.h"
#include "ui/glyph_watch.h"
#include "ui/input_queue.h"
#include "ui/screenshot.h"
#include "ui/settings.h"
#include "ui/shell.h"
#include "ui/desktop_notify.h"
#include "ui/native_window.h"
#include "ui/portal_chooser.h"
#include "ui/live_event.h"
#include "ui/refresh_worker.h"
#include "ui/sync_worker.h"
#include "ui/theme.h"

namespace hallway::ui {
namespace {

// [SECTION] Window and context

std::string g_glfwError;
volatile std::sig_atomic_t g_quitSignal = 0;

void onQuitSignal(int) { g_quitSignal = 1; }

// "VmRSS" or "VmHWM" of this process in MB from /proc/self/status; -1 when unknown.
int residentMegabytes(const char* field) {
    std::ifstream status("/proc/self/status");
    std::string line;
    const std::string prefix = std::string(field) + ":";
    while (std::getline(status, line))
        if (line.compare(0, prefix.size(), prefix) == 0)
            return int(std::strtol(line.c_str() + prefix.size(), nullptr, 10) / 1024);
    return -1;
}

int drawCommands(const ImDrawData* data) {
    int n = 0;
    for (int i = 0; i < data->CmdListsCount; ++i) n += data->CmdLists[i]->CmdBuffer.Size;
    return n;
}

// CPU time of the calling thread, in ms.
double threadCpuMs() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

// A screenshot run on a database it cannot use fails with this line.
void reportUnopened(const std::string& why) { std::cerr << "hallway: cannot open the database: " << why << "\n"; }

void onGlfwError(int code, const char* description) {
    g_glfwError = std::string(description ? description : "unknown error") + " (GLFW " + std::to_string(code) + ")";
}

// Keys, characters and mouse buttons go through the queue (input_queue.h),
// not straight into io as the GLFW backend's own callbacks would put them.
InputQueue* g_input = nullptr;
GlyphWatch* g_glyphs = nullptr;  // a typed character in a new script brings its glyphs in

// Auto-repeat is ignored: ImGui repeats a held key itself.
void onKey(GLFWwindow*, int key, int, int action, int) {
    if (g_input && action != GLFW_REPEAT) g_input->key(key, action == GLFW_PRESS);
}

void onChar(GLFWwindow*, unsigned int codepoint) {
    if (g_input) g_input->character(codepoint);
    if (g_glyphs) g_glyphs->typed(codepoint);
}

void onMouseButton(GLFWwindow* window, int button, int action, int) {
    double x = 0.0, y = 0.0;
    glfwGetCursorPos(window, &x, &y);
    if (g_input) g_input->mouseButton(button, action == GLFW_PRESS, ImVec2(float(x), float(y)));
}

void onDrop(GLFWwindow* window, int count, const char** paths) {
    auto* state = static_cast<AppState*>(glfwGetWindowUserPointer(window));
    if (!state) return;
    for (int i = 0; i < count; ++i) state->pendingImports.emplace_back(paths[i]);
}

// [SECTION] Font texture

// imgui_impl_opengl3 (1.86) uploads the font atlas as RGBA32, four bytes a
// texel of which only alpha varies: with CJK (2048x1601) 13 MB that Mesa's
// software renderer holds in RAM, after a 13 MB conversion on the CPU. On
// OpenGL 3.3 the atlas's own one-byte alpha goes up as GL_R8 instead and the
// sampler swizzles it to (1, 1, 1, r), exactly what the backend's shader reads
// from its RGBA texture, at a quarter of the memory.

// The backend's shaders and buffers without its font texture: its
// CreateDeviceObjects uploads whatever atlas io.Fonts points at, here a 1x1
// white one, and that texture is deleted again. NewFrame then sees the device
// objects made and leaves the fonts alone.
void createBackendObjectsWithoutFonts() {
    ImGuiIO& io = ImGui::GetIO();
    ImFontAtlas* fonts = io.Fonts;
    ImFontAtlas stub;  // frees its pixels when it goes
    stub.TexWidth = stub.TexHeight = 1;
    stub.TexPixelsRGBA32 = static_cast<unsigned int*>(IM_ALLOC(sizeof(unsigned int)));
    *stub.TexPixelsRGBA32 = 0xFFFFFFFFu;
    io.Fonts = &stub;
    ImGui_ImplOpenGL3_CreateDeviceObjects();
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    io.Fonts = fonts;
}

// Uploads the built atlas as GL_R8 and hands it to ImGui; 0 when OpenGL says no.
GLuint uploadFontAtlasR8() {
    ImGuiIO& io = ImGui::GetIO();
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    io.Fonts->GetTexDataAsAlpha8(&pixels, &width, &height);
    GLint lastTexture = 0, lastAlignment = 4;
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &lastTexture);
    glGetIntegerv(GL_UNPACK_ALIGNMENT, &lastAlignment);
    while (glGetError() != GL_NO_ERROR) {
    }
    GLuint texture = 0;
    glGenTextures(1, &texture);
    glBindTexture(GL_TEXTURE_2D, texture);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    const GLint swizzle[] = {GL_ONE, GL_ONE, GL_ONE, GL_RED};
    glTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_SWIZZLE_RGBA, swizzle);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, width, height, 0, GL_RED, GL_UNSIGNED_BYTE, pixels);
    glPixelStorei(GL_UNPACK_ALIGNMENT, lastAlignment);
    glBindTexture(GL_TEXTURE_2D, GLuint(lastTexture));
    if (glGetError() != GL_NO_ERROR) {
        glDeleteTextures(1, &texture);
        return 0;
    }
    io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(texture)));
    return texture;
}

// [SECTION] Settings

// Screenshot-only knobs for documentation images; ignored otherwise.
void applyScreenshotEnvironment(AppState& state) {
    if (const char* v = std::getenv("HALLWAY_SCREENSHOT_LAYOUT"); v && std::string(v) == "list")
        state.plan.layout = PlanLayout::List;
    if (const char* v = std::getenv("HALLWAY_SCREENSHOT_THEME"); v && std::string(v) == "light")
        state.theme = ThemeKind::Light;
    if (const char* v = std::getenv("HALLWAY_SCREENSHOT_NOW"); v && *v) {
        if (auto at = parseIsoDateTime(v, "UTC")) state.nowOverride = *at;
    }
    if (const char* v = std::getenv("HALLWAY_SCREENSHOT_PERSON"); v && *v) {
        char* end = nullptr;
        long long id = std::strtoll(v, &end, 10);
        if (end && *end == '\0' && id > 0) state.people.selectedPerson = RowId(id);
    }
    if (const char* v = std::getenv("HALLWAY_SCREENSHOT_EDIT_TARGET"); v && *v) state.people.editTarget = true;
    if (const char* v = std::getenv("HALLWAY_SCREENSHOT_EDIT_PERSON"); v && *v) state.people.editDetails = true;
    if (const char* v = std::getenv("HALLWAY_SCREENSHOT_ADD_BADGE"); v && *v) state.people.addPerson = v;
    if (const char* v = std::getenv("HALLWAY_SCREENSHOT_PEOPLE_TAB"); v && *v) {
        state.people.targetsTab = std::string(v) == "targets";
        state.people.networkTab = std::string(v) == "network";
    }
    if (const char* v = std::getenv("HALLWAY_SCREENSHOT_SESSION"); v && *v) {
        char* end = nullptr;
        long long id = std::strtoll(v, &end, 10);
        if (end && *end == '\0' && id > 0) state.plan.selectedSession = RowId(id);
    }
}

// [SECTION] The window object

// The app's window: init opens the store, the window, the fonts and the
// backends; frame draws one frame (input, workers, the shell, rendering);
// shutdown saves the settings and closes what init opened. runApp below is
// init, frames until the window closes, shutdown.
class AppWindow {
public:
    explicit AppWindow(const AppOptions& request);
    // Nonzero: the exit code of a start that failed (what it said is printed).
    int init();
    // One frame; false when the loop ends (window closed, a signal, the screenshot taken).
    bool frame();
    void shutdown();
    int exitCode() const { return m_exitCode; }
    void setHeapNote(const startup_heap::Prepared& heap) {
        m_heapNote = heap.ok ? std::to_string(heap.advisedBytes >> 20) + " MB of it advised for huge pages"
                             : std::string("no huge pages asked for");
    }

private:
    // "store 3 ms (cpu 2, 5 MB), window 120 ms (cpu 95, 60 MB), ..." when timing:
    // time, the main thread's CPU (which a loaded machine does not inflate), resident memory.
    void lap(const char* what);
    FontSet buildFonts(float scale, std::set<char32_t> extra) const;
    static StoredCodepoints scanStore(std::string path, std::optional<RowId> notesAfter);
    // A new atlas between two frames, for codepoints that arrived (an import, a
    // typed name): read from the cache or rasterised (about 60 ms with CJK),
    // uploaded as the first one was, and the old texture deleted.
    void rebuildFonts();
    void applyScreenshotRequests();

    const AppOptions m_request;
    const std::chrono::steady_clock::time_point m_started =
        m_request.mainStarted.value_or(std::chrono::steady_clock::now());
    std::chrono::steady_clock::time_point m_lastLap = m_started;
    double m_lastLapCpuMs = threadCpuMs();
    const bool m_timing = std::getenv("HALLWAY_STARTUP_TIMING") != nullptr;
    std::string m_stages;
    double m_firstReadMs = 0.0, m_firstReadCpuMs = 0.0;  // the first view's read, on its own thread
    double m_fontsCpuMs = 0.0;                            // the fonts' thread, to its atlas
    const bool m_screenshot;
    AppState m_state;

    const std::string m_configFolder;
    const std::string m_settingsPath;
    const std::string m_iniPath;  // io.IniFilename points into it
    SettingsFile m_settingsKept;  // written at once on each change (the Settings dialog's too)
    const Settings m_settings;
    // Screenshot-only: the Settings dialog open, naming the file it would write (it writes nothing: no input comes).
    SettingsFile m_shownSettings;

    std::unique_ptr<Store> m_store;
    std::string m_storeError;
    std::string m_storePath;
    const std::string m_cacheFolder = fontCacheDir();
    StoredCodepoints m_memory;

    GlWindow m_window;
    float m_contentScale = 1.0f, m_framebufferScale = 1.0f;
    FontSet m_fonts;
    GlyphWatch m_glyphs;
    InputQueue m_input;
    GLuint m_fontTexture = 0;
    // Stored texts are scanned again (on a thread) after writes that bring names.
    std::future<StoredCodepoints> m_scanLater;
    std::optional<std::uint64_t> m_scannedAt;  // the revision last scanned at; none yet
    RowId m_rememberedTo = 0;

    Shell m_shell;
    std::unique_ptr<SyncWorker> m_syncWorker;
    std::uint64_t m_syncDataSeen = 0;
    std::unique_ptr<LiveEvent> m_live;

    int m_exitCode = 0;
    int m_frame = 0;        // screenshot mode counts its frames
    int m_glyphWaits = 0;   // screenshot mode: times it waited for the glyph scan
    int m_restWaits = 0;    // screenshot mode: times it waited for a big agenda's rest
    int m_framesShown = 0;
    std::string m_heapNote;  // startup timing: how much of the heap is on huge pages
    int m_busyFrames = 3;  // frames to draw before waiting for input again
    // Screenshot-only, for measuring memory: views shown three frames each
    // before the one pictured ("plan,capture,followup,people").
    std::vector<Mode> m_visits;
    Mode m_shotMode = Mode::Plan;
    int m_visitFrames = 0;
};

AppWindow::AppWindow(const AppOptions& request)
    : m_request(request),
      m_screenshot(request.screenshotPath.has_value()),
      m_configFolder(m_screenshot ? std::string() : configDir()),
      m_settingsPath(m_configFolder.empty() ? std::string() : m_configFolder + "/settings"),
      m_iniPath(m_configFolder.empty() ? std::string() : m_configFolder + "/imgui.ini"),
      m_settingsKept(m_settingsPath),
      m_settings(m_settingsKept.load()),
      m_shownSettings(configDir().empty() ? std::string() : configDir() + "/settings") {}

void AppWindow::lap(const char* what) {
    if (!m_timing) return;
    auto now = std::chrono::steady_clock::now();
    const double cpuMs = threadCpuMs();
    m_stages += std::string(m_stages.empty() ? "" : ", ") + what + " " +
                std::to_string(int(std::chrono::duration<double, std::milli>(now - m_lastLap).count())) + " ms (cpu " +
                std::to_string(int(cpuMs - m_lastLapCpuMs)) + ", " + std::to_string(residentMegabytes("VmRSS")) + " MB)";
    m_lastLap = now;
    m_lastLapCpuMs = cpuMs;
}

FontSet AppWindow::buildFonts(float scale, std::set<char32_t> extra) const {
    FontOptions options;
    options.extra = std::move(extra);
    options.cacheDir = m_cacheFolder;
    return loadFonts(16.0f * scale, options);
}

StoredCodepoints AppWindow::scanStore(std::string path, std::optional<RowId> notesAfter) {
    try {
        Store::OpenOptions readsOnly;  // shares the window's check, and need not wait for it
        readsOnly.checkInBackground = true;
        readsOnly.streaming = true;
        Store own(path, readsOnly);
        return codepointsInStore(own, notesAfter);
    } catch (const std::exception&) {
        return StoredCodepoints();  // no glyphs beyond the common sets; the shell reports the store
    }
}

void AppWindow::rebuildFonts() {
    ImGuiIO& io = ImGui::GetIO();
    m_fonts = buildFonts(m_contentScale, m_glyphs.wanted());
    m_glyphs.rebuilt();
    if (m_fontTexture) {
        glDeleteTextures(1, &m_fontTexture);
        m_fontTexture = uploadFontAtlasR8();
    } else {
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
    }
    io.Fonts->ClearTexData();
    io.Fonts->ClearInputData();
}

int AppWindow::init() {
    AppState& state = m_state;
    const bool screenshot = m_screenshot;
    const AppOptions& request = m_request;
    const Settings& settings = m_settings;
    state.screenshotMode = screenshot;
    lap("from main(): the command line and the heap");
    offerComposeCache(m_cacheFolder.empty() ? std::string() : std::filesystem::path(m_cacheFolder).parent_path().string());

    state.theme = settings.theme;
    state.plan.layout = settings.planLayout;
    state.recentPlaces = settings.recent;
    state.desktopFileChooser = settings.desktopFileChooser && !screenshot;  // screenshots show Hallway's own
    state.live = settings.live;
    state.mode = (screenshot || request.view != "plan") ? modeFromName(request.view) : modeFromName(settings.lastView);
    state.eventId = request.eventId ? request.eventId : settings.lastEvent;
    if (screenshot) applyScreenshotEnvironment(state);
    // `hallway FILE` (the desktop entry's %f): the import popup opens on it,
    // so the user sees what will be imported and confirms with Enter.
    if (request.openFile) {
        state.importPath = *request.openFile;
        state.openImportDialog = true;
    }

    limitSqliteMemory(kAppSqliteMemory);
    try {
        // The file's integrity check (0.6 s at the power tier) runs beside the
        // first frames; nothing is written to it before the check passed.
        Store::OpenOptions options;
        options.checkInBackground = true;
        // The check starts once the first frame is shown (or something waits
        // for it): beside the first frame on a busy machine it took that frame's CPU.
        startup_hold::close();
        m_store = std::make_unique<Store>(request.dbPath, options);
    } catch (const std::exception& e) {
        m_storeError = e.what();
    }
    if (screenshot && !m_store) {
        reportUnopened(m_storeError);
        return 1;
    }
    if (m_store && request.eventId && !AgendaRepo(*m_store).findEvent(*request.eventId)) {
        std::string msg = "There is no event with id " + std::to_string(*request.eventId) + ".";
        if (screenshot) {
            std::cerr << "hallway: " << msg << " (see `hallway events`)\n";
            return 1;
        }
        state.error(msg + " Showing the most recent one.");
    }

    lap("store");
    // The first view's rows are read while the window system starts and the
    // window opens (170-220 ms of X, the GL driver and the backends on
    // software GL), so its first frame only draws. Until the join below
    // nothing else touches the store's connection, the shell or the state.
    std::future<void> firstRead;
    if (m_store)
        firstRead = std::async(std::launch::async, [this] {
            const auto started = std::chrono::steady_clock::now();
            startup_heap::adviseThisThreadsArena();
            m_shell.sync(*m_store, m_state);
            m_firstReadMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
            m_firstReadCpuMs = threadCpuMs();
        });
    glfwSetErrorCallback(onGlfwError);
    if (!glfwInit()) {
        std::cerr << "hallway: cannot start the window system: " << g_glfwError
                  << "\n(no display? run `hallway --help` for the command line, or xvfb-run for screenshots)\n";
        return 1;
    }

    // The ImGui context needs no window: its fonts are rasterised on a second
    // thread while the window opens (each takes about 60 ms). Their size follows
    // the monitor's content scale; the window's is checked once it is open.
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    io.IniFilename = nullptr;
    if (!m_iniPath.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(m_configFolder, ec);
        io.IniFilename = m_iniPath.c_str();
    }
    float fontScale = 1.0f;
    if (!screenshot)
        if (GLFWmonitor* monitor = glfwGetPrimaryMonitor()) {
            float xs = 1.0f, ys = 1.0f;
            glfwGetMonitorContentScale(monitor, &xs, &ys);
            fontScale = std::clamp(xs, 0.5f, 4.0f);
        }
    // The atlas holds the common sets plus every codepoint the stored names,
    // titles and notes use (read on the fonts' thread over its own connection),
    // baked to the cache folder so the next start reads it instead.
    // Names and titles now; notes (a second at the power tier) on a thread
    // after the first frame, from where an earlier run stopped reading them.
    m_storePath = m_store ? m_store->path() : std::string();
    m_memory = readGlyphMemory(m_cacheFolder, m_storePath);
    std::future<FontSet> fontsLater =
        std::async(std::launch::async, [this, fontScale, memory = m_memory, storePath = m_storePath] {
            startup_heap::adviseThisThreadsArena();
            std::set<char32_t> extra = memory.codepoints;
            // Remembered: the scan after the first frame brings what is new since.
            if (!storePath.empty() && !memory.remembered) {
                const auto names = scanStore(storePath, std::nullopt).codepoints;
                extra.insert(names.begin(), names.end());
            }
            FontSet built = buildFonts(fontScale, extra);
            m_fontsCpuMs = threadCpuMs();
            return built;
        });
    lap("context");

    int width = request.width, height = request.height;
    if (!screenshot && settings.windowWidth > 0) {
        width = settings.windowWidth;
        height = settings.windowHeight;
    }
    m_window = openGlWindow(width, height, "Hallway", screenshot);
    if (!m_window.handle) {
        std::cerr << "hallway: cannot open a window with OpenGL 3.3 or 3.0: " << g_glfwError << "\n";
        fontsLater.wait();
        if (firstRead.valid()) firstRead.wait();
        ImGui::DestroyContext();
        glfwTerminate();
        return 1;
    }
    glfwMakeContextCurrent(m_window.handle);
    lap("window");
    glfwSwapInterval(screenshot ? 0 : 1);
    glfwSetWindowUserPointer(m_window.handle, &state);
    glfwSetDropCallback(m_window.handle, onDrop);

    // HiDPI: X11 and Windows report a content scale and keep window == framebuffer
    // pixels; Wayland and macOS scale the framebuffer instead. Fonts are
    // rasterised at the full pixel size either way.
    if (!screenshot) {
        float xs = 1.0f, ys = 1.0f;
        glfwGetWindowContentScale(m_window.handle, &xs, &ys);
        m_contentScale = std::clamp(xs, 0.5f, 4.0f);
        int ww = 0, wh = 0, fw = 0, fh = 0;
        glfwGetWindowSize(m_window.handle, &ww, &wh);
        glfwGetFramebufferSize(m_window.handle, &fw, &fh);
        if (ww > 0 && fw > ww) m_framebufferScale = float(fw) / float(ww);
    }
    m_fonts = fontsLater.get();
    if (m_contentScale != fontScale)  // the window opened on another monitor than the primary one
        m_fonts = buildFonts(m_contentScale, m_fonts.extra);
    m_glyphs.setBuilt(m_fonts.extra);
    g_glyphs = &m_glyphs;
    lap("fonts (waited for)");
    io.FontGlobalScale = 1.0f / m_framebufferScale;

    ImGui_ImplGlfw_InitForOpenGL(m_window.handle, true);
    g_input = &m_input;
    glfwSetKeyCallback(m_window.handle, onKey);
    glfwSetCharCallback(m_window.handle, onChar);
    glfwSetMouseButtonCallback(m_window.handle, onMouseButton);
    ImGui_ImplOpenGL3_Init(m_window.glslVersion);
    // OpenGL 3.0 has no texture swizzle: there the backend uploads RGBA at its first NewFrame.
    if (m_window.swizzle) {
        createBackendObjectsWithoutFonts();
        lap("shaders");
        m_fontTexture = uploadFontAtlasR8();
        if (!m_fontTexture) ImGui_ImplOpenGL3_DestroyDeviceObjects();  // NewFrame makes them again, RGBA
    }
    m_rememberedTo = m_memory.notesScannedTo;
    lap("atlas upload");
    if (firstRead.valid()) firstRead.get();  // what it could not read it said through the state
    lap("first view's rows (waited for)");
    if (m_timing && m_store)
        m_stages += " [the read itself " + std::to_string(int(m_firstReadMs)) + " ms, its thread's cpu " +
                    std::to_string(int(m_firstReadCpuMs)) + ", beside the stages before]";  // not "(cpu": the bench sums those
    if (m_timing) m_stages += " [the fonts' thread: cpu " + std::to_string(int(m_fontsCpuMs)) + "]";
    if (!m_fonts.note.empty()) state.info(m_fonts.note);

    m_shell.setScale(m_contentScale / m_framebufferScale);
    m_shell.setHeadingFont(m_fonts.heading);
    m_shell.setSettingsFile(&m_settingsKept);
    if (screenshot && std::getenv("HALLWAY_SCREENSHOT_SETTINGS")) {
        state.openSettings = true;
        m_shell.setSettingsFile(&m_shownSettings);
    }
    if (screenshot && std::getenv("HALLWAY_SCREENSHOT_SYNC")) state.openSyncDialog = true;  // the Sync dialog over --db
    if (!screenshot) {
        setPortalWake([] { glfwPostEmptyEvent(); });  // the desktop's chooser answered: take it at once
        setPortalParentWindow(portalHandleOf(m_window.handle));  // its dialog stays over this window
        m_shell.followUp().setUrlOpener(openUrlWithXdgOpen);
        m_shell.plan().setUrlOpener(openUrlWithXdgOpen);
    }
    if (screenshot) applyScreenshotRequests();

    // CardDAV/CalDAV sync on its own thread and connection: at start, every 5 minutes, Ctrl+Shift+S.
    if (!screenshot && m_store)
        m_syncWorker =
            std::make_unique<SyncWorker>(m_store->path(), std::chrono::minutes(5), [] { glfwPostEmptyEvent(); });
    // The open event's agenda fetched again from its URL: at start and every
    // 15 minutes (the Settings dialog's choice) while the event runs, on its
    // own thread and connection; reminders; both to the desktop.
    std::unique_ptr<AgendaRefreshWorker> refreshWorker;
    if (m_store && (!screenshot || std::getenv("HALLWAY_SCREENSHOT_REFRESH")))
        refreshWorker = std::make_unique<AgendaRefreshWorker>(
            m_store->path(), std::chrono::minutes(settings.live.refreshMinutes), [] { glfwPostEmptyEvent(); });
    m_live = std::make_unique<LiveEvent>(std::move(refreshWorker), [](const std::string& summary, const std::string& body) {
        sendDesktopNotification(summary, body);
    });

    // Ctrl+C or a polite kill closes the window normally, saving settings; the
    // loop wakes at least once a second to notice.
    if (!screenshot) {
        std::signal(SIGINT, onQuitSignal);
        std::signal(SIGTERM, onQuitSignal);
    }
    if (const char* v = std::getenv("HALLWAY_SCREENSHOT_VISIT"); screenshot && v) {
        std::string names = v;
        for (size_t at = 0; at <= names.size();) {
            size_t comma = std::min(names.find(',', at), names.size());
            if (comma > at) m_visits.push_back(modeFromName(names.substr(at, comma - at)));
            at = comma + 1;
        }
    }
    m_shotMode = state.mode;
    m_visitFrames = int(m_visits.size()) * 3;
    return 0;
}

void AppWindow::applyScreenshotRequests() {
    AppState& state = m_state;
    Shell& shell = m_shell;
    // Screenshot-only: the search dropdown open on this text, first hit picked.
    if (const char* v = std::getenv("HALLWAY_SCREENSHOT_SEARCH"); v && *v) shell.showSearch(v);
    // Screenshot-only: Follow up opens on this item, as one message with the
    // items due together with it when HALLWAY_SCREENSHOT_TOGETHER is set.
    if (const char* v = std::getenv("HALLWAY_SCREENSHOT_FOLLOWUP"); v && *v) {
        char* end = nullptr;
        long long id = std::strtoll(v, &end, 10);
        if (end && *end == '\0' && id > 0)
            shell.followUp().showItem(RowId(id), std::getenv("HALLWAY_SCREENSHOT_TOGETHER") != nullptr);
    }
    // Screenshot-only: the import dialog with this path typed (its zone field
    // prefilled), or this agenda imported into --db and the dialog's report
    // of it shown (HALLWAY_SCREENSHOT_IMPORT_TZ: the zone chosen for it).
    if (!m_store) return;
    if (const char* v = std::getenv("HALLWAY_SCREENSHOT_IMPORT"); v && *v) {
        state.openImportDialog = true;
        state.importPath = v;
    }
    // The file chooser open at this path, with HALLWAY_SCREENSHOT_RECENT's
    // ':'-separated folders and files as its recent places.
    if (const char* v = std::getenv("HALLWAY_SCREENSHOT_RECENT"); v && *v) {
        std::vector<std::string> places;
        for (std::string_view rest(v); !rest.empty();) {
            const size_t colon = std::min(rest.find(':'), rest.size());
            places.insert(places.begin(), std::string(rest.substr(0, colon)));
            rest.remove_prefix(std::min(colon + 1, rest.size()));
        }
        for (const std::string& place : places)
            rememberPlace(std::filesystem::is_directory(place) ? state.recentPlaces.folders : state.recentPlaces.files,
                          place);
    }
    if (const char* v = std::getenv("HALLWAY_SCREENSHOT_CHOOSER"); v && *v) shell.browseImport(state, v);
    if (const char* v = std::getenv("HALLWAY_SCREENSHOT_IMPORT_RUN"); v && *v) {
        const char* zone = std::getenv("HALLWAY_SCREENSHOT_IMPORT_TZ");
        shell.importFile(*m_store, state, v, ImportTarget::Agenda, zone ? zone : "");
    }
}

bool AppWindow::frame() {
    if (glfwWindowShouldClose(m_window.handle) || g_quitSignal) return false;
    AppState& state = m_state;
    const bool screenshot = m_screenshot;
    ImGuiIO& io = ImGui::GetIO();
    if (screenshot || m_busyFrames > 0) {
        glfwPollEvents();
    } else {
        // Nothing animates: sleep until input, or a second for the clock.
        glfwWaitEventsTimeout(1.0);
        m_busyFrames = 3;  // a few frames after each event so popups settle
    }
    --m_busyFrames;
    if (m_input.pending() > 0) m_busyFrames = std::max(m_busyFrames, 3);  // held-over input gets its frames
    if (m_shell.readingInBackground()) m_busyFrames = std::max(m_busyFrames, 2);

    ImGui_ImplOpenGL3_NewFrame();
    // The font atlas is on the GPU now (uploaded above, or by the first
    // NewFrame on OpenGL 3.0): its CPU copies (alpha, and RGBA on 3.0; 3 MB
    // and 13 MB with CJK) and the font files it was built
    // from (two copies each, 12 MB with WenQuanYi) are not needed again.
    if (m_framesShown == 0 && m_frame == 0) {
        io.Fonts->ClearTexData();
        io.Fonts->ClearInputData();
    }
    ImGui_ImplGlfw_NewFrame();
    m_input.feed(io);
    if (screenshot) io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);  // no hover effects in pictures
    if (screenshot && !m_visits.empty())
        state.mode = m_frame < m_visitFrames ? m_visits[size_t(m_frame / 3)] : m_shotMode;
    // The background check found the file damaged: the same page as when
    // the open itself fails, and no worker writes to it.
    if (m_store && m_store->integrity() == Store::Integrity::Damaged) {
        m_storeError = m_store->integrityProblem();
        if (screenshot) {
            reportUnopened(m_storeError);
            m_exitCode = 1;
            return false;
        }
        m_syncWorker.reset();
        m_store.reset();
    }
    const bool shown = m_framesShown > 0 || m_frame > 0;
    if (m_store && shown && !m_scanLater.valid() &&
        m_scannedAt != state.revision.value(Change::Events | Change::People)) {
        m_scannedAt = state.revision.value(Change::Events | Change::People);
        m_scanLater = std::async(std::launch::async, [path = m_store->path(), from = m_memory.notesScannedTo] {
            auto found = scanStore(path, from);
            glfwPostEmptyEvent();  // wake the loop to take it
            return found;
        });
    }
    if (m_scanLater.valid() && m_scanLater.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
        const StoredCodepoints found = m_scanLater.get();
        m_glyphs.scanned(found.codepoints);
        m_memory.notesScannedTo = found.notesScannedTo;
    }
    if (m_glyphs.rebuildDue()) {
        rebuildFonts();
        m_shell.setHeadingFont(m_fonts.heading);
    }
    if (m_memory.codepoints != m_glyphs.built() || m_memory.notesScannedTo != m_rememberedTo) {
        m_memory.codepoints = m_glyphs.built();
        m_rememberedTo = m_memory.notesScannedTo;
        writeGlyphMemory(m_cacheFolder, m_storePath, m_memory);
    }
    if (m_syncWorker) {
        SyncWorker::Snapshot sync = m_syncWorker->snapshot();
        if (sync.dataVersion != m_syncDataSeen) {
            m_syncDataSeen = sync.dataVersion;
            state.revision.apply(m_syncWorker->takeChanges());
        }
        state.syncLine = SyncWorker::statusText(sync, systemTimeZone());
        state.syncLineError = !sync.error.empty();
        if (state.syncNowRequested) {
            state.syncNowRequested = false;
            if (sync.configured || state.syncJustLinked) m_syncWorker->requestNow();
            else state.openSyncDialog = true;  // nothing linked yet: the Sync dialog sets it up
            state.syncJustLinked = false;
        }
    }
    m_live->update(m_store.get(), state, glfwGetWindowAttrib(m_window.handle, GLFW_FOCUSED) != 0, systemTimeZone());
    ImGui::NewFrame();
    m_shell.draw(m_store.get(), state, m_storeError);
    if (m_framesShown == 0) lap("first frame's models and widgets");
    ImGui::Render();

    int fbw = 0, fbh = 0;
    glfwGetFramebufferSize(m_window.handle, &fbw, &fbh);
    glViewport(0, 0, fbw, fbh);
    ImVec4 clear = ImGui::ColorConvertU32ToFloat4(palette(state.theme).windowBg);
    glClearColor(clear.x, clear.y, clear.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (m_framesShown == 0) lap("drawing");

    // A picture shows what a user sees once the scan after the first frame
    // is in: its codepoints rebuilt into the atlas, two frames drawn with it.
    if (screenshot && m_frame + 1 >= m_visitFrames + 6 && m_glyphWaits < 3 &&
        (m_scanLater.valid() || m_glyphs.rebuildDue())) {
        ++m_glyphWaits;
        if (m_scanLater.valid()) m_scanLater.wait();
        m_frame = m_visitFrames + 3;
    }
    // ... and once a big agenda's rest is read (5 s at most).
    if (screenshot && m_frame + 1 >= m_visitFrames + 6 && m_shell.readingInBackground() && m_restWaits < 500) {
        ++m_restWaits;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        m_frame = m_visitFrames + 3;
    }
    if (screenshot && ++m_frame >= m_visitFrames + 6) {
        if (m_store && m_store->integrity(true) == Store::Integrity::Damaged) {
            reportUnopened(m_store->integrityProblem());
            m_exitCode = 1;
            return false;
        }
        std::string error;
        if (!writeBackBufferPng(*m_request.screenshotPath, fbw, fbh, error)) {
            std::cerr << "hallway: screenshot failed: " << error << "\n";
            m_exitCode = 1;
        }
        return false;
    }
    glfwSwapBuffers(m_window.handle);
    if (m_timing && m_framesShown == 0) {
        lap("swap");
        std::cerr << "hallway: first frame after "
                  << std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - m_started).count()
                  << " ms (" << m_stages << "; fonts: " << m_fonts.description << ", atlas " << io.Fonts->TexWidth
                  << "x" << io.Fonts->TexHeight << ", " << m_window.description << ", "
                  << ImGui::GetDrawData()->TotalVtxCount << " vertices in " << drawCommands(ImGui::GetDrawData())
                  << " draw calls); peak resident "
                  << residentMegabytes("VmHWM") << " MB; the main heap grew by " << (startup_heap::mainHeapGrowth() >> 20)
                  << " MB, " << m_heapNote << "\n";
    }
    if (m_framesShown == 0) {
        startup_hold::open();
        startup_heap::finish();
    }
    ++m_framesShown;

    std::string settingsError;
    if (!m_settingsKept.save(settingsOf(m_settingsKept.written(), state), settingsError))
        state.error("Could not save settings: " + settingsError);
    return true;
}

void AppWindow::shutdown() {
    if (!m_settingsPath.empty()) {
        Settings last = settingsOf(m_settingsKept.written(), m_state);
        glfwGetWindowSize(m_window.handle, &last.windowWidth, &last.windowHeight);
        std::string error;
        if (!m_settingsKept.save(last, error)) std::cerr << "hallway: could not save settings: " << error << "\n";
    }
    if (m_scanLater.valid()) m_scanLater.wait();
    if (m_fontTexture) glDeleteTextures(1, &m_fontTexture);
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    g_input = nullptr;
    g_glyphs = nullptr;
    ImGui::DestroyContext();
    glfwDestroyWindow(m_window.handle);
    glfwTerminate();
}

}  // namespace

// [SECTION] runApp

int runApp(const AppOptions& request) {
    const startup_heap::Prepared heap = startup_heap::prepare();
    AppWindow app(request);
    app.setHeapNote(heap);
    if (int code = app.init()) return code;
    while (app.frame()) {
    }
    app.shutdown();
    return app.exitCode();
}

}  // namespace hallway::ui
