// A full disk in the test process, through SQLite's own I/O path: a VFS over
// the default one whose writes fail with SQLITE_FULL (what SQLite's unix VFS
// returns for ENOSPC) while `full` is set. Registered as the default VFS for
// the object's lifetime, so a Store opened meanwhile uses it; close such
// Stores before the object goes. No mount, runs everywhere.
#pragma once
#include <sqlite3.h>

#include <stdexcept>

namespace hallway::testing {

class FullDiskVfs {
public:
    FullDiskVfs() {
        real() = sqlite3_vfs_find(nullptr);
        if (!real()) throw std::runtime_error("no default SQLite VFS");
        m_vfs = *real();
        m_vfs.zName = "hallway-full-disk";
        m_vfs.szOsFile = int(sizeof(File)) + real()->szOsFile;
        m_vfs.pNext = nullptr;
        m_vfs.xOpen = &open;
        if (sqlite3_vfs_register(&m_vfs, 1) != SQLITE_OK) throw std::runtime_error("cannot register the VFS");
    }
    ~FullDiskVfs() {
        full() = false;
        sqlite3_vfs_unregister(&m_vfs);
    }
    FullDiskVfs(const FullDiskVfs&) = delete;
    FullDiskVfs& operator=(const FullDiskVfs&) = delete;

    void setFull(bool on) { full() = on; }
    int refusedWrites() const { return refused(); }

private:
    // Our file, then the real VFS's file right after it in the same block.
    struct File {
        sqlite3_file base;
        sqlite3_file* real;
    };

    static sqlite3_vfs*& real() {
        static sqlite3_vfs* v = nullptr;
        return v;
    }
    static bool& full() {
        static bool f = false;
        return f;
    }
    static int& refused() {
        static int n = 0;
        return n;
    }
    static sqlite3_file* inner(sqlite3_file* f) { return reinterpret_cast<File*>(f)->real; }

    static int open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* outFlags) {
        File* f = reinterpret_cast<File*>(file);
        f->real = reinterpret_cast<sqlite3_file*>(f + 1);
        f->base.pMethods = nullptr;
        int rc = real()->xOpen(real(), name, f->real, flags, outFlags);
        if (f->real->pMethods) f->base.pMethods = methods();
        return rc;
    }

    static int write(sqlite3_file* f, const void* data, int amount, sqlite3_int64 offset) {
        if (full()) {
            ++refused();
            return SQLITE_FULL;
        }
        return inner(f)->pMethods->xWrite(inner(f), data, amount, offset);
    }

    static const sqlite3_io_methods* methods() {
        static const sqlite3_io_methods m = {
            3,
            [](sqlite3_file* f) { return inner(f)->pMethods->xClose(inner(f)); },
            [](sqlite3_file* f, void* b, int n, sqlite3_int64 o) { return inner(f)->pMethods->xRead(inner(f), b, n, o); },
            &write,
            [](sqlite3_file* f, sqlite3_int64 size) { return inner(f)->pMethods->xTruncate(inner(f), size); },
            [](sqlite3_file* f, int flags) { return inner(f)->pMethods->xSync(inner(f), flags); },
            [](sqlite3_file* f, sqlite3_int64* size) { return inner(f)->pMethods->xFileSize(inner(f), size); },
            [](sqlite3_file* f, int lock) { return inner(f)->pMethods->xLock(inner(f), lock); },
            [](sqlite3_file* f, int lock) { return inner(f)->pMethods->xUnlock(inner(f), lock); },
            [](sqlite3_file* f, int* out) { return inner(f)->pMethods->xCheckReservedLock(inner(f), out); },
            [](sqlite3_file* f, int op, void* arg) { return inner(f)->pMethods->xFileControl(inner(f), op, arg); },
            [](sqlite3_file* f) { return inner(f)->pMethods->xSectorSize(inner(f)); },
            [](sqlite3_file* f) { return inner(f)->pMethods->xDeviceCharacteristics(inner(f)); },
            [](sqlite3_file* f, int page, int size, int extend, void volatile** out) {
                return inner(f)->pMethods->xShmMap(inner(f), page, size, extend, out);
            },
            [](sqlite3_file* f, int offset, int n, int flags) {
                return inner(f)->pMethods->xShmLock(inner(f), offset, n, flags);
            },
            [](sqlite3_file* f) { inner(f)->pMethods->xShmBarrier(inner(f)); },
            [](sqlite3_file* f, int deleteFlag) { return inner(f)->pMethods->xShmUnmap(inner(f), deleteFlag); },
            [](sqlite3_file* f, sqlite3_int64 o, int n, void** p) { return inner(f)->pMethods->xFetch(inner(f), o, n, p); },
            [](sqlite3_file* f, sqlite3_int64 o, void* p) { return inner(f)->pMethods->xUnfetch(inner(f), o, p); },
        };
        return &m;
    }

    sqlite3_vfs m_vfs{};
};

}  // namespace hallway::testing
