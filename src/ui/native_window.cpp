#include "ui/native_window.h"

#include <dlfcn.h>

#include "ui/portal_chooser.h"

namespace hallway::ui {

std::string portalHandleOf(GLFWwindow* window) {
    // Looked up at run time rather than linked: Debian's Wayland build of
    // GLFW (libglfw3-wayland, the same soname) has no glfwGetX11Window, and a
    // linked symbol would stop the app from starting there. Nor is Xlib.h
    // included anywhere: an X11 Window is an unsigned long.
    using GetX11Window = unsigned long (*)(GLFWwindow*);
    const auto getX11Window = reinterpret_cast<GetX11Window>(dlsym(RTLD_DEFAULT, "glfwGetX11Window"));
    if (!window || !getX11Window) return {};
    const unsigned long xid = getX11Window(window);
    return xid ? x11ParentWindow(xid) : std::string();
}

}  // namespace hallway::ui
