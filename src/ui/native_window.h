// What the desktop knows the app's window by, for the XDG portal's
// parent_window: the one place that asks GLFW for the native window.
#pragma once
#include <string>

struct GLFWwindow;

namespace hallway::ui {

// "x11:XID" for a window on X11 (XWayland included); '' where GLFW has no X11
// window to give (a Wayland-only GLFW build), and the portal centres its
// dialog on its own.
std::string portalHandleOf(GLFWwindow* window);

}  // namespace hallway::ui
