# SQLite 3 (libsqlite3-dev): the database, with FTS5.
include_guard(GLOBAL)
find_package(SQLite3 REQUIRED)
add_library(hallway::sqlite3 INTERFACE IMPORTED)
target_link_libraries(hallway::sqlite3 INTERFACE SQLite::SQLite3)
