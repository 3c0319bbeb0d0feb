#include "ui/gl_window.h"

#include <GLFW/glfw3.h>

#include <cstdlib>
#include <cstring>

namespace hallway::ui {

// EGL first: on X11 with Mesa it opens the window about 45 ms sooner, because
// GLFW's choice among GLX's framebuffer configurations makes some 23,000 calls
// into libglvnd's GLX dispatcher, each one a getpid() system call. GL itself
// goes through libglvnd's dispatch either way, so ImGui's backend and our own
// GL calls need nothing else. HALLWAY_GL=glx skips EGL, for a driver whose
// EGL misbehaves.
GlWindow openGlWindow(int width, int height, const char* title, bool fixed) {
    struct Attempt {
        bool egl;
        int minor;
        const char* glsl;
        const char* description;
    };
    const Attempt attempts[] = {{true, 3, "#version 330 core", "OpenGL 3.3 core (EGL)"},
                                {false, 3, "#version 330 core", "OpenGL 3.3 core"},
                                {false, 0, "#version 130", "OpenGL 3.0"}};
    const char* forced = std::getenv("HALLWAY_GL");
    const bool eglAllowed = !(forced && std::strcmp(forced, "glx") == 0);
    GlWindow w;
    for (const Attempt& a : attempts) {
        if (a.egl && !eglAllowed) continue;
        glfwDefaultWindowHints();
        glfwWindowHint(GLFW_SCALE_TO_MONITOR, fixed ? GLFW_FALSE : GLFW_TRUE);
        glfwWindowHint(GLFW_RESIZABLE, fixed ? GLFW_FALSE : GLFW_TRUE);
        // ImGui draws with neither; on software GL each would be another
        // window-sized buffer to allocate and fill.
        glfwWindowHint(GLFW_DEPTH_BITS, 0);
        glfwWindowHint(GLFW_STENCIL_BITS, 0);
        glfwWindowHint(GLFW_CONTEXT_CREATION_API, a.egl ? GLFW_EGL_CONTEXT_API : GLFW_NATIVE_CONTEXT_API);
        glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
        glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, a.minor);
        if (a.minor == 3) {
            glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
            glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
        }
        w.handle = glfwCreateWindow(width, height, title, nullptr, nullptr);
        if (w.handle) {
            w.glslVersion = a.glsl;
            w.description = a.description;
            w.swizzle = a.minor == 3;
            return w;
        }
    }
    return w;
}

}  // namespace hallway::ui
