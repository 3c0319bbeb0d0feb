// "Connect" in the Sync dialog: what `hallway sync setup` does (discovery,
// the collections made, the password kept) on a thread of its own with its
// own database connection, so a slow or silent server never holds a frame.
// The frame polls take() for the outcome.
#pragma once
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "services/sync_service.h"

namespace hallway::ui {

struct SyncSetupOutcome {
    bool ok = false;
    std::string error;      // as the CLI words it: "URL: REASON"
    SyncLinkResult linked;  // when ok
};

class SyncSetupJob {
public:
    SyncSetupJob() = default;
    ~SyncSetupJob();  // joins: a request in flight ends at its timeout at worst
    SyncSetupJob(const SyncSetupJob&) = delete;
    SyncSetupJob& operator=(const SyncSetupJob&) = delete;

    // Starts linking the database at `dbPath` to the server. An empty
    // password takes the one kept for this server and user, if any. False while one runs.
    bool start(const std::string& dbPath, SyncSetupOptions options);
    bool running() const;
    // The outcome once, when the job has finished; nullopt before and after.
    std::optional<SyncSetupOutcome> take();

private:
    mutable std::mutex m_mutex;
    std::thread m_thread;
    bool m_running = false;
    std::optional<SyncSetupOutcome> m_done;
};

}  // namespace hallway::ui
