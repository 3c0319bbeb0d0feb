#pragma once
#include <filesystem>

namespace hallway::bench {
// A first sync round of 2,000 people and 500 follow-ups to a local Radicale,
// then rounds with nothing changed (DESIGN.md: under 10 s and under 200 ms).
void benchSync(const std::filesystem::path& dir, int runs);
}  // namespace hallway::bench
