#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

#include "ui/compose_cache.h"

using namespace hallway::ui;
namespace fs = std::filesystem;

namespace {

// Sets an environment variable for one test and puts the old value back.
class EnvFor {
public:
    EnvFor(const char* name, const std::optional<std::string>& value) : m_name(name) {
        if (const char* old = std::getenv(name)) m_old = old;
        if (value) setenv(name, value->c_str(), 1);
        else unsetenv(name);
    }
    ~EnvFor() {
        if (m_old) setenv(m_name, m_old->c_str(), 1);
        else unsetenv(m_name);
    }

private:
    const char* m_name;
    std::optional<std::string> m_old;
};

fs::path freshFolder(const char* tag) {
    fs::path dir = fs::temp_directory_path() / ("hallway-compose-" + std::string(tag) + "-" + std::to_string(getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

}  // namespace

TEST_CASE("the app offers libX11 a private folder to keep its parsed Compose table in", "[compose]") {
    const fs::path home = freshFolder("home");
    EnvFor homeVar("HOME", home.string());
    EnvFor cacheVar("XCOMPOSECACHE", std::nullopt);
    const std::string appCache = (home / ".cache" / "hallway").string();

    const std::string offered = offerComposeCache(appCache);
    CHECK(offered == appCache + "/compose");
    REQUIRE(std::getenv("XCOMPOSECACHE") != nullptr);
    CHECK(std::string(std::getenv("XCOMPOSECACHE")) == offered);
    struct stat info {};
    REQUIRE(stat(offered.c_str(), &info) == 0);
    CHECK(S_ISDIR(info.st_mode));
    CHECK((info.st_mode & 0777) == 0700);  // libX11 ignores a folder others can write to
    fs::remove_all(home);
}

TEST_CASE("a user's own Compose cache is left as it is", "[compose]") {
    const fs::path home = freshFolder("own");
    EnvFor homeVar("HOME", home.string());
    const std::string appCache = (home / ".cache" / "hallway").string();
    SECTION("named by XCOMPOSECACHE") {
        EnvFor cacheVar("XCOMPOSECACHE", std::string("/somewhere/of/theirs"));
        CHECK(offerComposeCache(appCache).empty());
        CHECK(std::string(std::getenv("XCOMPOSECACHE")) == "/somewhere/of/theirs");
    }
    SECTION("libX11's default, ~/.compose-cache") {
        EnvFor cacheVar("XCOMPOSECACHE", std::nullopt);
        fs::create_directories(home / ".compose-cache");
        CHECK(offerComposeCache(appCache).empty());
        CHECK(std::getenv("XCOMPOSECACHE") == nullptr);
    }
    CHECK_FALSE(fs::exists(appCache + "/compose"));
    fs::remove_all(home);
}
