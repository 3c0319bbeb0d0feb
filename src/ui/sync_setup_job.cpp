#include "ui/sync_setup_job.h"

#include <exception>
#include <utility>

#include "store/store.h"

namespace hallway::ui {

SyncSetupJob::~SyncSetupJob() {
    if (m_thread.joinable()) m_thread.join();
}

bool SyncSetupJob::start(const std::string& dbPath, SyncSetupOptions options) {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_running) return false;
    if (m_thread.joinable()) m_thread.join();  // the last one has finished: only its thread is left
    m_running = true;
    m_done.reset();
    m_thread = std::thread([this, dbPath, o = std::move(options)]() mutable {
        SyncSetupOutcome outcome;
        try {
            Store store(dbPath);  // this thread's own connection
            if (o.password.empty()) {
                // Linking again (a new CA file, say) without typing the password: the kept one.
                auto account = syncAccount(store);
                if (!account || account->url != o.url || account->user != o.user)
                    throw std::runtime_error("type the password for " + o.user + " at " + o.url);
                o.password = storedSyncPassword(*account);
            }
            outcome.linked = linkSyncAccount(store, o);
            outcome.ok = true;
        } catch (const std::exception& e) {
            outcome.error = e.what();  // DavError: "URL: REASON", the CLI's words
        }
        std::lock_guard<std::mutex> done(m_mutex);
        m_done = std::move(outcome);
        m_running = false;
    });
    return true;
}

bool SyncSetupJob::running() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_running;
}

std::optional<SyncSetupOutcome> SyncSetupJob::take() {
    std::lock_guard<std::mutex> lock(m_mutex);
    return std::exchange(m_done, std::nullopt);
}

}  // namespace hallway::ui
