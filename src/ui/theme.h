// Dark and light themes: ImGui's style plus the few colours the views paint
// themselves (session boxes, grid lines, stars, conflicts).
#pragma once
#include <imgui.h>

#include "ui/app_state.h"

namespace hallway::ui {

struct Palette {
    ImU32 windowBg;
    ImU32 text;
    ImU32 mutedText;
    ImU32 gridLine;       // full hours
    ImU32 gridLineMinor;  // half hours
    ImU32 gutterBg;       // time column and room header
    ImU32 boxBg;          // a session
    ImU32 boxBgHover;
    ImU32 boxBorder;
    ImU32 starBg;         // a starred session
    ImU32 starBorder;
    ImU32 star;           // the star glyph
    ImU32 selected;       // outline of the selected session
    ImU32 conflict;       // starred sessions that overlap
    ImU32 boxMutedText;   // time and speakers on a session box: mutedText is too dim on the boxes' fills
    ImU32 boxConflict;    // the overlap marker on a session box
    ImU32 nowLine;
    ImU32 error;          // status line errors
    ImU32 ok;             // status line confirmations
    float trackSaturation;
    float trackValue;
};

// Resets ImGui's style to `kind` and scales its sizes by `scale` (content scale).
void applyTheme(ThemeKind kind, float scale);
const Palette& palette(ThemeKind kind);

// The colour of a track's stripe on session boxes, from its hue (PlanRow::hue).
ImU32 trackColour(ThemeKind kind, float hue);

// A session box in Plan's grid: its fill and every text colour drawn on it
// (the star is the hollow one a hover shows when not starred). Each text has
// 4.5:1 contrast on the fill in both themes.
struct GridBoxColours {
    ImU32 fill;
    ImU32 title;
    ImU32 meta;  // time and speakers
    ImU32 star;
    ImU32 conflict;
};
GridBoxColours gridBoxColours(ThemeKind kind, bool starred, bool hovered);

}  // namespace hallway::ui
