// Small widgets shared by the views. Sizes follow the current font.
#pragma once
#include <imgui.h>

#include <string>

namespace hallway::ui {

// A button that looks pressed when `selected` (segmented controls, day picker).
bool segmentButton(const char* label, bool selected);
// Wrapped text in the muted colour; keeps an outer wrap position when one is set.
void mutedWrapped(const char* text);
// `text` in `font` (the current font when null).
void headingText(ImFont* font, const char* text);
// Text in the current table cell, cut with "…" to the cell's width and
// centred in a frame-high row; colour 0 = normal text. True when it was cut.
bool cellText(const std::string& text, ImU32 colour);
// A group of about `width` x `height` centred in the remaining space; text in
// it wraps at its right edge. Pair with endCenteredBlock().
void beginCenteredBlock(float width, float height);
void endCenteredBlock();

}  // namespace hallway::ui
