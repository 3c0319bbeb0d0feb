#include "ui/url_import_job.h"

#include <exception>
#include <utility>

#include "store/store.h"

namespace hallway::ui {

UrlImportJob::~UrlImportJob() {
    if (m_thread.joinable()) m_thread.join();
}

bool UrlImportJob::start(const std::string& dbPath, const std::string& url, const std::string& zone, bool allowHttp) {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_running) return false;
    if (m_thread.joinable()) m_thread.join();  // the last one has finished: only its thread is left
    m_running = true;
    m_url = url;
    m_done.reset();
    m_thread = std::thread([this, dbPath, url, zone, allowHttp] {
        ImportOutcome outcome;
        try {
            Store store(dbPath);
            outcome = importUrlFromApp(store, url, zone, allowHttp);
        } catch (const std::exception& e) {
            outcome.message = "Could not open the database for the import: " + std::string(e.what()) +
                              ". Nothing was imported.";
        }
        std::lock_guard<std::mutex> done(m_mutex);
        m_done = std::move(outcome);
        m_running = false;
    });
    return true;
}

bool UrlImportJob::running() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_running;
}

std::string UrlImportJob::url() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_running ? m_url : std::string();
}

std::optional<ImportOutcome> UrlImportJob::take() {
    std::lock_guard<std::mutex> lock(m_mutex);
    return std::exchange(m_done, std::nullopt);
}

}  // namespace hallway::ui
