// Test helper: one follow-up queue generation in its own process, so a test
// can kill it mid-way: `queue_runner DB EVENT_ID TODAY`. Prints "start" once
// the database is open and "done N" (items added) after the run committed.
#include <cstdio>
#include <cstdlib>

#include "core/followup.h"
#include "services/followup_service.h"
#include "store/store.h"

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: queue_runner DB EVENT_ID TODAY\n");
        return 2;
    }
    try {
        hallway::Store store(argv[1]);
        std::printf("start\n");
        std::fflush(stdout);
        auto report = hallway::generateQueue(store, std::atoll(argv[2]), argv[3]);
        std::printf("done %zu\n", report.added.size());
        std::fflush(stdout);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "queue_runner: %s\n", e.what());
        return 1;
    }
    return 0;
}
