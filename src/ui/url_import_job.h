// One agenda import by URL from the import dialog, on a thread of its own
// with its own database connection: the download may take seconds, and a
// frame never waits on the network. The frame polls take() for the outcome.
#pragma once
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "ui/import_actions.h"

namespace hallway::ui {

class UrlImportJob {
public:
    UrlImportJob() = default;
    ~UrlImportJob();  // joins: a download in flight ends at its timeout at worst
    UrlImportJob(const UrlImportJob&) = delete;
    UrlImportJob& operator=(const UrlImportJob&) = delete;

    // Starts fetching `url` into the database at `dbPath`; false while one runs.
    bool start(const std::string& dbPath, const std::string& url, const std::string& zone, bool allowHttp);
    bool running() const;
    // The URL being fetched ('' when none).
    std::string url() const;
    // The outcome once, when the job has finished; nullopt before and after.
    std::optional<ImportOutcome> take();

private:
    mutable std::mutex m_mutex;
    std::thread m_thread;
    bool m_running = false;
    std::string m_url;
    std::optional<ImportOutcome> m_done;
};

}  // namespace hallway::ui
