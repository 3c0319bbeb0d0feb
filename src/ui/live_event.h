// The live event in the app's loop, once a frame: the refresh worker is given
// the open event and the user's switches (state.live), its news goes into
// AppState (the top bar's line, the banner of changes), and changed talks and
// reminders go to the desktop. Apart from the window's focus it needs no
// window, so tests drive it with a clock they control.
#pragma once
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "ui/app_state.h"
#include "ui/refresh_worker.h"
#include "ui/session_reminders.h"

namespace hallway {
class Store;
}

namespace hallway::ui {

class LiveEvent {
public:
    using Notify = std::function<void(const std::string& summary, const std::string& body)>;

    // `worker` null: no agenda refresh (no database, or a screenshot); reminders still run.
    LiveEvent(std::unique_ptr<AgendaRefreshWorker> worker, Notify notify);

    // One frame's work. `inFront`: Hallway is the focused window, so changed
    // talks show in the banner only. `zone` words times (the top bar, reminders).
    void update(Store* store, AppState& state, bool inFront, const std::string& zone);

    AgendaRefreshWorker* worker() { return m_worker.get(); }

private:
    void updateRefresh(AppState& state, bool inFront, const std::string& zone);

    std::unique_ptr<AgendaRefreshWorker> m_worker;
    Notify m_notify;
    std::optional<LiveSettings> m_applied;  // the switches last handed to the worker
    std::uint64_t m_dataSeen = 0, m_changesSeen = 0;
    std::set<std::string> m_notified;       // banner lines already sent to the desktop
    bool m_screenshotRefreshed = false;
    SessionReminders m_reminders;
};

}  // namespace hallway::ui
