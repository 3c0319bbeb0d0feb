// Drives ImGui frames with no window, renderer or backend: a context with a
// built font atlas and a dummy texture id, and helpers to move the mouse,
// click and type between frames. ImGui 1.86 reads input from io's state
// fields (MousePos, MouseDown, KeysDown), so that is what these set.
#pragma once
#include <imgui.h>
#include <imgui_internal.h>

#include <cfloat>
#include <cstdint>
#include <functional>

#include "ui/fonts.h"
#include "ui/input_queue.h"
#include "ui/plan_view.h"
#include "ui/ui_widgets.h"

namespace hallway::testing {

class HeadlessUi {
public:
    explicit HeadlessUi(float width = 1280.0f, float height = 800.0f) {
        m_context = ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.LogFilename = nullptr;
        io.DisplaySize = ImVec2(width, height);
        io.DeltaTime = 1.0f / 60.0f;
        fonts = ui::loadFonts(16.0f);
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
        io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(1)));
        io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
        // The GLFW backend's key map: io.KeysDown is indexed by GLFW key codes.
        io.KeyMap[ImGuiKey_Tab] = 258;
        io.KeyMap[ImGuiKey_Enter] = 257;
        io.KeyMap[ImGuiKey_Escape] = 256;
        io.KeyMap[ImGuiKey_Backspace] = 259;
        io.KeyMap[ImGuiKey_UpArrow] = 265;
        io.KeyMap[ImGuiKey_DownArrow] = 264;
        io.KeyMap[ImGuiKey_PageUp] = 266;
        io.KeyMap[ImGuiKey_PageDown] = 267;
    }
    ~HeadlessUi() { ImGui::DestroyContext(m_context); }
    HeadlessUi(const HeadlessUi&) = delete;
    HeadlessUi& operator=(const HeadlessUi&) = delete;

    void setDraw(std::function<void()> draw) { m_draw = std::move(draw); }
    // Feeds `queue` before each frame, as the app does after the GLFW backend.
    void useQueue(ui::InputQueue* queue) { m_queue = queue; }

    // One frame: NewFrame, the draw function, Render.
    void frame() {
        if (m_queue) m_queue->feed(ImGui::GetIO());
        ImGui::NewFrame();
        if (m_draw) m_draw();
        ImGui::Render();
    }
    void frames(int n) {
        for (int i = 0; i < n; ++i) frame();
    }

    void moveMouse(ImVec2 pos) {
        ImGui::GetIO().MousePos = pos;
        frame();
    }
    // Moves there, presses and releases the left button, one frame each.
    void click(ImVec2 pos) {
        moveMouse(pos);
        ImGui::GetIO().MouseDown[0] = true;
        frame();
        ImGui::GetIO().MouseDown[0] = false;
        frame();
        // Far away and long after, so the next click is never a double click.
        ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
        ImGui::GetIO().DeltaTime = 1.0f;
        frame();
        ImGui::GetIO().DeltaTime = 1.0f / 60.0f;
    }
    void click(const ui::WidgetRect& rect) { click(rect.center()); }
    // Two clicks in quick succession at `pos`: a double click.
    void doubleClick(ImVec2 pos) {
        moveMouse(pos);
        for (int i = 0; i < 2; ++i) {
            ImGui::GetIO().MouseDown[0] = true;
            frame();
            ImGui::GetIO().MouseDown[0] = false;
            frame();
        }
        ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
        ImGui::GetIO().DeltaTime = 1.0f;
        frame();
        ImGui::GetIO().DeltaTime = 1.0f / 60.0f;
    }
    void doubleClick(const ui::WidgetRect& rect) { doubleClick(rect.center()); }
    void type(const char* utf8) {
        ImGui::GetIO().AddInputCharactersUTF8(utf8);
        frame();
    }
    // Presses and releases `key` (a GLFW key code), one frame each.
    void key(int key) {
        ImGuiIO& io = ImGui::GetIO();
        io.KeysDown[key] = true;
        frame();
        io.KeysDown[key] = false;
        frame();
    }
    static constexpr int kEnter = 257;
    static constexpr int kEscape = 256;
    static constexpr int kBackspace = 259;
    static constexpr int kUp = 265;
    static constexpr int kDown = 264;
    static constexpr int kPageUp = 266;
    static constexpr int kPageDown = 267;

    // Holds Ctrl and presses `key` (a GLFW key code: letters are ASCII upper case).
    void ctrlKey(int key) {
        ImGuiIO& io = ImGui::GetIO();
        io.KeyCtrl = true;
        io.KeysDown[key] = true;
        frame();
        io.KeysDown[key] = false;
        io.KeyCtrl = false;
        frame();
    }

    ui::FontSet fonts;

private:
    ImGuiContext* m_context = nullptr;
    std::function<void()> m_draw;
    ui::InputQueue* m_queue = nullptr;
};

}  // namespace hallway::testing
