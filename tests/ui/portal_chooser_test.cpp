// The desktop's file chooser through the XDG desktop portal, as a user meets
// it from the import and export dialogs: the pick reaches the field, a
// cancel leaves it, no portal or a failing one opens Hallway's own chooser,
// a pick that is no local file says so. Each test runs a private
// dbus-daemon on a unix socket in a temporary folder and serves a fake
// portal on it with GDBus; every wait is bounded.
#include <GLFW/glfw3.h>
#include <catch2/catch.hpp>
#include <gio/gio.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <future>
#include <mutex>
#include <optional>
#include <thread>

#include "process_support.h"
#include "store/store.h"
#include "test_skip.h"
#include "test_support.h"
#include "ui/headless_ui.h"
#include "ui/native_window.h"
#include "ui/portal_chooser.h"
#include "ui/settings.h"
#include "ui/shell.h"

using namespace hallway;
using hallway::testing::HeadlessUi;
using hallway::testing::TempDir;

namespace {

// An environment variable set for the test's length, then put back.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const char* value) : m_name(name) {
        if (const char* old = std::getenv(name)) m_old = old;
        if (value)
            ::setenv(name, value, 1);
        else
            ::unsetenv(name);
    }
    ~ScopedEnv() {
        if (m_old)
            ::setenv(m_name, m_old->c_str(), 1);
        else
            ::unsetenv(m_name);
    }

private:
    const char* m_name;
    std::optional<std::string> m_old;
};

// A session bus of the test's own, listening only on a socket in a
// temporary folder: no service files (nothing is started on demand), or
// `services`, a folder of them (the real portal is started from Debian's).
class PrivateBus {
public:
    explicit PrivateBus(const std::string& services = {}) {
        const std::string config = m_dir.file("bus.conf");
        hallway::testing::writeFile(
            config, "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
                    " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
                    "<busconfig><type>session</type><listen>unix:path=" +
                        m_dir.file("bus") +
                        "</listen>" + (services.empty() ? std::string() : "<servicedir>" + services + "</servicedir>") +
                        "<auth>EXTERNAL</auth><policy context=\"default\">"
                        "<allow send_destination=\"*\" eavesdrop=\"true\"/><allow eavesdrop=\"true\"/>"
                        "<allow own=\"*\"/></policy></busconfig>\n");
        const char* daemon = "/usr/bin/dbus-daemon";
        REQUIRE(std::filesystem::exists(daemon));  // scripts/setup.sh installs dbus-daemon
        // Its stderr goes to a file: as root it warns that it cannot raise its fd limit.
        const int log = ::open(m_dir.file("bus.log").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        const int savedStderr = ::dup(2);
        ::dup2(log, 2);
        m_child = hallway::testing::spawnWithPipe(
            daemon, {"--config-file=" + config, "--nofork", "--nopidfile", "--print-address=1"});
        ::dup2(savedStderr, 2);
        ::close(savedStderr);
        ::close(log);
        char line[512] = {};
        // The daemon prints its address once listening; EOF if it failed.
        if (!std::fgets(line, sizeof line, m_child.out)) FAIL("dbus-daemon did not start");
        m_address = line;
        while (!m_address.empty() && (m_address.back() == '\n' || m_address.back() == '\r')) m_address.pop_back();
        m_env.emplace("DBUS_SESSION_BUS_ADDRESS", m_address.c_str());
    }
    ~PrivateBus() {
        m_env.reset();
        ::kill(m_child.pid, SIGTERM);
        ::waitpid(m_child.pid, nullptr, 0);
        std::fclose(m_child.out);
    }
    const std::string& address() const { return m_address; }

private:
    TempDir m_dir;
    hallway::testing::ChildProcess m_child;
    std::string m_address;
    std::optional<ScopedEnv> m_env;
};

constexpr const char* kIntrospection =
    "<node>"
    " <interface name='org.freedesktop.portal.FileChooser'>"
    "  <method name='OpenFile'><arg type='s' direction='in'/><arg type='s' direction='in'/>"
    "   <arg type='a{sv}' direction='in'/><arg type='o' direction='out'/></method>"
    "  <method name='SaveFile'><arg type='s' direction='in'/><arg type='s' direction='in'/>"
    "   <arg type='a{sv}' direction='in'/><arg type='o' direction='out'/></method>"
    " </interface>"
    " <interface name='org.freedesktop.portal.Request'><method name='Close'/></interface>"
    "</node>";

// What the fake portal does with the next question.
enum class Reply { Pick, Cancel, Fail, Hold };

// A portal served by the test on the private bus, on a thread with its own
// GMainContext. It answers OpenFile/SaveFile as told and keeps what it was asked.
class FakePortal {
public:
    struct Asked {
        std::string method, parent, title, folder, name, token;
        std::vector<std::string> filterLabels;
        bool modal = false;
        int closes = 0;  // Request.Close calls on the question's Request
    };

