#include "ui/compose_cache.h"

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace hallway::ui {

std::string offerComposeCache(const std::string& appCacheDir) {
    if (appCacheDir.empty() || std::getenv("XCOMPOSECACHE")) return {};
    if (const char* home = std::getenv("HOME"); home && *home) {
        std::error_code ec;
        if (std::filesystem::is_directory(std::string(home) + "/.compose-cache", ec)) return {};
    }
    const std::string folder = appCacheDir + "/compose";
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    // libX11 uses the folder only if no one else can write to it.
    if (ec || chmod(folder.c_str(), 0700) != 0) return {};
    setenv("XCOMPOSECACHE", folder.c_str(), 0);
    return folder;
}

}  // namespace hallway::ui
