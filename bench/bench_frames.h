// hallway-bench --only frames: CPU time per GUI frame of each view at the
// power tier, driven headless (ImGui context, no window, no renderer), and the
// real app's cold start and memory under Xvfb.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "bench_data.h"

namespace hallway::ui {
class LiveEvent;
}

namespace hallway::bench {

// On the power-tier database at `path` (built by buildPowerTier as `data`):
// one budget per view (median CPU per frame against an empty frame's), then
// resident memory, then cold start of the real app against a bare window.
// `quick`: fewer runs, and no verdicts on the smaller tier.
void benchFrames(const std::string& path, const PowerData& data, const std::filesystem::path& dir, bool quick);

struct RefreshFrames {
    std::vector<double> frames;  // CPU per frame in ms, the app loop's LiveEvent::update included
    int refreshes = 0;
    double emptyFrameMs = 0;     // the floor: an empty frame's median
};
// Plan's day grid on `eventId` of the database at `path`, 60 frames a second,
// while `live`'s worker refreshes it `refreshes` times (each asked for as
// Ctrl+R asks): every frame from the request to three frames after the end.
RefreshFrames framesDuringRefresh(const std::string& path, Instant now, RowId eventId, ui::LiveEvent& live,
                                  int refreshes);

}  // namespace hallway::bench
