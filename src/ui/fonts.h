// Finds fonts with fontconfig and loads them into ImGui's atlas.
#pragma once
#include <string>

struct ImFont;

namespace hallway::ui {

struct FontSet {
    ImFont* body = nullptr;     // default font of every widget
    ImFont* heading = nullptr;  // larger, for titles in detail panels and empty states
    std::string description;    // "DejaVu Sans 16px + Noto Sans CJK JP", for logs
    std::string note;           // non-empty when something was missing; shown in the status line
};

// Adds the body and heading fonts to ImGui's current atlas (Latin, Latin
// Extended, Greek, Cyrillic, punctuation and the symbols the UI uses; CJK when
// fontconfig finds a font that has it). Falls back to ImGui's built-in font.
// Call before the atlas is built.
// fonts.cpp also holds the stb_truetype/stb_rect_pack code ImGui's atlas needs
// (see there): a binary that builds an atlas must call this.
FontSet loadFonts(float bodyPixelSize);

}  // namespace hallway::ui
