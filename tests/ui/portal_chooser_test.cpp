// The desktop's file chooser through the XDG desktop portal, as a user meets
// it from the import and export dialogs: the pick reaches the field, a
// cancel leaves it, no portal or a failing one opens Hallway's own chooser,
// a pick that is no local file says so. Each test runs a private
// dbus-daemon on a unix socket in a temporary folder and serves a fake
// portal on it with GDBus; every wait is bounded.
#include <catch2/catch.hpp>
#include <gio/gio.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <future>
#include <mutex>
#include <optional>
#include <thread>

#include "process_support.h"
#include "store/store.h"
#include "test_support.h"
#include "ui/headless_ui.h"
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

// A session bus of the test's own: no service files (nothing is started on
// demand), listening only on a socket in a temporary folder.
class PrivateBus {
public:
    PrivateBus() {
        const std::string config = m_dir.file("bus.conf");
        hallway::testing::writeFile(
            config, "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
                    " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
                    "<busconfig><type>session</type><listen>unix:path=" +
                        m_dir.file("bus") +
                        "</listen><auth>EXTERNAL</auth><policy context=\"default\">"
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
        std::string method, title, folder, name, token;
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
}

TEST_CASE("desktop chooser: the picked file reaches the import field", "[ui][chooser][portal]") {
    Downloads d;
    PrivateBus bus;
    const std::string picked = d.root + "/My Agendas/schedule.xml";
    FakePortal portal(bus.address(), Reply::Pick, "file://" + d.root + "/My%20Agendas/schedule.xml");
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
