// The live agenda in the app: the open event's agenda fetched again from its
// URL on a worker thread with its own database connection (a frame never
// waits on the network), at start and every 15 minutes while the event runs,
// or on demand. The frame reads a small snapshot for the top bar and the
// banner of changes to sessions the user watches.
#pragma once
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "core/model.h"
#include "services/url_import.h"

namespace hallway::ui {

class AgendaRefreshWorker {
public:
    struct Snapshot {
        std::optional<RowId> eventId;    // the event the rest is about
        bool hasUrl = false;             // its agenda came from a URL (known after the first try)
        bool running = false;
        Instant lastTry = 0;
        Instant lastOk = 0;              // fetched (imported or not modified)
        std::string error;               // the last try's error, '' when it worked
        std::uint64_t dataVersion = 0;   // moves when a refresh changed the agenda
        int fetches = 0;                 // fetches finished for this event since it was opened
        double lastTryCpuMs = 0;         // CPU time of the last fetch on the worker's thread (opening the database included)
        std::vector<WatchedChange> unseen;  // changes to watched sessions since the user dismissed them
        std::uint64_t unseenVersion = 0;    // moves when `unseen` gained or lost entries
    };

    // `wake` is called from the worker when the snapshot changed (posts an empty event to the loop).
    AgendaRefreshWorker(std::string dbPath, std::chrono::seconds interval, std::function<void()> wake);
    ~AgendaRefreshWorker();  // stops and joins; a fetch in flight ends at its timeout at worst
    AgendaRefreshWorker(const AgendaRefreshWorker&) = delete;
    AgendaRefreshWorker& operator=(const AgendaRefreshWorker&) = delete;

    // The open event; a different one is refreshed at once (and its changes start afresh).
    void setEvent(std::optional<RowId> eventId);
    // A refresh now, even outside the event's days.
    void requestNow();
    // The user has read the banner.
    void dismissChanges();
    // Automatic refreshes off (the user's switch): no fetch on opening an
    // event nor on the timer; requestNow still works. Turned on again, the
    // open event is refreshed at once (while it runs).
    void setAutomatic(bool on);
    // The time between automatic refreshes; a shorter one applies to the wait under way.
    void setInterval(std::chrono::seconds interval);
    std::chrono::seconds interval() const;
    bool automatic() const;
    Snapshot snapshot() const;
    // The snapshot without the changes list (cheap to take every frame).
    Snapshot status() const;
    // What the refreshes' imports announced since the last call, for the
    // frame to apply when dataVersion moved.
    Changes takeChanges();
    // "Agenda refreshed 14:05", "Refreshing agenda…", "Agenda refresh failed: …"; '' without a URL.
    static std::string statusText(const Snapshot& s, const std::string& zone);

    // The desktop notification for the banner's lines not notified yet
    // (`notified` remembers them, so a change is announced once even after
    // it is dismissed): a summary and up to three lines; nullopt when none is new.
    struct Notice {
        std::string summary, body;
    };
    static std::optional<Notice> noticeFor(const std::vector<std::string>& lines, std::set<std::string>& notified);

private:
    void run();

    std::string m_path;
    std::chrono::seconds m_interval;
    std::function<void()> m_wake;
    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    Snapshot m_state;
    Changes m_untaken;
    std::optional<RowId> m_event;
    bool m_automatic = true;
    bool m_stop = false;
    bool m_now = false;
    bool m_forced = false;
    std::chrono::steady_clock::time_point m_lastTick = std::chrono::steady_clock::now();  // the timer counts from here
    std::thread m_thread;
};

}  // namespace hallway::ui
