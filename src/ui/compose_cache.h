#pragma once
#include <string>

// libX11 parses the locale's whole Compose file (dead keys, the Compose key)
// when GLFW opens the input method: 15 ms of the window's start, every start.
// It keeps a parsed copy only in a folder that exists already (XCOMPOSECACHE,
// else ~/.compose-cache), which few desktops make. The app offers its own
// cache folder for it, so the parse happens once per Compose file.
namespace hallway::ui {

// Before glfwInit, while the process has one thread (it sets an environment
// variable). Leaves a user's own XCOMPOSECACHE or ~/.compose-cache alone.
// Returns the folder it set, or empty when it set none.
std::string offerComposeCache(const std::string& appCacheDir);

}  // namespace hallway::ui
