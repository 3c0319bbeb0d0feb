#include "core/startup_heap.h"

#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#if defined(__linux__) && defined(__GLIBC__)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#define HALLWAY_BRK_HEAP 1
#endif

namespace hallway::startup_heap {

namespace {
// Enough for the GL driver, the atlas and the first view: at the power tier
// the main heap does not grow past it before the first frame.
constexpr int kStartupPad = 32 << 20;
// glibc's own cap for its moving mmap threshold: blocks below it come from
// the heap (huge pages) instead of a fresh mapping faulted page by page.
constexpr int kMmapThreshold = 32 << 20;
// After the first frame. glibc stops moving its thresholds once they are set,
// so they are set to what keeps a whole session's peak where it was without
// any of this (184 MB against 188 with every view open, power tier): big
// blocks get their own mapping again and the heap gives back what it frees.
constexpr int kDefaultPad = 128 << 10;  // glibc's default M_TOP_PAD
constexpr int kLaterMmapThreshold = 512 << 10;
constexpr int kLaterTrim = 2 * kLaterMmapThreshold;
constexpr std::uintptr_t kHugePage = std::uintptr_t(2) << 20;
std::uintptr_t g_breakAtStart = 0;
constexpr std::uintptr_t kArenaHeapSize = std::uintptr_t(64) << 20;
}  // namespace

Prepared prepare() {
    Prepared prepared;
#ifdef HALLWAY_BRK_HEAP
    // Until the first frame a free at the top keeps the heap as it is: given
    // back and grown again, the new part would not be on huge pages.
    if (mallopt(M_MMAP_THRESHOLD, kMmapThreshold) != 1 || mallopt(M_TOP_PAD, kStartupPad) != 1 ||
        mallopt(M_TRIM_THRESHOLD, kStartupPad * 2) != 1)
        return prepared;
    const auto before = reinterpret_cast<std::uintptr_t>(sbrk(0));
    g_breakAtStart = before;
    // A block bigger than the heap's free top makes malloc grow it, by the pad too.
    // (volatile: the compiler may otherwise drop a malloc that is only freed)
    void* volatile grow = std::malloc(mallinfo2().keepcost + (std::size_t(1) << 20));
    std::free(grow);
    const auto after = reinterpret_cast<std::uintptr_t>(sbrk(0));
    const std::uintptr_t from = (before + kHugePage - 1) & ~(kHugePage - 1);
    if (after <= from) return prepared;  // the heap could not grow in place (e.g. no brk room)
    prepared.ok = madvise(reinterpret_cast<void*>(from), after - from, MADV_HUGEPAGE) == 0;
    if (prepared.ok) prepared.advisedBytes = after - from;
#endif
    return prepared;
}

bool adviseThisThreadsArena() {
#ifdef HALLWAY_BRK_HEAP
    void* volatile probe = std::malloc(64);
    const auto at = reinterpret_cast<std::uintptr_t>(probe);
    std::free(probe);
    // A thread's arena is one mapping aligned to its size (glibc's HEAP_MAX_SIZE);
    // the main arena's heap is the "[heap]" mapping, left alone here.
    const std::uintptr_t heap = at & ~(kArenaHeapSize - 1);
    std::ifstream maps("/proc/self/maps");
    std::string line;
    while (std::getline(maps, line)) {
        std::uintptr_t from = 0, to = 0;
        if (std::sscanf(line.c_str(), "%" SCNxPTR "-%" SCNxPTR, &from, &to) != 2 || at < from || at >= to) continue;
        const bool anonymous = line.find('/') == std::string::npos && line.find('[') == std::string::npos;
        if (!anonymous || from != heap) return false;
        return madvise(reinterpret_cast<void*>(heap), kArenaHeapSize, MADV_HUGEPAGE) == 0;
    }
#endif
    return false;
}

void finish() {
#ifdef HALLWAY_BRK_HEAP
    mallopt(M_TOP_PAD, kDefaultPad);
    mallopt(M_TRIM_THRESHOLD, kLaterTrim);
    mallopt(M_MMAP_THRESHOLD, kLaterMmapThreshold);
#endif
}

std::size_t mainHeapGrowth() {
#ifdef HALLWAY_BRK_HEAP
    const auto now = reinterpret_cast<std::uintptr_t>(sbrk(0));
    return g_breakAtStart && now > g_breakAtStart ? now - g_breakAtStart : 0;
#else
    return 0;
#endif
}

}  // namespace hallway::startup_heap
