// Text as it must be drawn, for scripts ImGui cannot lay out by itself: it
// draws one glyph after another, left to right. Arabic and Hebrew are put in
// visual order and Arabic letters joined (libfribidi: the Unicode bidi
// algorithm, and shaping into the presentation forms the fonts carry);
// Devanagari's short i (ि), written after its consonant, is drawn before it.
// Other scripts come back unchanged. One line at a time.
#pragma once
#include <string>
#include <string_view>

namespace hallway::ui {

// True when `utf8` holds right-to-left or Devanagari text that visualOrder changes.
bool needsShaping(std::string_view utf8);

// `utf8` (one line) in the order its glyphs must be drawn left to right. The
// paragraph direction follows the first strong character, so "Ahmad أحمد"
// stays left to right and "أحمد Ahmad" runs right to left.
std::string visualOrder(std::string_view utf8);

// visualOrder when needsShaping, else `utf8` itself, without a copy.
inline std::string_view shaped(std::string_view utf8, std::string& buffer) {
    if (!needsShaping(utf8)) return utf8;
    buffer = visualOrder(utf8);
    return buffer;
}

}  // namespace hallway::ui
