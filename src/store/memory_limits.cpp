#include "store/memory_limits.h"

#include <sqlite3.h>

namespace hallway {

void limitSqliteMemory(std::int64_t bytes) { sqlite3_soft_heap_limit64(bytes); }

std::int64_t sqliteMemoryUsed() { return sqlite3_memory_used(); }

}  // namespace hallway
