// hallway-bare-window: the floor of Hallway's cold start. The least a Dear
// ImGui app on GLFW + OpenGL 3 with Hallway's fonts does before its first
// frame: open the window, rasterise the same fonts, upload the atlas the
// backend's way, draw one line of text, swap. Prints "first frame after N ms"
// on stderr, as the app does with HALLWAY_STARTUP_TIMING. hallway-bench runs
// it under Xvfb beside the app; it opens the same 1280x800 window.
// `--gl-only`: no ImGui and no fonts, one cleared swap: the part of any cold
// start that is the machine's window system and GL driver.
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <chrono>
#include <cstdio>
#include <cstring>

#include "ui/fonts.h"
#include "ui/gl_window.h"

namespace {
void printFirstFrame(std::chrono::steady_clock::time_point started) {
    std::fprintf(stderr, "hallway-bare-window: first frame after %.1f ms\n",
                 std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count());
}
}  // namespace

int main(int argc, char** argv) {
    const auto started = std::chrono::steady_clock::now();
    const bool glOnly = argc > 1 && std::strcmp(argv[1], "--gl-only") == 0;
    if (!glfwInit()) {
        std::fprintf(stderr, "hallway-bare-window: no window system (run it under xvfb-run)\n");
        return 1;
    }
    // The app's own way to a window and context (EGL first, no depth buffer).
    const hallway::ui::GlWindow opened = hallway::ui::openGlWindow(1280, 800, "bare", true);
    GLFWwindow* window = opened.handle;
    if (!window || !opened.swizzle) {
        std::fprintf(stderr, "hallway-bare-window: no OpenGL 3.3 core context\n");
        glfwTerminate();
        return 1;
    }
    glfwMakeContextCurrent(window);
    glfwSwapInterval(0);
    if (glOnly) {
        glClearColor(0.1f, 0.1f, 0.1f, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        glfwSwapBuffers(window);
        printFirstFrame(started);
        glfwDestroyWindow(window);
        glfwTerminate();
        return 0;
    }

    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;
    hallway::ui::loadFonts(16.0f);
    ImGui::GetIO().Fonts->Build();
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init(opened.glslVersion);

    ImGui_ImplOpenGL3_NewFrame();  // uploads the font atlas
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
    ImGui::Begin("Hallway", nullptr, ImGuiWindowFlags_NoDecoration);
    ImGui::TextUnformatted("Hallway");
    ImGui::End();
    ImGui::Render();
    int width = 0, height = 0;
    glfwGetFramebufferSize(window, &width, &height);
    glViewport(0, 0, width, height);
    glClearColor(0.1f, 0.1f, 0.1f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    glfwSwapBuffers(window);
    printFirstFrame(started);

    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    return 0;
}
