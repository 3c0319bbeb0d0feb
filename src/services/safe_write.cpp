#include "services/safe_write.h"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>

#include "core/atomic_file.h"
#include "store/backup.h"

namespace fs = std::filesystem;

namespace hallway {
namespace {

fs::path canonicalOf(const std::string& path) {
    std::error_code ec;
    fs::path p = fs::weakly_canonical(fs::absolute(path), ec);
    return ec ? fs::absolute(path).lexically_normal() : p;
}

bool isInside(const fs::path& path, const fs::path& folder) {
    auto [f, p] = std::mismatch(folder.begin(), folder.end(), path.begin(), path.end());
    return f == folder.end();
}

bool sameInode(const struct stat& a, const std::string& other) {
    struct stat b{};
    return ::stat(other.c_str(), &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

}  // namespace

WriteCheck checkWritePath(const std::string& path, const std::string& dbPath) {
    if (path.empty()) throw WriteRefused("no file name given to write to");
    auto refuse = [&](const std::string& why) { throw WriteRefused("refusing to write " + path + ": " + why); };
    fs::path target = canonicalOf(path);
    bool haveDb = !dbPath.empty() && dbPath != ":memory:";
    if (haveDb) {
        for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
            if (target == canonicalOf(dbPath + suffix))
                refuse(*suffix ? "it is the database's " + std::string(suffix + 1) + " file" : "it is the database");
        }
        for (const std::string& folder : {backupFolder(dbPath), legacyBackupFolder(dbPath)})
            if (isInside(target, canonicalOf(folder))) refuse("it is in the backups folder " + folder);
    }
    struct stat st{};
    if (::lstat(path.c_str(), &st) != 0) {
        std::error_code ec;
        fs::path parent = fs::absolute(path).parent_path();
        if (!fs::is_directory(parent, ec)) refuse("there is no folder " + parent.string());
        return WriteCheck::New;
    }
    if (S_ISLNK(st.st_mode)) refuse("it is a symbolic link (write to the file it points to instead)");
    if (S_ISDIR(st.st_mode)) refuse("it is a folder");
    if (!S_ISREG(st.st_mode)) refuse("it is not a regular file (a device, FIFO or socket)");
    if (haveDb)
        for (const char* suffix : {"", "-wal", "-shm", "-journal"})
            if (sameInode(st, dbPath + suffix)) refuse("it is the database under another name");
    if (st.st_nlink > 1) refuse("it has other hard links, which would keep the old contents");
    return WriteCheck::ReplacesFile;
}

void writeUserFile(const std::string& path, std::string_view bytes, const std::string& dbPath, bool replace) {
    if (checkWritePath(path, dbPath) == WriteCheck::ReplacesFile && !replace) throw WouldReplace(path);
    writeFileAtomically(path, bytes, 0600);
}

}  // namespace hallway
