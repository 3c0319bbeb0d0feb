#pragma once
#include <cstddef>

// Page faults are the costliest thing the window's first frame does on a
// small machine: the GL driver's buffers and the first frame's draw lists
// fault in 4 KB at a time. The app asks for its heap to be grown in one
// piece and backed by 2 MB pages (where the kernel's transparent huge pages
// are "madvise" or "always"), as glibc's own glibc.malloc.hugetlb=1 tunable
// would, but without an environment variable set before the process starts.
namespace hallway::startup_heap {

struct Prepared {
    std::size_t advisedBytes = 0;  // of the heap, backed by huge pages where the kernel can
    bool ok = false;               // false where the platform has no brk heap or madvise said no
};

// Call first thing in the GUI's start, before other threads allocate.
Prepared prepare();
// For a thread started before the first frame: its own arena (glibc gives
// each of the first threads one) is backed by huge pages too. Returns false
// where the thread shares the main heap or the platform has no arenas.
bool adviseThisThreadsArena();
// After the first frame: the heap shrinks again as memory is freed.
void finish();
// How far the main heap has grown since prepare() (0 where unknown), for
// the startup timing line.
std::size_t mainHeapGrowth();

}  // namespace hallway::startup_heap
