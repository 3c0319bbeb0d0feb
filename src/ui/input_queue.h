// Keyboard and mouse-button events held between frames. Dear ImGui 1.86 reads
// keys and buttons as state (io.KeysDown, io.MouseDown) once per frame, so a
// key pressed and released between two frames never looks pressed: a fast
// Ctrl+2, Enter or double click is lost. The app's GLFW callbacks push events
// here, and each frame takes them in order until one would change a key or
// button that already changed this frame; the rest wait for the next frame.
//
// Characters typed after a key press wait for the next frame too: ImGui's
// text box reads the frame's characters before its keys, so "ab<Enter>cd" in
// one frame would put the Enter after "cd". And a modifier pressed after
// characters waits, as a frame with Ctrl held drops its characters.
#pragma once
#include <imgui.h>

#include <cstddef>
#include <deque>

namespace hallway::ui {

class InputQueue {
public:
    // A key (GLFW key code, the index into io.KeysDown) went down or up.
    void key(int key, bool down);
    // A typed character (a Unicode codepoint).
    void character(unsigned int codepoint);
    // A mouse button went down or up with the pointer at `pos`.
    void mouseButton(int button, bool down, ImVec2 pos);

    // Applies this frame's share of the events to `io` (after the platform
    // backend's NewFrame, before ImGui::NewFrame): key and button state,
    // Ctrl/Shift/Alt/Super from the held keys, characters, and the pointer
    // position of a button event taken this frame. Keys and buttons with no
    // event keep the state they had.
    void feed(ImGuiIO& io);

    // Events still waiting: the loop keeps drawing frames until none are.
    std::size_t pending() const { return m_events.size(); }

private:
    enum class Kind { Key, Char, Mouse };
    struct Event {
        Kind kind;
        int code;  // key, button, or codepoint
        bool down;
        ImVec2 pos;
    };
    std::deque<Event> m_events;
    bool m_keys[512] = {};
    bool m_buttons[5] = {};
};

}  // namespace hallway::ui
