// Helpers shared by the test files: temporary folders and file reading.
#pragma once
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>

#include "test_skip.h"

namespace hallway::testing {

// A fresh folder under the system temp dir, removed with the object.
class TempDir {
public:
    TempDir() {
        std::random_device rd;
        m_path = std::filesystem::temp_directory_path() / ("hallway-test-" + std::to_string(rd()) + std::to_string(rd()));
        std::filesystem::create_directories(m_path);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    std::string file(const std::string& name) const { return (m_path / name).string(); }
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

inline std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

inline void writeFile(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
}

// The shared corpus of real-world samples, which is not part of the repository:
// $HALLWAY_CORPUS_DIR when set, else the folder CMake was given (../shared/corpus).
inline std::string corpusDir() {
    const char* dir = std::getenv("HALLWAY_CORPUS_DIR");
    return dir && *dir ? std::string(dir) : std::string(HALLWAY_CORPUS_DIR);
}
inline std::string corpus(const std::string& name) { return corpusDir() + "/" + name; }

// True when the corpus file `name` exists; otherwise prints why, counts the
// test as skipped and returns false. Use through HALLWAY_NEEDS_CORPUS.
inline bool corpusPresent(const std::string& name) {
    if (std::filesystem::exists(corpus(name))) return true;
    std::printf("SKIPPED: %s is absent (the shared corpus is not beside this clone)\n", corpus(name).c_str());
    ++skippedTests();
    return false;
}
// The demo agenda every clone has (14 sessions, 8 speakers, Europe/Lisbon).
inline std::string demoAgenda() { return std::string(HALLWAY_TEST_DATA_DIR) + "/../../assets/demo/hallway-demo.xml"; }
inline std::string testData(const std::string& name) { return std::string(HALLWAY_TEST_DATA_DIR) + "/" + name; }

}  // namespace hallway::testing

// First line of a test case that reads the shared corpus: skips it when absent.
#define HALLWAY_NEEDS_CORPUS(name) \
    do {                             \
        if (!::hallway::testing::corpusPresent(name)) return; \
    } while (0)
