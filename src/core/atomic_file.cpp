#include "core/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>

namespace hallway {

void writeFileAtomically(const std::string& path, std::string_view bytes, unsigned mode) {
    std::filesystem::path target(path);
    std::filesystem::path dir = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
    std::string tmpl = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
    int fd = ::mkstemp(tmpl.data());
    if (fd < 0) throw std::runtime_error("cannot write " + path + ": " + std::strerror(errno));
    auto fail = [&](const char* what) {
        int err = errno;
        ::close(fd);
        ::unlink(tmpl.c_str());
        throw std::runtime_error(std::string("cannot write ") + path + ": " + what + ": " + std::strerror(err));
    };
    size_t done = 0;
    while (done < bytes.size()) {
        ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            fail("write failed");
        }
        done += size_t(n);
    }
    if (::fchmod(fd, mode) != 0) fail("chmod failed");
    if (::fsync(fd) != 0) fail("fsync failed");
    if (::close(fd) != 0) {
        int err = errno;
        ::unlink(tmpl.c_str());
        throw std::runtime_error("cannot write " + path + ": " + std::strerror(err));
    }
    if (::rename(tmpl.c_str(), path.c_str()) != 0) {
        int err = errno;
        ::unlink(tmpl.c_str());
        throw std::runtime_error("cannot write " + path + ": " + std::strerror(err));
    }
}

std::optional<std::string> readWholeFile(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    struct stat st {};
    // One byte over the size, so the read that finds the end needs no regrowth;
    // reading on to the end still takes a file that grew, or a /proc file's 0.
    const size_t capacity = ::fstat(fd, &st) == 0 && st.st_size > 0 ? size_t(st.st_size) + 1 : size_t(1) << 16;
    std::string bytes;
    size_t filled = 0;
    for (;;) {
        if (filled == bytes.size()) bytes.resize(std::max(capacity, bytes.size() * 2));
        const ssize_t n = ::read(fd, bytes.data() + filled, bytes.size() - filled);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            const int err = errno;
            ::close(fd);
            errno = err;
            return std::nullopt;
        }
        if (n == 0) break;
        filled += size_t(n);
    }
    ::close(fd);
    bytes.resize(filled);
    return bytes;
}

}  // namespace hallway
