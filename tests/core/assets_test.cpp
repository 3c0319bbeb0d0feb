#include <catch2/catch.hpp>

#include <filesystem>
#include <stdexcept>

#include "core/assets.h"
#include "services/demo.h"
#include "test_support.h"

using namespace hallway;
using hallway::testing::TempDir;
namespace fs = std::filesystem;

namespace {

// Makes DIR look like an asset folder (the marker file is all findAssetsDir checks).
std::string makeAssets(const fs::path& dir) {
    fs::create_directories(dir / "templates");
    hallway::testing::writeFile((dir / "templates" / "default_templates.json").string(), "[]");
    return dir.string();
}

}  // namespace

TEST_CASE("an installed binary finds its assets in ../share/hallway before anything else") {
    TempDir root;
    std::string installed = makeAssets(root.path() / "usr" / "share" / "hallway");
    std::string tree = makeAssets(root.path() / "src" / "assets");
    std::string env = makeAssets(root.path() / "env");
    AssetSearch search{(root.path() / "usr" / "bin" / "hallway").string(), tree, env};
    REQUIRE(findAssetsDir(search) == installed);
}

TEST_CASE("without an installed copy the build tree's assets come next, then HALLWAY_ASSETS_DIR") {
    TempDir root;
    std::string tree = makeAssets(root.path() / "src" / "assets");
    std::string env = makeAssets(root.path() / "env");
    std::string exe = (root.path() / "build" / "hallway").string();
    REQUIRE(findAssetsDir({exe, tree, env}) == tree);
    // The source tree moved away (a package built elsewhere): the environment is used.
    REQUIRE(findAssetsDir({exe, (root.path() / "gone").string(), env}) == env);
    // A folder without the templates is not taken for the assets.
    fs::create_directories(root.path() / "share" / "hallway");
    REQUIRE(findAssetsDir({exe, (root.path() / "gone").string(), ""}) == std::nullopt);
}

TEST_CASE("the candidates are listed in search order, empty places skipped") {
    auto list = assetCandidates({"/opt/hw/bin/hallway", "", "/env/assets"});
    REQUIRE(list == std::vector<std::string>{"/opt/hw/share/hallway", "/env/assets"});
}

TEST_CASE("a test binary in the build tree finds the source tree's assets and the demo agenda") {
    std::string dir = assetsDir();
    REQUIRE(fs::is_regular_file(fs::path(dir) / "templates" / "default_templates.json"));
    REQUIRE(fs::is_regular_file(demoAgendaPath()));
}
