#include "ui/refresh_worker.h"

#include <time.h>

#include <exception>
#include <stdexcept>
#include <utility>

#include "core/startup_hold.h"
#include "core/time_util.h"
#include "store/agenda_repo.h"
#include "store/sources_repo.h"
#include "store/store.h"

namespace hallway::ui {

namespace {

// CPU time of the calling thread in ms: what a refresh costs this thread, whatever else runs.
double threadCpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

// Refreshing makes sense from the day before the event to the day after it:
// rooms and times change up to the last minute, not months later.
bool eventRunsAround(const Event& e, Instant now) {
    const Instant day = 24 * 3600;
    return e.startsAt != 0 && now >= e.startsAt - day && now <= (e.endsAt ? e.endsAt : e.startsAt) + day;
}

}  // namespace

AgendaRefreshWorker::AgendaRefreshWorker(std::string dbPath, std::chrono::seconds interval, std::function<void()> wake)
    : m_path(std::move(dbPath)), m_interval(interval), m_wake(std::move(wake)) {
    m_thread = std::thread([this] { run(); });
}

AgendaRefreshWorker::~AgendaRefreshWorker() {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stop = true;
    }
    m_cv.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

void AgendaRefreshWorker::setEvent(std::optional<RowId> eventId) {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (m_event == eventId) return;
        m_event = eventId;
        const std::uint64_t unseenVersion = m_state.unseenVersion;
        m_state = Snapshot{};
        m_state.eventId = eventId;
        m_state.unseenVersion = unseenVersion + 1;  // the other event's changes are gone from the banner
        m_now = true;
    }
    m_cv.notify_all();
}

void AgendaRefreshWorker::requestNow() {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_now = true;
        m_forced = true;
    }
    m_cv.notify_all();
}

void AgendaRefreshWorker::dismissChanges() {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_state.unseen.empty()) return;
    m_state.unseen.clear();
    ++m_state.unseenVersion;
}

void AgendaRefreshWorker::setAutomatic(bool on) {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (m_automatic == on) return;
        m_automatic = on;
        if (on) m_now = true;
    }
    m_cv.notify_all();
}

void AgendaRefreshWorker::setInterval(std::chrono::seconds interval) {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (m_interval == interval) return;
        m_interval = interval;
    }
    m_cv.notify_all();  // the wait under way is measured again against the new interval
}

std::chrono::seconds AgendaRefreshWorker::interval() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_interval;
}

bool AgendaRefreshWorker::automatic() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_automatic;
}

AgendaRefreshWorker::Snapshot AgendaRefreshWorker::snapshot() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_state;
}

Changes AgendaRefreshWorker::takeChanges() {
    std::lock_guard<std::mutex> lock(m_mutex);
    return std::exchange(m_untaken, Changes());
}

AgendaRefreshWorker::Snapshot AgendaRefreshWorker::status() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    Snapshot s;
    s.eventId = m_state.eventId;
    s.hasUrl = m_state.hasUrl;
    s.running = m_state.running;
    s.lastTry = m_state.lastTry;
    s.lastOk = m_state.lastOk;
    s.error = m_state.error;
    s.dataVersion = m_state.dataVersion;
    s.fetches = m_state.fetches;
    s.lastTryCpuMs = m_state.lastTryCpuMs;
    s.unseenVersion = m_state.unseenVersion;
    return s;
}

std::string AgendaRefreshWorker::statusText(const Snapshot& s, const std::string& zone) {
    if (!s.hasUrl) return "";
    if (s.running) return "Refreshing agenda\u2026";
    if (!s.error.empty()) return "Agenda refresh failed: " + s.error;
    if (s.lastOk) return "Agenda refreshed " + localTimeString(s.lastOk, zone);
    return "";
}

