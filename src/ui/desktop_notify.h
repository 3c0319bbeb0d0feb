// Desktop notifications through the freedesktop notification service
// (org.freedesktop.Notifications on the session bus), for reminders.
#pragma once
#include <string>

namespace hallway::ui {

// Sends one notification on a background thread (the bus may be slow or
// absent; a frame never waits). Returns an error text when there is no
// session bus, '' when the notification was handed over.
std::string sendDesktopNotification(const std::string& summary, const std::string& body);

}  // namespace hallway::ui
