#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/startup_heap.h"

using namespace hallway;

namespace {

// The VmFlags line of the mapping that holds `address`, from /proc/self/smaps.
std::string mappingFlags(std::uintptr_t address) {
    std::ifstream smaps("/proc/self/smaps");
    std::string line;
    bool inside = false;
    while (std::getline(smaps, line)) {
        std::uintptr_t from = 0, to = 0;
        char dash = 0;
        std::istringstream head(line);
        if (line.find("VmFlags:") == 0) {
            if (inside) return line;
            continue;
        }
        if (head >> std::hex >> from >> dash >> to && dash == '-') inside = from <= address && address < to;
    }
    return {};
}

bool kernelOffersHugePages() {
    std::ifstream mode("/sys/kernel/mm/transparent_hugepage/enabled");
    std::string text;
    std::getline(mode, text);
    return !text.empty() && text.find("[never]") == std::string::npos;
}

}  // namespace

TEST_CASE("the GUI's heap is grown at start in one piece on huge pages, and shrinks after", "[startup]") {
#if defined(__linux__) && defined(__GLIBC__)
    const startup_heap::Prepared prepared = startup_heap::prepare();
    const auto top = reinterpret_cast<std::uintptr_t>(sbrk(0));
    if (kernelOffersHugePages()) {
        REQUIRE(prepared.ok);
        CHECK(prepared.advisedBytes >= (std::size_t(16) << 20));
        // " hg" is how smaps shows MADV_HUGEPAGE on a mapping.
        CHECK(mappingFlags(top - 4096).find(" hg") != std::string::npos);
        CHECK(startup_heap::mainHeapGrowth() >= prepared.advisedBytes);
    }
    // An 8 MB block is served from the grown heap, not a mapping of its own
    // faulted in page by page.
    void* volatile block = std::malloc(std::size_t(8) << 20);
    const auto at = reinterpret_cast<std::uintptr_t>(block);
    CHECK(at < top);
    CHECK(at + (std::size_t(8) << 20) <= top);
    std::free(block);

    // Once the first frame is up, a free gives the unused pad back, and a
    // big block has a mapping of its own again, given back when freed.
    startup_heap::finish();
    std::vector<void*> blocks;
    for (int i = 0; i < 20; ++i) blocks.push_back(std::malloc(200 << 10));
    for (void* b : blocks) std::free(b);
    if (prepared.ok) {
        CHECK(reinterpret_cast<std::uintptr_t>(sbrk(0)) + (std::size_t(16) << 20) < top);
    }
    void* volatile big = std::malloc(std::size_t(8) << 20);
    // (mappings are placed above the heap)
    CHECK(reinterpret_cast<std::uintptr_t>(big) > reinterpret_cast<std::uintptr_t>(sbrk(0)));
    std::free(big);
#else
    CHECK_FALSE(startup_heap::prepare().ok);
#endif
}

TEST_CASE("a thread started before the first frame has its own arena on huge pages", "[startup]") {
#if defined(__linux__) && defined(__GLIBC__)
    bool advised = false;
    std::string flags;
    std::thread reader([&] {
        advised = startup_heap::adviseThisThreadsArena();
        void* volatile block = std::malloc(4096);
        flags = mappingFlags(reinterpret_cast<std::uintptr_t>(block));
        std::free(block);
    });
    reader.join();
    if (kernelOffersHugePages()) {
        CHECK(advised);
        CHECK(flags.find(" hg") != std::string::npos);
    }
    // The main thread's heap is not a thread's arena: it is left as it is.
    CHECK_FALSE(startup_heap::adviseThisThreadsArena());
#endif
}
