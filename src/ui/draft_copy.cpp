#include "ui/draft_copy.h"

#include <sys/stat.h>

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "core/atomic_file.h"

namespace fs = std::filesystem;

namespace hallway::ui {

std::string draftCopyPath(const std::string& dbPath, const std::string& key) {
    std::string base;
    const char* xdg = std::getenv("XDG_STATE_HOME");
    const char* home = std::getenv("HOME");
    if (xdg && *xdg == '/') base = xdg;
    else if (home && *home) base = std::string(home) + "/.local/state";
    else return {};
    // FNV-1a of the absolute database path: stable across runs and builds,
    // so each database finds its own drafts.
    std::error_code ec;
    std::string db = dbPath == ":memory:" ? dbPath : fs::absolute(dbPath, ec).string();
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : db) h = (h ^ c) * 1099511628211ull;
    std::string name;
    for (char c : key) name += (std::isalnum(static_cast<unsigned char>(c)) ? c : '-');
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
    return base + "/hallway/drafts/" + hex + "-" + name + ".txt";
}

void writeDraftCopy(const std::string& path, const std::string& text) {
    if (path.empty()) throw std::runtime_error("no folder for drafts (neither XDG_STATE_HOME nor HOME is set)");
    fs::path dir = fs::path(path).parent_path();
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        fs::create_directories(dir, ec);
        if (ec) throw std::runtime_error("cannot create " + dir.string() + ": " + ec.message());
        ::chmod(dir.c_str(), 0700);
    }
    writeFileAtomically(path, text, 0600);
}

std::optional<std::string> readDraftCopy(const std::string& path) {
    if (path.empty()) return std::nullopt;
    return readWholeFile(path);
}

void removeDraftCopy(const std::string& path) {
    std::error_code ec;
    if (!path.empty()) fs::remove(path, ec);
}

}  // namespace hallway::ui
