// Test helper: one agenda or contacts import in its own process, so a test can
// kill it mid-way: `import_runner agenda|contacts DB FILE`. Prints "start"
// before importing and "done" after it committed.
#include <cstdio>
#include <cstring>
#include <string>

#include "services/import_service.h"
#include "services/people_service.h"
#include "store/store.h"

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: import_runner agenda|contacts DB FILE\n");
        return 2;
    }
    try {
        hallway::Store store(argv[2]);
        std::printf("start\n");
        std::fflush(stdout);
        if (std::strcmp(argv[1], "agenda") == 0) hallway::importAgendaFile(store, argv[3], {});
        else hallway::importContactsFile(store, argv[3], {});
        std::printf("done\n");
        std::fflush(stdout);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "import_runner: %s\n", e.what());
        return 1;
    }
    return 0;
}
