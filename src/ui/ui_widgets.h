// Small widgets shared by the views. Sizes follow the current font.
#pragma once
#include <imgui.h>

#include <string>

namespace hallway::ui {

// A button that looks pressed when `selected` (segmented controls, day picker).
bool segmentButton(const char* label, bool selected);

// A modal dialog near the top third of the window, `widthEm` font sizes wide
// (at most 90% of it). Opens it when `open` is set (and clears it). True when
// it shows: draw its content, then ImGui::EndPopup().
bool beginDialog(const char* id, bool& open, float widthEm);
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
