#include "ui/portal_chooser.h"

#include <gio/gio.h>
#include <sys/stat.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <utility>

namespace hallway::ui {
namespace {

constexpr const char* kPortalName = "org.freedesktop.portal.Desktop";
constexpr const char* kPortalPath = "/org/freedesktop/portal/desktop";
constexpr int kCallTimeoutMs = 25000;  // a portal started by the call may take a while to come up
constexpr int kQuickTimeoutMs = 3000;

std::mutex g_wakeMutex;
std::function<void()> g_wake;
std::string g_parentWindow;

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string errorText(GError* error, const char* fallback) {
    std::string text = error ? error->message : fallback;
    if (error) g_error_free(error);
    return text;
}

// a(sa(us)): per filter its label and glob patterns (type 0). Globs match
// case-sensitively in some desktops' choosers: both cases are given.
GVariant* filterVariant(const FileFilter& filter) {
    GVariantBuilder patterns;
    g_variant_builder_init(&patterns, G_VARIANT_TYPE("a(us)"));
    if (filter.endings.empty()) g_variant_builder_add(&patterns, "(us)", 0u, "*");
    for (const std::string& ending : filter.endings) {
        std::string lower = "*" + ending, upper = lower;
        for (char& c : upper)
            if (c >= 'a' && c <= 'z') c = char(c - 'a' + 'A');
        g_variant_builder_add(&patterns, "(us)", 0u, lower.c_str());
        if (upper != lower) g_variant_builder_add(&patterns, "(us)", 0u, upper.c_str());
    }
    return g_variant_new("(s@a(us))", filter.label.c_str(), g_variant_builder_end(&patterns));
}

GVariant* optionsVariant(const PortalQuestion& q, const std::string& token) {
    GVariantBuilder options;
    g_variant_builder_init(&options, G_VARIANT_TYPE("a{sv}"));
    g_variant_builder_add(&options, "{sv}", "handle_token", g_variant_new_string(token.c_str()));
    g_variant_builder_add(&options, "{sv}", "modal", g_variant_new_boolean(TRUE));
    if (!q.filters.empty()) {
        GVariantBuilder filters;
        g_variant_builder_init(&filters, G_VARIANT_TYPE("a(sa(us))"));
        for (const FileFilter& f : q.filters) g_variant_builder_add_value(&filters, filterVariant(f));
        g_variant_builder_add(&options, "{sv}", "filters", g_variant_builder_end(&filters));
        g_variant_builder_add(&options, "{sv}", "current_filter", filterVariant(q.filters.front()));
    }
    if (!q.folder.empty())  // a NUL-terminated byte string: paths need not be UTF-8
        g_variant_builder_add(&options, "{sv}", "current_folder", g_variant_new_bytestring(q.folder.c_str()));
    if (q.save && !q.fileName.empty())
        g_variant_builder_add(&options, "{sv}", "current_name", g_variant_new_string(q.fileName.c_str()));
    return g_variant_builder_end(&options);
}

// Whether a portal answers on this bus: running, or started by the bus on the first call.
bool portalOnBus(GDBusConnection* bus, GCancellable* cancel, std::string& why) {
    GError* error = nullptr;
    GVariant* owned = g_dbus_connection_call_sync(bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                                  "org.freedesktop.DBus", "NameHasOwner", g_variant_new("(s)", kPortalName),
                                                  G_VARIANT_TYPE("(b)"), G_DBUS_CALL_FLAGS_NONE, kQuickTimeoutMs, cancel,
                                                  &error);
    if (!owned) {
        why = errorText(error, "NameHasOwner failed");
        return false;
    }
    gboolean hasOwner = FALSE;
    g_variant_get(owned, "(b)", &hasOwner);
    g_variant_unref(owned);
    if (hasOwner) return true;
    GVariant* names = g_dbus_connection_call_sync(bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                                  "org.freedesktop.DBus", "ListActivatableNames", nullptr,
                                                  G_VARIANT_TYPE("(as)"), G_DBUS_CALL_FLAGS_NONE, kQuickTimeoutMs, cancel,
                                                  &error);
    if (!names) {
        why = errorText(error, "ListActivatableNames failed");
        return false;
    }
    bool activatable = false;
    GVariantIter* iter = nullptr;
    const gchar* name = nullptr;
    g_variant_get(names, "(as)", &iter);
    while (g_variant_iter_loop(iter, "&s", &name))
        if (std::string(name) == kPortalName) activatable = true;
    g_variant_iter_free(iter);
    g_variant_unref(names);
    if (!activatable) why = "no desktop portal on the session bus";
    return activatable;
}

// The Request's Response signal, caught on the worker's context.
struct Response {
    bool in = false;
    guint32 code = 2;
    GVariant* results = nullptr;
};

void onResponse(GDBusConnection*, const gchar*, const gchar*, const gchar*, const gchar*, GVariant* parameters,
                gpointer data) {
    auto* response = static_cast<Response*>(data);
    if (response->in || !g_variant_is_of_type(parameters, G_VARIANT_TYPE("(ua{sv})"))) return;
    response->in = true;
    g_variant_get(parameters, "(u@a{sv})", &response->code, &response->results);
}

guint subscribeResponse(GDBusConnection* bus, const std::string& path, Response& response) {
    return g_dbus_connection_signal_subscribe(bus, kPortalName, "org.freedesktop.portal.Request", "Response",
                                              path.c_str(), nullptr, G_DBUS_SIGNAL_FLAGS_NONE, onResponse, &response,
                                              nullptr);
}

PortalAnswer answerOf(const Response& response) {
    if (response.code == 1) return {PortalAnswer::Kind::Cancelled, {}, {}};
    if (response.code != 0)
        return {PortalAnswer::Kind::Unavailable, {}, "the portal answered " + std::to_string(response.code)};
    std::string uri;
    if (response.results) {
        GVariant* uris = g_variant_lookup_value(response.results, "uris", G_VARIANT_TYPE("as"));
        if (uris) {
            if (g_variant_n_children(uris) > 0) {
                const gchar* first = nullptr;
                g_variant_get_child(uris, 0, "&s", &first);
                uri = first;
            }
            g_variant_unref(uris);
        }
    }
    if (uri.empty()) return {PortalAnswer::Kind::Cancelled, {}, "no file in the answer"};
    if (auto path = localPathOfUri(uri)) return {PortalAnswer::Kind::Chosen, *path, uri};
    return {PortalAnswer::Kind::NotLocal, {}, uri};
}

gboolean onCancelled(GCancellable*, gpointer) { return G_SOURCE_REMOVE; }  // only wakes the wait

// Closes the desktop's window of a withdrawn question (best effort, bounded).
void closeRequest(GDBusConnection* bus, const std::string& handle) {
    GVariant* closed = g_dbus_connection_call_sync(bus, kPortalName, handle.c_str(), "org.freedesktop.portal.Request",
                                                   "Close", nullptr, nullptr, G_DBUS_CALL_FLAGS_NONE, kQuickTimeoutMs,
                                                   nullptr, nullptr);
    if (closed) g_variant_unref(closed);
}

// One question, start to end, on the calling thread (its default context is `context`).
PortalAnswer ask(const PortalQuestion& question, GMainContext* context, GCancellable* cancel) {
    const std::string address = sessionBusAddress();
    if (address.empty()) return {PortalAnswer::Kind::Unavailable, {}, "no session bus"};
    GError* error = nullptr;
    GDBusConnection* bus = g_dbus_connection_new_for_address_sync(
        address.c_str(),
        GDBusConnectionFlags(G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                             G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION),
        nullptr, cancel, &error);
    if (!bus) return {PortalAnswer::Kind::Unavailable, {}, errorText(error, "cannot connect to the session bus")};

    PortalAnswer answer;
    std::string why;
    if (!portalOnBus(bus, cancel, why)) {
        answer = {PortalAnswer::Kind::Unavailable, {}, why};
    } else {
        static std::atomic<unsigned> counter{0};
        const std::string token = "hallway" + std::to_string(counter.fetch_add(1) + 1);
        Response response;
        // Subscribed before the call, so an answer right after it is not missed.
        std::string handle = portalRequestPath(g_dbus_connection_get_unique_name(bus), token);
        guint subscription = subscribeResponse(bus, handle, response);
        GVariant* reply = g_dbus_connection_call_sync(
            bus, kPortalName, kPortalPath, "org.freedesktop.portal.FileChooser", question.save ? "SaveFile" : "OpenFile",
            g_variant_new("(ss@a{sv})", question.parentWindow.c_str(), question.title.c_str(),
                          optionsVariant(question, token)),
            G_VARIANT_TYPE("(o)"), G_DBUS_CALL_FLAGS_NONE, kCallTimeoutMs, cancel, &error);
        if (!reply && g_cancellable_is_cancelled(cancel)) {
            g_clear_error(&error);
            closeRequest(bus, handle);  // the call went out: its window may be up
            answer = {PortalAnswer::Kind::Cancelled, {}, "withdrawn"};
        } else if (!reply) {
            answer = {PortalAnswer::Kind::Unavailable, {}, errorText(error, "the portal's call failed")};
        } else {
            const gchar* returned = nullptr;
            g_variant_get(reply, "(&o)", &returned);
            if (handle != returned) {  // a portal older than handle tokens names its own Request
                handle = returned;
                g_dbus_connection_signal_unsubscribe(bus, subscription);
                subscription = subscribeResponse(bus, handle, response);
            }
            g_variant_unref(reply);
            GSource* wakeOnCancel = g_cancellable_source_new(cancel);
            g_source_set_callback(wakeOnCancel, G_SOURCE_FUNC(onCancelled), nullptr, nullptr);
            g_source_attach(wakeOnCancel, context);
            while (!response.in && !g_cancellable_is_cancelled(cancel)) g_main_context_iteration(context, TRUE);
            g_source_destroy(wakeOnCancel);
            g_source_unref(wakeOnCancel);
            if (response.in) {
                answer = answerOf(response);
            } else {
                closeRequest(bus, handle);  // withdrawn: the desktop's window goes away too
                answer = {PortalAnswer::Kind::Cancelled, {}, "withdrawn"};
            }
        }
        g_dbus_connection_signal_unsubscribe(bus, subscription);
        if (response.results) g_variant_unref(response.results);
    }
    g_dbus_connection_close_sync(bus, nullptr, nullptr);
    g_object_unref(bus);
    return answer;
}

}  // namespace

struct PortalRequest::Shared {
    std::mutex mutex;
    std::optional<PortalAnswer> answer;
    GCancellable* cancel = g_cancellable_new();
    ~Shared() { g_object_unref(cancel); }
};

PortalRequest::PortalRequest(PortalQuestion question, std::function<void()> wake)
    : m_shared(std::make_shared<Shared>()) {
    m_thread = std::thread([this, shared = m_shared, question = std::move(question), wake = std::move(wake)] {
        GMainContext* context = g_main_context_new();
        g_main_context_push_thread_default(context);
        PortalAnswer answer = ask(question, context, shared->cancel);
        g_main_context_pop_thread_default(context);
        // Idle sources the closed connection left behind are freed with the context.
        while (g_main_context_iteration(context, FALSE)) {
        }
        g_main_context_unref(context);
        {
            std::lock_guard<std::mutex> lock(shared->mutex);
            shared->answer = std::move(answer);
        }
        m_finished = true;
        if (wake) wake();
    });
}

PortalRequest::~PortalRequest() {
    withdraw();
    if (m_thread.joinable()) m_thread.join();
}

std::optional<PortalAnswer> PortalRequest::answer() const {
    std::lock_guard<std::mutex> lock(m_shared->mutex);
    return m_shared->answer;
}

void PortalRequest::withdraw() { g_cancellable_cancel(m_shared->cancel); }

void setPortalWake(std::function<void()> wake) {
    std::lock_guard<std::mutex> lock(g_wakeMutex);
    g_wake = std::move(wake);
}

std::function<void()> portalWake() {
    std::lock_guard<std::mutex> lock(g_wakeMutex);
    return g_wake;
}

void setPortalParentWindow(std::string handle) {
    std::lock_guard<std::mutex> lock(g_wakeMutex);
    g_parentWindow = std::move(handle);
}

std::string portalParentWindow() {
    std::lock_guard<std::mutex> lock(g_wakeMutex);
    return g_parentWindow;
}

std::string x11ParentWindow(unsigned long xid) {
    char handle[32];
    std::snprintf(handle, sizeof handle, "x11:%lx", xid);
    return handle;
}

std::optional<std::string> localPathOfUri(const std::string& uri) {
    const std::string scheme = "file://";
    if (uri.size() < scheme.size()) return std::nullopt;
    for (size_t i = 0; i < scheme.size(); ++i)
        if (char(std::tolower(static_cast<unsigned char>(uri[i]))) != scheme[i]) return std::nullopt;
    std::string rest = uri.substr(scheme.size());
    // file:///path or file://localhost/path; another host is not this computer.
    const size_t slash = rest.find('/');
    if (slash == std::string::npos) return std::nullopt;
    const std::string host = rest.substr(0, slash);
    if (!host.empty() && host != "localhost") return std::nullopt;
    rest.erase(0, slash);
    std::string path;
    path.reserve(rest.size());
    for (size_t i = 0; i < rest.size(); ++i) {
        if (rest[i] == '?' || rest[i] == '#') return std::nullopt;  // not part of a file's URI
        if (rest[i] != '%') {
            path += rest[i];
            continue;
        }
        if (i + 2 >= rest.size()) return std::nullopt;
        const int high = hexValue(rest[i + 1]), low = hexValue(rest[i + 2]);
        if (high < 0 || low < 0) return std::nullopt;
        const char c = char(high * 16 + low);
        if (c == '\0') return std::nullopt;
        path += c;
        i += 2;
    }
    return path;
}

std::string sessionBusAddress() {
    if (const char* address = std::getenv("DBUS_SESSION_BUS_ADDRESS"); address && *address) return address;
    // Where systemd's user session puts the bus; never autolaunch one.
    if (const char* runtime = std::getenv("XDG_RUNTIME_DIR"); runtime && *runtime) {
        const std::string socket = std::string(runtime) + "/bus";
        struct stat st {};
        if (::stat(socket.c_str(), &st) == 0 && S_ISSOCK(st.st_mode)) {
            gchar* escaped = g_dbus_address_escape_value(socket.c_str());
            std::string address = std::string("unix:path=") + escaped;
            g_free(escaped);
            return address;
        }
    }
    return {};
}

std::string portalRequestPath(const std::string& uniqueName, const std::string& token) {
    // ":1.42" -> "1_42": the leading ':' dropped, each '.' made '_'.
    std::string sender = uniqueName.empty() || uniqueName[0] != ':' ? uniqueName : uniqueName.substr(1);
    for (char& c : sender)
        if (c == '.') c = '_';
    return std::string(kPortalPath) + "/request/" + sender + "/" + token;
}

}  // namespace hallway::ui
