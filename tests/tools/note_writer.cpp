// Test helper: saves notes through the capture service in a loop and prints
// each note's id only after saveNote returned (committed). Used by the crash
// and concurrency tests: `note_writer DB COUNT TAG`.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "services/capture_service.h"
#include "store/store.h"

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: note_writer DB COUNT TAG\n");
        return 2;
    }
    try {
        hallway::Store store(argv[1]);
        int count = std::atoi(argv[2]);
        for (int i = 0; i < count; ++i) {
            hallway::NoteInput in;
            in.body = std::string(argv[3]) + " note " + std::to_string(i) + ": met someone at the booth #promise send slides";
            auto saved = hallway::saveNote(store, in);
            std::printf("%lld\n", static_cast<long long>(saved.noteId));
            std::fflush(stdout);
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "note_writer: %s\n", e.what());
        return 1;
    }
    return 0;
}
