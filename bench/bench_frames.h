// hallway-bench --only frames: CPU time per GUI frame of each view at the
// power tier, driven headless (ImGui context, no window, no renderer).
#pragma once
#include <filesystem>

namespace hallway::bench {

// Builds a power-tier database in `dir` (50,000 people, 20,000 sessions,
// 500,000 notes, a follow-up queue), then prints one line per view: median,
// p99 and max CPU ms per frame, the slowest frame after a data change made
// through the view (its models rebuild), and the slowest while opening it.
void benchFrames(const std::filesystem::path& dir);

// The same power-tier database, built at `path` for other benchmarks.
void buildPowerTierDatabase(const std::string& path);

}  // namespace hallway::bench
