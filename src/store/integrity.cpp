#include "store/integrity.h"

#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <map>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>
#include <utility>

#include "core/startup_hold.h"
#include "store/sqlite.h"
#include "store/store.h"

namespace hallway {

void checkIntegrityOf(sql::Connection& db, const std::string& path) {
    sqlite3_busy_timeout(db.handle(), 5000);
    std::string verdict;
    int rc = SQLITE_OK;
    int sysErrno = 0;
    {
        sqlite3_stmt* st = nullptr;
        errno = 0;
        rc = sqlite3_prepare_v2(db.handle(), "PRAGMA quick_check", -1, &st, nullptr);
        if (rc == SQLITE_OK) {
            rc = sqlite3_step(st);
            sysErrno = errno;
            if (rc == SQLITE_ROW) {
                verdict = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
                rc = SQLITE_OK;
            }
        }
        sqlite3_finalize(st);
    }
    int primary = rc & 0xff;
    if (primary == SQLITE_NOTADB) throw StoreError(path + " is not a Hallway database (not an SQLite file)");
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED || primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN)
        db.fail(rc, "cannot read " + path, sysErrno);  // disk full, size limit, locked: worded there
    if (rc != SQLITE_OK) verdict = sqlite3_errmsg(db.handle());
    if (verdict == "ok") return;
    // "*** in database main ***" heads the list when the file has problems of
    // its own: the problem is the line after it.
    std::string_view lines = verdict;
    if (lines.rfind("*** ", 0) == 0 && lines.find('\n') != std::string_view::npos)
        lines.remove_prefix(lines.find('\n') + 1);
    std::string firstLine(lines.substr(0, lines.find('\n')));
    throw DamagedDatabase("the database " + path + " is damaged (" + firstLine +
                          "); nothing was written to it. Restore a backup: hallway --db " + path +
                          " backups lists them, hallway --db " + path +
                          " restore FILE puts one back (the damaged file is kept aside). "
                          "hallway --db " + path + " people export FILE still saves the people it can read");
}

namespace {

// Verdicts by file identity (device, inode): a path spelled another way, or
// through a link, is the same file; a file restored over it is a new one.
using FileKey = std::pair<dev_t, ino_t>;
std::mutex g_liveMutex;
std::atomic<int> g_checksStarted{0};
std::map<FileKey, std::weak_ptr<IntegrityVerdict>> g_live;

std::optional<FileKey> fileKey(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return std::nullopt;
    return FileKey{st.st_dev, st.st_ino};
}

// The verdict is the check's exception, or none.
template <class Check>
void settlePromise(std::promise<void>& promise, Check check) {
    try {
        check();
        promise.set_value();
    } catch (...) {
        promise.set_exception(std::current_exception());
    }
}

}  // namespace

std::shared_ptr<IntegrityVerdict> IntegrityVerdict::forFile(const std::string& path, sql::Connection& own,
                                                            bool inBackground) {
    const std::optional<FileKey> key = fileKey(path);
    std::shared_ptr<IntegrityVerdict> verdict;
    std::promise<void> promise;
    bool checkHere = false;
    {
        std::lock_guard<std::mutex> lock(g_liveMutex);
        for (auto it = g_live.begin(); it != g_live.end();) it = it->second.expired() ? g_live.erase(it) : std::next(it);
        if (key)
            if (auto found = g_live.find(*key); found != g_live.end()) verdict = found->second.lock();
        if (!verdict) {
            verdict = std::make_shared<IntegrityVerdict>();
            verdict->m_done = promise.get_future().share();
            if (key) g_live[*key] = verdict;
            checkHere = true;
        }
    }
    if (checkHere) {
        ++g_checksStarted;
        // Detached: it holds only the path and the promise, and a window
        // closed within the check's second should not wait for it.
        if (inBackground) {
            std::thread([path, promise = std::move(promise)]() mutable {
                // Background work: on a busy machine the first frames go first.
                ::setpriority(PRIO_PROCESS, ::gettid(), 10);
                startup_hold::waitWhileClosed();
                settlePromise(promise, [&path] {
                    sql::Connection db(path, false);
                    checkIntegrityOf(db, path);
                });
            }).detach();
        } else {
            // On the Store's own connection: one opened to write nothing on a
            // full disk could not open a second.
            settlePromise(promise, [&] { checkIntegrityOf(own, path); });
        }
    }
    if (!inBackground) verdict->wait();
    return verdict;
}

int IntegrityVerdict::checksStarted() { return g_checksStarted.load(); }

bool IntegrityVerdict::ready() const {
    return m_done.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
}

void IntegrityVerdict::wait() const {
    if (!ready()) startup_hold::open();
    m_done.get();
}

void IntegrityVerdict::settle() const {
    if (!ready()) startup_hold::open();
    m_done.wait();
}

std::string IntegrityVerdict::problem() const {
    if (!ready()) return {};
    try {
        m_done.get();
        return {};
    } catch (const std::exception& e) {
        return e.what();
    }
}

}  // namespace hallway
