// The desktop's own file chooser, through the XDG desktop portal
// (org.freedesktop.portal.FileChooser on the session D-Bus): GNOME's, KDE's
// or whichever the desktop provides, with its bookmarks and network places.
//
// A question runs on a worker thread with its own GMainContext and its own
// bus connection, so a frame never waits for the bus or for the user:
//
//   worker:  connect -> portal on the bus? -> subscribe to the Request's
//            Response -> OpenFile/SaveFile -> wait (the user picks) -> answer
//   frame:   answer() each frame; withdraw() closes the desktop's window
//
// No session bus, no portal on it, or an error: the answer is Unavailable,
// and the caller opens Hallway's own chooser instead.
#pragma once
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "ui/folder_listing.h"

namespace hallway::ui {

struct PortalQuestion {
    std::string title;
    bool save = false;               // SaveFile (a folder and a name) rather than OpenFile
    std::vector<FileFilter> filters; // offered in this order, the first chosen
    std::string folder;              // where the desktop's chooser opens; '' lets it decide
    std::string fileName;            // Save: the name suggested
    std::string parentWindow;        // "x11:XID" of the window it is for, so the desktop keeps it on top; '' for none
};

struct PortalAnswer {
    enum class Kind {
        Chosen,       // `path` is the local file picked
        Cancelled,    // the user closed the desktop's window, or the question was withdrawn
        Unavailable,  // no bus, no portal, or it failed: `detail` says why (for logs and tests)
        NotLocal,     // the pick is not a file on this computer: `detail` is its URI
    };
    Kind kind = Kind::Unavailable;
    std::string path;
    std::string detail;
};

class PortalRequest {
public:
    // Asks at once, on a thread of its own; `wake` (may be empty) is called
    // from that thread when the answer is in, to wake the app's loop.
    explicit PortalRequest(PortalQuestion question, std::function<void()> wake = {});
    // Withdraws the question if it is still open, and waits for the thread
    // (bounded: every bus call has a timeout and is cancelled).
    ~PortalRequest();
    PortalRequest(const PortalRequest&) = delete;
    PortalRequest& operator=(const PortalRequest&) = delete;

    // The answer, once it is in (the same one on every later call).
    std::optional<PortalAnswer> answer() const;
    // Closes the desktop's window; the answer becomes Cancelled unless one was in.
    void withdraw();
    // The worker has finished (answered, or withdrawn and cleaned up).
    bool finished() const { return m_finished.load(); }

private:
    struct Shared;  // what the worker and the UI thread both touch
    std::shared_ptr<Shared> m_shared;
    std::atomic<bool> m_finished{false};
    std::thread m_thread;
};

// Called by every request's worker when its answer is in; the app sets it
// to post an empty event to its loop. May be called from any thread.
void setPortalWake(std::function<void()> wake);
std::function<void()> portalWake();

// The portal's handle of the app's window ("x11:1a00007"), which every
// question carries; the app sets it once its window is up ('' for none).
void setPortalParentWindow(std::string handle);
std::string portalParentWindow();
// The handle the portal spec gives an X11 window: "x11:" and its XID in hex.
std::string x11ParentWindow(unsigned long xid);

// The local path a `file://` URI names, percent-escapes decoded; nullopt
// for another scheme, a remote host or a malformed escape.
std::optional<std::string> localPathOfUri(const std::string& uri);

// The session bus's address without starting one: $DBUS_SESSION_BUS_ADDRESS,
// else $XDG_RUNTIME_DIR/bus when that socket exists; '' when there is none.
std::string sessionBusAddress();

// The Request object the portal makes for a caller's unique bus name and
// handle token ("/org/freedesktop/portal/desktop/request/1_42/TOKEN").
std::string portalRequestPath(const std::string& uniqueName, const std::string& token);

}  // namespace hallway::ui
