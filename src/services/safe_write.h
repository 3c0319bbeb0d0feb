// Where Hallway may write a file the user named (exports, copies of the
// database): one decision for the CLI and the app, so no export can replace
// the database, a backup, a device or a FIFO.
#pragma once
#include <stdexcept>
#include <string>
#include <string_view>

namespace hallway {

// Refused outright: `what()` names the path and the reason.
class WriteRefused : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The path holds a regular file the user has not agreed to replace. The CLI
// words it with --force, the app asks.
class WouldReplace : public std::runtime_error {
public:
    explicit WouldReplace(const std::string& path)
        : std::runtime_error(path + " already exists"), m_path(path) {}
    const std::string& path() const { return m_path; }

private:
    std::string m_path;
};

enum class WriteCheck { New, ReplacesFile };

// Decides whether `path` may be written while `dbPath` is the open database.
// Throws WriteRefused for: an empty path, the database or its -wal, -shm and
// -journal (by name or by the same file behind another name or hard link),
// anything in its backups folder, a directory, a symbolic link, a FIFO,
// device or socket, a regular file with other hard links, a missing folder.
// Returns New or ReplacesFile (an existing regular file).
WriteCheck checkWritePath(const std::string& path, const std::string& dbPath);

// checkWritePath, then the bytes go to an owner-only (0600) temporary file
// beside `path`, fsync, rename. An existing file is replaced only when
// `replace` is true; otherwise WouldReplace. Throws std::runtime_error
// naming the path for disk problems.
void writeUserFile(const std::string& path, std::string_view bytes, const std::string& dbPath, bool replace);

}  // namespace hallway
