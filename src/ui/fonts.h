// Finds fonts with fontconfig and builds ImGui's atlas from them: the common
// sets of glyphs plus any codepoint the user's data holds (names in Arabic,
// Hangul, Devanagari...), each from a font that has it. A built atlas is kept
// on disk, so a later start with the same fonts and glyphs skips rasterising.
#pragma once
#include <set>
#include <string>
#include <string_view>
#include <vector>

struct ImFont;

namespace hallway::ui {

struct FontSet {
    ImFont* body = nullptr;     // default font of every widget
    ImFont* heading = nullptr;  // larger, for titles in detail panels and empty states
    std::string description;    // "DejaVu Sans 16px + Noto Sans CJK JP", for logs
    std::string note;           // non-empty when something was missing; shown in the status line
    bool fromCache = false;     // the atlas was read from disk, not rasterised
    std::set<char32_t> extra;   // the codepoints asked for beyond the common sets
};

struct FontOptions {
    std::set<char32_t> extra;  // codepoints beyond the common sets (from collectCodepoints)
    std::string cacheDir;      // where baked atlases are read and written; empty: neither
};

// True for codepoints every atlas has: Latin, Greek, Cyrillic, punctuation,
// the UI's symbols, and the common Chinese and Japanese sets.
bool inCommonSets(char32_t codepoint);

// Adds the codepoints of UTF-8 `text` that the common sets lack to `into`.
// Codepoints beyond U+FFFF (most emoji) are left out: this ImGui keeps 16-bit
// characters and draws them as a placeholder box.
void collectCodepoints(std::string_view text, std::set<char32_t>& into);

// $XDG_CACHE_HOME/hallway/fonts, else ~/.cache/hallway/fonts.
std::string fontCacheDir();

// Clears ImGui's current atlas and fills it with the body and heading fonts,
// built (or read from options.cacheDir when a matching bake is there): the
// common sets plus options.extra, each codepoint from the first font fontconfig
// finds that has it. Codepoints no font has, and those beyond U+FFFF, show as
// a small outlined box. Falls back to ImGui's built-in font when fontconfig
// finds neither Noto Sans nor DejaVu Sans.
// fonts.cpp also holds the stb_truetype/stb_rect_pack code ImGui's atlas needs
// (see there): a binary that builds an atlas must call this.
FontSet loadFonts(float bodyPixelSize, const FontOptions& options = {});

}  // namespace hallway::ui
