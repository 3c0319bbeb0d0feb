#pragma once
#include <chrono>

// Work that can wait for the app's first frame (the store's integrity check,
// the rest of a big agenda, sync and agenda refresh at start) waits here while
// the window opens: on a 2-core machine it would otherwise take the first
// frame's CPU. Nothing is held unless the app closes the hold; it opens after
// the first frame is shown, or when someone needs held work at once.
namespace hallway::startup_hold {

// No held thread waits longer than this, whether or not a frame came.
inline constexpr std::chrono::seconds kLimit{3};

void close();
void open();
// Returns at once when the hold is open; else when it opens or after kLimit.
void waitWhileClosed();

}  // namespace hallway::startup_hold
