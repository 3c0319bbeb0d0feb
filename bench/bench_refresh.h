// hallway-bench --only refresh: what a refresh of the live agenda costs when
// nothing changed (issue 16: under 50 ms of CPU on the refreshing thread, no
// frame over 2 ms), against an agenda served on 127.0.0.1.
#pragma once
#include <filesystem>
#include <string>

#include "bench_data.h"

namespace hallway::bench {

// On the database at `path` (the power tier as `data`): a 1,000-session
// agenda imported once by URL, then refreshes with no change through the
// app's refresh worker, from a server answering 304 and from one sending the
// same body again; then Plan's frames while such refreshes run.
void benchRefresh(const std::string& path, const PowerData& data, int runs, bool quick);

}  // namespace hallway::bench
