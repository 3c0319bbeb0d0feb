// How much memory SQLite may keep for the desktop app: the store asks for a
// 64 MiB page cache so large imports stay in memory, which a long GUI session
// would otherwise fill with pages it read once.
#pragma once
#include <cstdint>

namespace hallway {

// A soft limit on all of SQLite's heap in this process: above it, SQLite
// recycles clean cached pages before allocating more (pages a write has
// changed are kept until they are written, so imports are not slowed).
void limitSqliteMemory(std::int64_t bytes);
// Bytes SQLite has allocated now, for measurements.
std::int64_t sqliteMemoryUsed();

}  // namespace hallway