void AgendaRefreshWorker::run() {
    startup_hold::waitWhileClosed();
    for (;;) {
        std::optional<RowId> eventId;
        bool forced = false, automatic = true;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            // Until asked, or the interval (which the user may change meanwhile) has passed since the last tick.
            while (!m_stop && !m_now && std::chrono::steady_clock::now() < m_lastTick + m_interval)
                m_cv.wait_until(lock, m_lastTick + m_interval);
            if (m_stop) return;
            const bool asked = m_now;
            m_now = false;
            m_lastTick = std::chrono::steady_clock::now();
            forced = m_forced;
            m_forced = false;
            automatic = m_automatic;
            eventId = m_event;
            if (!eventId || (!asked && !automatic)) continue;
        }
        const double cpuStart = threadCpuMs();
        bool hasUrl = false, tried = false;
        Changes touched;
        std::optional<EventSource> source;
        std::string error;
        std::vector<WatchedChange> watched;
        try {
            // This thread's own connection. It shares the integrity verdict of
            // the app's Store on the file (no second quick_check, a second at
            // the power tier, for a 304), and its writes wait for that verdict.
            Store store(m_path);
            auto event = AgendaRepo(store).findEvent(*eventId);
            source = SourcesRepo(store).find(*eventId);
            hasUrl = source.has_value();
            // Switched off, opening the event only reads what the database remembers.
            if (event && source && (forced || (automatic && eventRunsAround(*event, nowInstant())))) {
                {
                    std::lock_guard<std::mutex> lock(m_mutex);
                    if (m_event != eventId) continue;
                    m_state.running = true;
                    m_state.hasUrl = true;
                }
                if (m_wake) m_wake();
                tried = true;
                for (const auto& o : refreshEvents(store, *eventId, {})) {
                    if (o.status == RefreshOutcome::Status::Failed) error = o.error;
                    if (o.status == RefreshOutcome::Status::Imported) {
                        touched |= o.report.touched;
                        watched = watchedChanges(store, *eventId, o.report.changes);
                    }
                }
                source = SourcesRepo(store).find(*eventId);
            }
        } catch (const std::exception& e) {
            error = e.what();
        }
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            if (m_event != eventId) continue;  // the user opened another event meanwhile
            m_state.hasUrl = hasUrl;
            m_state.running = false;
            // What the database remembers: the last try and the last that worked, also from the CLI.
            if (source) {
                m_state.lastTry = source->checkedAt;
                m_state.lastOk = source->refreshedAt;
                m_state.error = source->error;
            }
            if (tried && !error.empty()) m_state.error = error;
            // The top bar is short: the reason, not the URL it is about (hallway refresh has both).
            if (source && m_state.error.rfind(source->url + ": ", 0) == 0)
                m_state.error.erase(0, source->url.size() + 2);
            if (tried) ++m_state.fetches;
            if (tried) m_state.lastTryCpuMs = threadCpuMs() - cpuStart;
            if (!touched.empty()) {
                m_untaken |= touched;
                ++m_state.dataVersion;
            }
            if (!watched.empty()) {
                m_state.unseen.insert(m_state.unseen.end(), watched.begin(), watched.end());
                ++m_state.unseenVersion;
            }
        }
        if (m_wake) m_wake();
    }
}

std::optional<AgendaRefreshWorker::Notice> AgendaRefreshWorker::noticeFor(const std::vector<std::string>& lines,
                                                                         std::set<std::string>& notified) {
    std::vector<std::string> fresh;
    for (const auto& line : lines)
        if (notified.insert(line).second) fresh.push_back(line);
    if (fresh.empty()) return std::nullopt;
    Notice n;
    n.summary = fresh.size() == 1 ? "A talk you follow changed"
                                  : std::to_string(fresh.size()) + " talks you follow changed";
    for (size_t i = 0; i < fresh.size() && i < 3; ++i) n.body += (i ? "\n" : "") + fresh[i];
    if (fresh.size() > 3) n.body += "\nand " + std::to_string(fresh.size() - 3) + " more (see Hallway)";
    return n;
}

}  // namespace hallway::ui
