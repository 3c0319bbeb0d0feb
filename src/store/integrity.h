// The open-time integrity check (PRAGMA quick_check), run once per database
// file per process and shared by every Store open on it. At the power tier it
// reads 345 MB in about 0.6 s; the app's window, font scan, agenda refresh and
// sync each open their own connection and used to run it four times.
#pragma once
#include <chrono>
#include <future>
#include <memory>
#include <string>

namespace hallway {

namespace sql {
class Connection;
}

// Throws DamagedDatabase (naming `path` and how to restore) when `db` fails
// quick_check, StoreError when it is not an SQLite file, sql::Error for a
// lock or an I/O error.
void checkIntegrityOf(sql::Connection& db, const std::string& path);

class IntegrityVerdict {
public:
    // The verdict a Store of this process still holds on the file at `path`,
    // else a new check: on a thread and connection of its own when
    // `inBackground`, else here on `own`. Without `inBackground` this waits for
    // the verdict (also one another Store started) and throws what the check threw.
    static std::shared_ptr<IntegrityVerdict> forFile(const std::string& path, sql::Connection& own,
                                                     bool inBackground);

    // A background check waits while the startup hold is closed
    // (core/startup_hold.h), until the app has shown its first frame or
    // someone waits for its verdict: beside the first frame on a busy machine
    // it slowed that frame.

    bool ready() const;
    // Waits (starting a held check at once); rethrows the check's exception.
    void wait() const;
    // Waits the same way without throwing.
    void settle() const;
    // Empty while checking or when sound; else the sentence a user reads.
    std::string problem() const;
    // How many checks this process has started (for tests and the benchmark).
    static int checksStarted();

private:
    std::shared_future<void> m_done;
};

}  // namespace hallway
