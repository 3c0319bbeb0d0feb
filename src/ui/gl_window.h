#pragma once
// The window and its OpenGL context, opened the one way the app and its
// cold-start floor (bench/bare_window.cpp) both use.

#include <string>

struct GLFWwindow;

namespace hallway::ui {

struct GlWindow {
    GLFWwindow* handle = nullptr;  // null: no context could be made (glfw's error callback said why)
    const char* glslVersion = nullptr;
    std::string description;  // "OpenGL 3.3 core (EGL)"
    bool swizzle = false;     // OpenGL 3.3: a texture's channels can be swizzled
};

// OpenGL 3.3 core through EGL, else through GLX, else OpenGL 3.0, with no
// depth or stencil buffer. `fixed`: a window that neither resizes nor follows
// the monitor's scale (screenshots, the benchmark). Needs glfwInit.
GlWindow openGlWindow(int width, int height, const char* title, bool fixed);

}  // namespace hallway::ui
