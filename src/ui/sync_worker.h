// The app's CardDAV/CalDAV sync: rounds on a worker thread with its own
// database connection (never inside a frame), at start, every few minutes
// and on demand. The frame reads a small snapshot for the status line.
#pragma once
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "core/changes.h"
#include "core/model.h"

namespace hallway::ui {

class SyncWorker {
public:
    struct Snapshot {
        bool configured = false;   // an account is linked (known after the first check)
        bool checked = false;      // the worker has looked at the database once
        bool running = false;
        Instant lastOk = 0;
        std::string error;         // the last round's error, '' when it worked
        std::uint64_t dataVersion = 0;  // moves when a round changed people or follow-ups here
    };

    // `wake` is called from the worker when the snapshot changed (posts an empty event to the loop).
    SyncWorker(std::string dbPath, std::chrono::seconds interval, std::function<void()> wake);
    ~SyncWorker();  // stops and joins; a round in flight ends at its next request timeout at worst
    SyncWorker(const SyncWorker&) = delete;
    SyncWorker& operator=(const SyncWorker&) = delete;

    void requestNow();
    Snapshot snapshot() const;
    // What the rounds announced since the last call (their reports' Changes),
    // for the frame to apply when dataVersion moved.
    Changes takeChanges();
    // "Sync ✓ 14:05", "Syncing…", "Sync failed: ..." or '' when nothing is linked.
    static std::string statusText(const Snapshot& s, const std::string& zone);

private:
    void run();

    std::string m_path;
    std::chrono::seconds m_interval;
    std::function<void()> m_wake;
    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    Snapshot m_state;
    Changes m_untaken;
    bool m_stop = false;
    bool m_now = true;  // a round at start
    std::thread m_thread;
};

}  // namespace hallway::ui
