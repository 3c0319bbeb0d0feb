#include "ui/input_queue.h"

#include <algorithm>
#include <bitset>

namespace hallway::ui {
namespace {

// GLFW's modifier key codes (glfw3.h); the queue needs no GLFW header.
constexpr int kLeftShift = 340, kLeftControl = 341, kLeftAlt = 342, kLeftSuper = 343;
constexpr int kRightShift = 344, kRightControl = 345, kRightAlt = 346, kRightSuper = 347;

bool isModifier(int key) { return key >= kLeftShift && key <= kRightSuper; }

}  // namespace

void InputQueue::key(int key, bool down) {
    if (key < 0 || key >= int(std::size(m_keys))) return;  // GLFW_KEY_UNKNOWN and beyond
    m_events.push_back({Kind::Key, key, down, {}});
}

void InputQueue::character(unsigned int codepoint) {
    if (codepoint == 0) return;
    m_events.push_back({Kind::Char, int(codepoint), false, {}});
}

void InputQueue::mouseButton(int button, bool down, ImVec2 pos) {
    if (button < 0 || button >= int(std::size(m_buttons))) return;
    m_events.push_back({Kind::Mouse, button, down, pos});
}

void InputQueue::feed(ImGuiIO& io) {
    std::bitset<512> keyChanged;
    std::bitset<5> buttonChanged;
    bool keyPressed = false;  // a non-modifier key went down this frame
    bool charsFed = false;
    bool havePos = false;
    ImVec2 pos;
    while (!m_events.empty()) {
        const Event& e = m_events.front();
        if (e.kind == Kind::Key) {
            if (keyChanged[size_t(e.code)]) break;
            // Ctrl held makes ImGui's text box drop the frame's characters.
            if (e.down && isModifier(e.code) && charsFed) break;
            // A modifier let go after a key went down waits a frame, so the key is seen with it (Ctrl+,).
            if (isModifier(e.code) && keyPressed) break;
            keyChanged[size_t(e.code)] = true;
            m_keys[e.code] = e.down;
            if (e.down && !isModifier(e.code)) keyPressed = true;
        } else if (e.kind == Kind::Char) {
            if (keyPressed) break;
            io.AddInputCharacter(unsigned(e.code));
            charsFed = true;
        } else {
            if (buttonChanged[size_t(e.code)]) break;
            // Two buttons in one frame must have been pressed at one place.
            if (havePos && (e.pos.x != pos.x || e.pos.y != pos.y)) break;
            buttonChanged[size_t(e.code)] = true;
            m_buttons[e.code] = e.down;
            havePos = true;
            pos = e.pos;
        }
        m_events.pop_front();
    }
    const int keys = std::min(int(std::size(m_keys)), int(IM_ARRAYSIZE(io.KeysDown)));
    for (int k = 0; k < keys; ++k) io.KeysDown[k] = m_keys[k];
    for (int b = 0; b < int(std::size(m_buttons)); ++b) io.MouseDown[b] = m_buttons[b];
    io.KeyCtrl = m_keys[kLeftControl] || m_keys[kRightControl];
    io.KeyShift = m_keys[kLeftShift] || m_keys[kRightShift];
    io.KeyAlt = m_keys[kLeftAlt] || m_keys[kRightAlt];
    io.KeySuper = m_keys[kLeftSuper] || m_keys[kRightSuper];
    if (havePos) io.MousePos = pos;
}

}  // namespace hallway::ui