    FakePortal(const std::string& address, Reply reply, std::string uri = {})
        : m_reply(reply), m_uri(std::move(uri)) {
        std::promise<void> ready;
        auto started = ready.get_future();
        m_thread = std::thread([this, address, &ready] { run(address, ready); });
        REQUIRE(started.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
        started.get();
    }
    ~FakePortal() {
        g_main_loop_quit(m_loop);
        m_thread.join();
    }
    Asked asked() {
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_asked;
    }
    int questions() {
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_questions;
    }

private:
    void run(const std::string& address, std::promise<void>& ready) {
        GMainContext* context = g_main_context_new();
        g_main_context_push_thread_default(context);
        m_loop = g_main_loop_new(context, FALSE);
        GError* error = nullptr;
        m_bus = g_dbus_connection_new_for_address_sync(
            address.c_str(),
            GDBusConnectionFlags(G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                 G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION),
            nullptr, nullptr, &error);
        GDBusNodeInfo* node = g_dbus_node_info_new_for_xml(kIntrospection, nullptr);
        m_node = node;
        static const GDBusInterfaceVTable vtable{&FakePortal::onCall, nullptr, nullptr, {}};
        if (m_bus)
            g_dbus_connection_register_object(m_bus, "/org/freedesktop/portal/desktop", node->interfaces[0], &vtable,
                                              this, nullptr, nullptr);
        GVariant* owned =
            m_bus ? g_dbus_connection_call_sync(m_bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                                "org.freedesktop.DBus", "RequestName",
                                                g_variant_new("(su)", "org.freedesktop.portal.Desktop", 4u),
                                                G_VARIANT_TYPE("(u)"), G_DBUS_CALL_FLAGS_NONE, 5000, nullptr, &error)
                  : nullptr;
        if (owned) g_variant_unref(owned);
        ready.set_value();
        if (owned) g_main_loop_run(m_loop);
        if (error) g_error_free(error);
        if (m_bus) {
            g_dbus_connection_close_sync(m_bus, nullptr, nullptr);
            g_object_unref(m_bus);
        }
        g_dbus_node_info_unref(node);
        g_main_context_pop_thread_default(context);
        g_main_loop_unref(m_loop);
        g_main_context_unref(context);
    }

    static void onCall(GDBusConnection* bus, const gchar* sender, const gchar* path, const gchar* interface,
                       const gchar* method, GVariant* parameters, GDBusMethodInvocation* invocation, gpointer data) {
        auto* self = static_cast<FakePortal*>(data);
        if (std::string(interface) == "org.freedesktop.portal.Request") {
            {
                std::lock_guard<std::mutex> lock(self->m_mutex);
                if (path == self->m_requestPath) ++self->m_asked.closes;
            }
            g_dbus_method_invocation_return_value(invocation, nullptr);
            return;
        }
        self->answer(bus, sender, method, parameters, invocation);
    }

    void answer(GDBusConnection* bus, const std::string& sender, const std::string& method, GVariant* parameters,
                GDBusMethodInvocation* invocation) {
        const gchar* parent = nullptr;
        const gchar* title = nullptr;
        GVariant* options = nullptr;
        g_variant_get(parameters, "(&s&s@a{sv})", &parent, &title, &options);
        Asked asked;
        asked.method = method;
        asked.parent = parent;
        asked.title = title;
        if (GVariant* v = g_variant_lookup_value(options, "handle_token", G_VARIANT_TYPE_STRING)) {
            asked.token = g_variant_get_string(v, nullptr);
            g_variant_unref(v);
        }
        if (GVariant* v = g_variant_lookup_value(options, "current_folder", G_VARIANT_TYPE_BYTESTRING)) {
            asked.folder = g_variant_get_bytestring(v);
            g_variant_unref(v);
        }
        if (GVariant* v = g_variant_lookup_value(options, "current_name", G_VARIANT_TYPE_STRING)) {
            asked.name = g_variant_get_string(v, nullptr);
            g_variant_unref(v);
        }
        if (GVariant* v = g_variant_lookup_value(options, "modal", G_VARIANT_TYPE_BOOLEAN)) {
            asked.modal = g_variant_get_boolean(v);
            g_variant_unref(v);
        }
        if (GVariant* v = g_variant_lookup_value(options, "filters", G_VARIANT_TYPE("a(sa(us))"))) {
            for (gsize i = 0; i < g_variant_n_children(v); ++i) {
                const gchar* label = nullptr;
                g_variant_get_child(v, i, "(&s@a(us))", &label, nullptr);
                asked.filterLabels.push_back(label);
            }
            g_variant_unref(v);
        }
        g_variant_unref(options);

        if (m_reply == Reply::Fail) {
            {
                std::lock_guard<std::mutex> lock(m_mutex);
                m_asked = asked;
                ++m_questions;
            }
            g_dbus_method_invocation_return_dbus_error(invocation, "org.freedesktop.portal.Error.Failed",
                                                       "no chooser backend");
            return;
        }
        // The Request path the spec gives: sender without ':' and '.' as '_', then the token.
        std::string senderPart = sender.substr(1);
        for (char& c : senderPart)
            if (c == '.') c = '_';
        const std::string request = "/org/freedesktop/portal/desktop/request/" + senderPart + "/" + asked.token;
        static const GDBusInterfaceVTable vtable{&FakePortal::onCall, nullptr, nullptr, {}};
        g_dbus_connection_register_object(bus, request.c_str(), m_node->interfaces[1], &vtable, this, nullptr, nullptr);
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_asked = asked;
            m_requestPath = request;
            ++m_questions;
        }
        g_dbus_method_invocation_return_value(invocation, g_variant_new("(o)", request.c_str()));
        if (m_reply == Reply::Hold) return;  // the user is still choosing

        GVariantBuilder results;
        g_variant_builder_init(&results, G_VARIANT_TYPE("a{sv}"));
        if (m_reply == Reply::Pick) {
            const char* uris[] = {m_uri.c_str(), nullptr};
            g_variant_builder_add(&results, "{sv}", "uris", g_variant_new_strv(uris, -1));
        }
        g_dbus_connection_emit_signal(bus, sender.c_str(), request.c_str(), "org.freedesktop.portal.Request",
                                      "Response",
                                      g_variant_new("(ua{sv})", m_reply == Reply::Pick ? 0u : 1u, &results), nullptr);
    }

