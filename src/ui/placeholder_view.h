// The calm empty state of a mode that is not built yet: what it will do, and
// that it is not in this version. Shows no made-up data.
#pragma once
#include <imgui.h>

namespace hallway::ui {

struct PlaceholderText {
    const char* title;    // "Capture"
    const char* promise;  // what the mode will do, one or two sentences
    const char* meanwhile;  // what the user can do today instead
};

// Capture, Follow up and People.
const PlaceholderText& captureText();
const PlaceholderText& followUpText();
const PlaceholderText& peopleText();

// Draws `text` centred in the remaining space.
void drawPlaceholder(const PlaceholderText& text, ImFont* headingFont);

}  // namespace hallway::ui
