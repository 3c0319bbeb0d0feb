#include "ui/desktop_notify.h"

#include <gio/gio.h>

#include <thread>

namespace hallway::ui {

std::string sendDesktopNotification(const std::string& summary, const std::string& body) {
    GError* error = nullptr;
    GDBusConnection* bus = g_bus_get_sync(G_BUS_TYPE_SESSION, nullptr, &error);
    if (!bus) {
        std::string why = error ? error->message : "no session bus";
        if (error) g_error_free(error);
        return why;
    }
    std::thread([bus, summary, body] {
        GVariantBuilder actions, hints;
        g_variant_builder_init(&actions, G_VARIANT_TYPE("as"));
        g_variant_builder_init(&hints, G_VARIANT_TYPE("a{sv}"));
        GError* callError = nullptr;
        // Notify(app_name, replaces_id, icon, summary, body, actions, hints, expire_timeout ms)
        GVariant* reply = g_dbus_connection_call_sync(
            bus, "org.freedesktop.Notifications", "/org/freedesktop/Notifications", "org.freedesktop.Notifications",
            "Notify",
            g_variant_new("(susssasa{sv}i)", "Hallway", 0u, "", summary.c_str(), body.c_str(), &actions, &hints,
                          10000),
            nullptr, G_DBUS_CALL_FLAGS_NONE, 5000, nullptr, &callError);
        if (reply) g_variant_unref(reply);
        if (callError) g_error_free(callError);  // no notification service: the status line still said it
        g_object_unref(bus);
    }).detach();
    return "";
}

}  // namespace hallway::ui
