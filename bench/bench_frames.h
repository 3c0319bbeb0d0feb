// hallway-bench --only frames: CPU time per GUI frame of each view at the
// power tier, driven headless (ImGui context, no window, no renderer), and the
// real app's cold start and memory under Xvfb.
#pragma once
#include <filesystem>
#include <string>

#include "bench_data.h"

namespace hallway::bench {

// On the power-tier database at `path` (built by buildPowerTier as `data`):
// one budget per view (median CPU per frame against an empty frame's), then
// resident memory, then cold start of the real app against a bare window.
// `quick`: fewer runs, and no verdicts on the smaller tier.
void benchFrames(const std::string& path, const PowerData& data, const std::filesystem::path& dir, bool quick);

}  // namespace hallway::bench
