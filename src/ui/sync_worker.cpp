#include "ui/sync_worker.h"

#include <exception>
#include <utility>

#include "core/startup_hold.h"
#include "core/time_util.h"
#include "services/dav_client.h"
#include "services/sync_service.h"
#include "store/store.h"

namespace hallway::ui {

SyncWorker::SyncWorker(std::string dbPath, std::chrono::seconds interval, std::function<void()> wake)
    : m_path(std::move(dbPath)), m_interval(interval), m_wake(std::move(wake)) {
    m_thread = std::thread([this] { run(); });
}

SyncWorker::~SyncWorker() {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stop = true;
    }
    m_cv.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

void SyncWorker::requestNow() {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_now = true;
    }
    m_cv.notify_all();
}

SyncWorker::Snapshot SyncWorker::snapshot() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_state;
}

Changes SyncWorker::takeChanges() {
    std::lock_guard<std::mutex> lock(m_mutex);
    return std::exchange(m_untaken, Changes());
}

std::string SyncWorker::statusText(const Snapshot& s, const std::string& zone) {
    if (!s.configured) return "";
    if (s.running) return "Syncing\u2026";
    if (!s.error.empty()) return "Sync failed: " + s.error;
    if (s.lastOk) return "Synced " + localTimeString(s.lastOk, zone);
    return "";
}

void SyncWorker::run() {
    startup_hold::waitWhileClosed();
    for (;;) {
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_cv.wait_for(lock, m_interval, [this] { return m_stop || m_now; });
            if (m_stop) return;
            m_now = false;
        }
        bool configured = false;
        std::string error;
        Changes touched;
        try {
            Store store(m_path);  // this thread's own connection
            auto account = syncAccount(store);
            configured = account.has_value();
            if (configured) {
                {
                    std::lock_guard<std::mutex> lock(m_mutex);
                    m_state.configured = true;
                    m_state.running = true;
                }
                if (m_wake) m_wake();
                SyncRoundOptions o;
                o.password = storedSyncPassword(*account);
                touched = runSyncRound(store, o).touched;
            }
        } catch (const DavError& e) {
            error = e.reason();  // the status line is short: the reason, not the URL (sync status has both)
        } catch (const std::exception& e) {
            error = e.what();
        }
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_state.checked = true;
            m_state.configured = configured;
            m_state.running = false;
            m_state.error = error;
            if (configured && error.empty()) m_state.lastOk = nowInstant();
            if (!touched.empty()) {
                m_untaken |= touched;
                ++m_state.dataVersion;
            }
        }
        if (m_wake) m_wake();
    }
}

}  // namespace hallway::ui