    Reply m_reply;
    std::string m_uri;
    std::thread m_thread;
    GMainLoop* m_loop = nullptr;
    GDBusConnection* m_bus = nullptr;
    GDBusNodeInfo* m_node = nullptr;
    std::mutex m_mutex;
    Asked m_asked;
    std::string m_requestPath;
    int m_questions = 0;
};

// The import dialog with the desktop's chooser switched on.
struct PortalUi {
    TempDir dbDir;
    Store store{dbDir.file("hallway.db")};
    HeadlessUi imgui{1280.0f, 800.0f};
    ui::Shell shell;
    ui::AppState state;
    PortalUi() {
        state.desktopFileChooser = true;
        shell.setHeadingFont(imgui.fonts.heading);
        imgui.setDraw([this] { shell.draw(&store, state); });
        imgui.frames(2);
    }
    ui::FileChooser& chooser() { return shell.importChooser(); }
    void browseFrom(const std::string& typed) {
        state.openImportDialog = true;
        state.importPath = typed;
        imgui.frames(3);
        auto browse = shell.importBrowseRect();
        REQUIRE(browse);
        imgui.click(*browse);
        REQUIRE(chooser().isOpen());
    }
    // Frames until `done` holds, at most 10 s.
    bool framesUntil(const std::function<bool()>& done) {
        const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (!done()) {
            if (std::chrono::steady_clock::now() > until) return false;
            imgui.frame();
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        imgui.frames(2);
        return true;
    }
};

// A Downloads folder with a space in a sub-folder's name, as real ones have.
struct Downloads {
    TempDir dir;
    std::string root = ui::normalPath(dir.path().string());
    Downloads() {
        std::filesystem::create_directories(dir.file("My Agendas"));
        hallway::testing::writeFile(dir.file("My Agendas/schedule.xml"), "<schedule/>");
        hallway::testing::writeFile(dir.file("beta.vcf"), "x");
    }
};

}  // namespace

TEST_CASE("portal: file URIs become paths, other places are refused", "[ui][chooser][portal]") {
    CHECK(ui::localPathOfUri("file:///home/ana/My%20Agendas/schedule.xml") == "/home/ana/My Agendas/schedule.xml");
    CHECK(ui::localPathOfUri("file://localhost/tmp/a.ics") == "/tmp/a.ics");
    CHECK(ui::localPathOfUri("FILE:///tmp/caf%C3%A9.ics") == "/tmp/caf\xC3\xA9.ics");
    CHECK(ui::localPathOfUri("file:///tmp/100%25.csv") == "/tmp/100%.csv");
    CHECK_FALSE(ui::localPathOfUri("smb://nas/share/a.ics"));
    CHECK_FALSE(ui::localPathOfUri("https://example.org/a.ics"));
    CHECK_FALSE(ui::localPathOfUri("file://nas/share/a.ics"));
    CHECK_FALSE(ui::localPathOfUri("file:///tmp/a%2"));
    CHECK_FALSE(ui::localPathOfUri("file:///tmp/a%zz"));
    CHECK_FALSE(ui::localPathOfUri("file:///tmp/a%00b"));
    CHECK(ui::portalRequestPath(":1.42", "hallway3") == "/org/freedesktop/portal/desktop/request/1_42/hallway3");
    CHECK(ui::x11ParentWindow(0x1a00007) == "x11:1a00007");
}

TEST_CASE("desktop chooser: the picked file reaches the import field", "[ui][chooser][portal]") {
    Downloads d;
    PrivateBus bus;
    const std::string picked = d.root + "/My Agendas/schedule.xml";
    FakePortal portal(bus.address(), Reply::Pick, "file://" + d.root + "/My%20Agendas/schedule.xml");
    // The app gave its window's handle: the question carries it.
    ui::setPortalParentWindow(ui::x11ParentWindow(0x4a00009));
    struct Unset {
        ~Unset() { ui::setPortalParentWindow({}); }
    } unset;
    PortalUi ui;
    ui.browseFrom(d.root + "/beta.vcf");
    // Meanwhile the dialog says where to look, and the import waits.
    CHECK(ui.chooser().waitingForDesktop());
    REQUIRE(ui.framesUntil([&] { return !ui.chooser().isOpen(); }));
    CHECK(ui.shell.importPathField() == picked);
    CHECK(ui.shell.importDialogOpen());
    CHECK(ui.state.recentPlaces.files.front() == picked);

    // It was asked as the spec says: a title, modal, the formats Hallway reads, the typed file's folder.
    const FakePortal::Asked asked = portal.asked();
    CHECK(asked.method == "OpenFile");
    CHECK(asked.parent == "x11:4a00009");
    CHECK(asked.title == "Choose an agenda or contacts file");
    CHECK(asked.modal);
    CHECK(asked.folder == d.root);
    CHECK(asked.token.rfind("hallway", 0) == 0);
    REQUIRE(asked.filterLabels.size() == ui::importFilters().size());
    CHECK(asked.filterLabels.front() == ui::importFilters().front().label);
}

TEST_CASE("desktop chooser: a cancel leaves the field as it was", "[ui][chooser][portal]") {
    Downloads d;
    PrivateBus bus;
    FakePortal portal(bus.address(), Reply::Cancel);
    PortalUi ui;
    const std::string typed = d.root + "/beta.vcf";
    ui.browseFrom(typed);
    REQUIRE(ui.framesUntil([&] { return !ui.chooser().isOpen(); }));
    CHECK(portal.questions() == 1);
    CHECK(ui.shell.importPathField() == typed);
    CHECK(ui.shell.importDialogOpen());
    CHECK(ui.state.recentPlaces.files.empty());
}

TEST_CASE("desktop chooser: no portal, no bus or a failing portal opens Hallway's own", "[ui][chooser][portal]") {
    Downloads d;
    auto builtInOpensAt = [&](PortalUi& ui) {
        REQUIRE(ui.framesUntil([&] { return !ui.chooser().waitingForDesktop(); }));
        CHECK(ui.chooser().isOpen());
        CHECK(ui.chooser().folder() == d.root);
        CHECK(ui.chooser().selectedName() == "beta.vcf");
        CHECK(ui.chooser().pathMessage().empty());  // silently: nothing to read about it
    };
    SECTION("a bus without a portal") {
        PrivateBus bus;
        PortalUi ui;
        ui.browseFrom(d.root + "/beta.vcf");
        builtInOpensAt(ui);
        // And it works as ever: Enter picks the selected file.
        ui.imgui.key(HeadlessUi::kEnter);
        ui.imgui.frames(2);
        CHECK_FALSE(ui.chooser().isOpen());
        CHECK(ui.shell.importPathField() == d.root + "/beta.vcf");
    }
    SECTION("no session bus at all") {
        ScopedEnv noBus("DBUS_SESSION_BUS_ADDRESS", nullptr);
        ScopedEnv noRuntime("XDG_RUNTIME_DIR", d.dir.file("nowhere").c_str());
        PortalUi ui;
        ui.browseFrom(d.root + "/beta.vcf");
        builtInOpensAt(ui);
    }
    SECTION("a portal that answers with an error") {
        PrivateBus bus;
        FakePortal portal(bus.address(), Reply::Fail);
        PortalUi ui;
        ui.browseFrom(d.root + "/beta.vcf");
        builtInOpensAt(ui);
        CHECK(portal.questions() == 1);
    }
}

TEST_CASE("desktop chooser: a pick that is no local file says so in Hallway's own", "[ui][chooser][portal]") {
    Downloads d;
    PrivateBus bus;
    FakePortal portal(bus.address(), Reply::Pick, "smb://nas/share/schedule.xml");
    PortalUi ui;
    const std::string typed = d.root + "/beta.vcf";
    ui.browseFrom(typed);
    REQUIRE(ui.framesUntil([&] { return !ui.chooser().waitingForDesktop(); }));
    CHECK(ui.chooser().isOpen());
    CHECK(ui.chooser().pathMessage().find("smb://nas/share/schedule.xml") != std::string::npos);
    CHECK(ui.chooser().pathMessage().find("not a file on this computer") != std::string::npos);
    CHECK(ui.shell.importPathField() == typed);
}

TEST_CASE("desktop chooser: while it is up, Hallway's own can take over and the desktop's closes",
          "[ui][chooser][portal]") {
    Downloads d;
    PrivateBus bus;
    FakePortal portal(bus.address(), Reply::Hold);
    PortalUi ui;
    ui.browseFrom(d.root + "/beta.vcf");
    REQUIRE(ui.framesUntil([&] { return portal.questions() == 1 && ui.chooser().builtInRect().has_value(); }));
    CHECK(ui.chooser().waitingForDesktop());
    // Frames go on while the desktop's window is up: typing elsewhere is not blocked.
    ui.imgui.frames(5);
    CHECK(ui.chooser().waitingForDesktop());
    ui.imgui.click(*ui.chooser().builtInRect());
    ui.imgui.frames(2);
    CHECK_FALSE(ui.chooser().waitingForDesktop());
    CHECK(ui.chooser().isOpen());
    CHECK(ui.chooser().folder() == d.root);
    REQUIRE(ui.framesUntil([&] { return portal.asked().closes == 1; }));

    // Escape there cancels, as in Hallway's own, and closes the desktop's window too.
    ui.imgui.key(HeadlessUi::kEscape);
    ui.imgui.frames(2);
    CHECK_FALSE(ui.chooser().isOpen());
}

TEST_CASE("desktop chooser: Export asks SaveFile with the folder and the name typed", "[ui][chooser][portal][people]") {
    Downloads d;
    PrivateBus bus;
    FakePortal portal(bus.address(), Reply::Pick, "file://" + d.root + "/contacts.vcf");
    PortalUi ui;
    ui.state.mode = ui::Mode::People;
    ui.imgui.frames(2);
    auto exportButton = ui.shell.people().exportRect();
    REQUIRE(exportButton);
    ui.imgui.click(*exportButton);
    ui.imgui.frames(2);
    ui.imgui.type((d.root + "/people.vcf").c_str());
    auto browse = ui.shell.people().exportBrowseRect();
    REQUIRE(browse);
    ui.imgui.click(*browse);
    REQUIRE(ui.framesUntil([&] { return !ui.shell.people().exportChooser().isOpen(); }));
    CHECK(ui.shell.people().exportPathField() == d.root + "/contacts.vcf");
    const FakePortal::Asked asked = portal.asked();
    CHECK(asked.method == "SaveFile");
    CHECK(asked.folder == d.root);
    CHECK(asked.name == "people.vcf");
}

TEST_CASE("settings: which file chooser is kept in the settings file", "[ui][chooser][settings]") {
    TempDir dir;
    const std::string file = dir.file("settings.ini");
    CHECK(ui::loadSettings(file).desktopFileChooser);  // the desktop's by default
    ui::Settings s;
    s.desktopFileChooser = false;
    std::string error;
    REQUIRE(ui::saveSettings(file, s, error));
    CHECK_FALSE(ui::loadSettings(file).desktopFileChooser);
    hallway::testing::writeFile(file, "file_chooser=desktop\n");
    CHECK(ui::loadSettings(file).desktopFileChooser);
}

namespace {

// The output of a shell command, trailing newline dropped.
std::string commandOutput(const std::string& command) {
    std::string out;
    if (FILE* pipe = ::popen(command.c_str(), "r")) {
        char buffer[256];
        while (std::fgets(buffer, sizeof buffer, pipe)) out += buffer;
        ::pclose(pipe);
    }
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
    return out;
}

// An X server of the test's own on the first free display.
class PrivateDisplay {
public:
    explicit PrivateDisplay(const std::string& logFile) {
        const int log = ::open(logFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        const int savedStderr = ::dup(2);
        ::dup2(log, 2);
        m_child = hallway::testing::spawnWithPipe(
            "/usr/bin/Xvfb", {"-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp"});
        ::dup2(savedStderr, 2);
        ::close(savedStderr);
        ::close(log);
        char line[32] = {};
        if (!std::fgets(line, sizeof line, m_child.out)) FAIL("Xvfb did not start");  // it prints its display when up
        m_name = ":" + std::string(line, std::strcspn(line, "\r\n"));
    }
    ~PrivateDisplay() {
        ::kill(m_child.pid, SIGTERM);
        ::waitpid(m_child.pid, nullptr, 0);
        std::fclose(m_child.out);
    }
    const std::string& name() const { return m_name; }

private:
    hallway::testing::ChildProcess m_child;
    std::string m_name;
};

}  // namespace

// Debian's xdg-desktop-portal with its GTK backend, started by a private bus
// as a desktop session starts them, shows its dialog on a private X display,
// over a real window whose handle Hallway sends. The user (xdotool) types the
// path and presses Enter; the file reaches Hallway's import field.
TEST_CASE("desktop chooser: the real GTK portal's pick reaches the import field", "[ui][chooser][portal][real]") {
    for (const char* program : {"/usr/libexec/xdg-desktop-portal", "/usr/libexec/xdg-desktop-portal-gtk",
                                "/usr/bin/Xvfb", "/usr/bin/xdotool", "/usr/bin/xprop"}) {
        if (!std::filesystem::exists(program)) {
            std::printf("SKIPPED: %s is not installed (scripts/setup.sh installs xdg-desktop-portal, "
                        "xdg-desktop-portal-gtk, xvfb, xdotool and x11-utils)\n",
                        program);
            ++hallway::testing::skippedTests();
            return;
        }
    }
    Downloads d;
    TempDir home;
    PrivateDisplay display(home.file("xvfb.log"));
    // What the bus hands the services it starts: this display, GNOME's
    // choice of portal backend, and folders of the test's own.
    std::filesystem::create_directories(home.file("run"));
    std::filesystem::permissions(home.file("run"), std::filesystem::perms::owner_all);
    ScopedEnv displayEnv("DISPLAY", display.name().c_str());
    ScopedEnv desktop("XDG_CURRENT_DESKTOP", "GNOME");
    ScopedEnv gdk("GDK_BACKEND", "x11");
    ScopedEnv noAccessibilityBus("NO_AT_BRIDGE", "1");
    ScopedEnv settingsInMemory("GSETTINGS_BACKEND", "memory");
    ScopedEnv runtime("XDG_RUNTIME_DIR", home.file("run").c_str());
    ScopedEnv data("XDG_DATA_HOME", home.file("data").c_str());
    ScopedEnv config("XDG_CONFIG_HOME", home.file("config").c_str());
    ScopedEnv cache("XDG_CACHE_HOME", home.file("cache").c_str());
    PrivateBus bus("/usr/share/dbus-1/services");

    // The app's window, as the app makes it, and its handle for the portal.
    REQUIRE(glfwInit());
    struct Terminate {
        ~Terminate() {
            ui::setPortalParentWindow({});
            glfwTerminate();
        }
    } terminate;
    glfwWindowHint(GLFW_CLIENT_API, GLFW_NO_API);
    GLFWwindow* window = glfwCreateWindow(800, 600, "Hallway", nullptr, nullptr);
    REQUIRE(window);
    const std::string handle = ui::portalHandleOf(window);
    REQUIRE(handle.rfind("x11:", 0) == 0);
    ui::setPortalParentWindow(handle);

    PortalUi ui;
    const std::string picked = d.root + "/My Agendas/schedule.xml";
    ui.browseFrom(d.root + "/beta.vcf");
    CHECK(ui.chooser().waitingForDesktop());

    // The portal and GTK start on the first question: give them 40 s.
    std::string dialog;
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(40);
    while (dialog.empty() && std::chrono::steady_clock::now() < until && ui.chooser().waitingForDesktop()) {
        ui.imgui.frames(5);
        glfwPollEvents();
        dialog = commandOutput("xdotool search --name '^Choose an agenda or contacts file$' 2>/dev/null | head -n 1");
        if (dialog.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    REQUIRE_FALSE(dialog.empty());
    // The desktop keeps its dialog over Hallway's window. The portal may set
    // that just after the dialog has its name (once seen under load): ask for 5 s.
    std::string transientFor;
    for (int tries = 0; tries < 25 && transientFor.find("window id #") == std::string::npos; ++tries) {
        if (tries > 0) std::this_thread::sleep_for(std::chrono::milliseconds(200));
        transientFor = commandOutput("xprop -id " + dialog + " WM_TRANSIENT_FOR");
    }
    char ours[32];
    std::snprintf(ours, sizeof ours, "0x%s", handle.substr(4).c_str());
    CHECK(transientFor.find(std::string("window id # ") + ours) != std::string::npos);

    // As a user would: the location field (Ctrl+L), the path, Enter. One
    // xdotool per step: chained after windowfocus, keys would go to the
    // window as sent events, which GTK ignores.
    const std::string keys = "xdotool windowfocus --sync " + dialog + " && xdotool key ctrl+l && sleep 0.5 && "
                             "xdotool type --delay 15 '" + picked + "' && sleep 0.5 && xdotool key Return";
    REQUIRE(std::system(keys.c_str()) == 0);
    REQUIRE(ui.framesUntil([&] { return !ui.chooser().isOpen(); }));
    CHECK(ui.shell.importPathField() == picked);
    CHECK(ui.shell.importDialogOpen());
}
