#include "core/assets.h"

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <system_error>

namespace fs = std::filesystem;

namespace hallway {

namespace {

// One file every asset folder has, so an unrelated folder of that name is not taken.
constexpr const char* kMarker = "templates/default_templates.json";

bool holdsAssets(const std::string& dir) {
    std::error_code ec;
    return fs::is_regular_file(fs::path(dir) / kMarker, ec);
}

}  // namespace

std::vector<std::string> assetCandidates(const AssetSearch& search) {
    std::vector<std::string> out;
    if (!search.executable.empty())
        out.push_back((fs::path(search.executable).parent_path() / ".." / "share" / "hallway").lexically_normal().string());
    if (!search.buildTree.empty()) out.push_back(search.buildTree);
    if (!search.environment.empty()) out.push_back(search.environment);
    return out;
}

std::optional<std::string> findAssetsDir(const AssetSearch& search) {
    for (const auto& dir : assetCandidates(search))
        if (holdsAssets(dir)) return dir;
    return std::nullopt;
}

AssetSearch processAssetSearch() {
    AssetSearch search;
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) search.executable = exe.string();
    // Compiled into this one file only, so the rest of the engine's objects do
    // not differ between checkouts (ccache shares them).
    search.buildTree = HALLWAY_BUILD_ASSETS_DIR;
    if (const char* env = std::getenv("HALLWAY_ASSETS_DIR")) search.environment = env;
    return search;
}

std::string assetsDir() {
    AssetSearch search = processAssetSearch();
    if (auto dir = findAssetsDir(search)) return *dir;
    std::string tried;
    for (const auto& dir : assetCandidates(search)) tried += (tried.empty() ? "" : ", ") + dir;
    throw std::runtime_error("cannot find Hallway's assets (" + std::string(kMarker) + ") in " + tried +
                             "; set HALLWAY_ASSETS_DIR to the folder holding them");
}

std::string assetPath(const std::string& relative) { return assetsDir() + "/" + relative; }

}  // namespace hallway
