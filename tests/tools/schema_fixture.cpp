// Makes an empty Hallway database at an old schema version, for the SQL
// fixtures in tests/store/fixtures (see make_fixtures.sh there):
// `schema_fixture DB VERSION`.
#include <cstdio>
#include <cstdlib>

#include "store/store.h"

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: schema_fixture DB VERSION\n");
        return 2;
    }
    try {
        hallway::Store::OpenOptions options;
        options.migrateTo = std::atoi(argv[2]);
        hallway::Store store(argv[1], options);
        std::printf("%s at schema %d\n", argv[1], store.schemaVersion());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "schema_fixture: %s\n", e.what());
        return 1;
    }
    return 0;
}
