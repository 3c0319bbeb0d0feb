// The palettes' text colours are readable on the window in both themes:
// WCAG's 4.5:1 contrast for normal text. The light theme's amber star (also
// the #promise marker's and "Starred"'s text) was 2.65:1. The same for every
// text drawn on a session box of Plan's grid: on a starred box in the dark
// theme the overlap marker was 3.0:1 and the time line 3.4:1.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "ui/theme.h"

using namespace hallway;

namespace {

double channel(unsigned value) {
    const double c = value / 255.0;
    return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double luminance(ImU32 colour) {
    return 0.2126 * channel((colour >> IM_COL32_R_SHIFT) & 0xFF) + 0.7152 * channel((colour >> IM_COL32_G_SHIFT) & 0xFF) +
           0.0722 * channel((colour >> IM_COL32_B_SHIFT) & 0xFF);
}

double contrast(ImU32 a, ImU32 b) {
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

}  // namespace

TEST_CASE("every text colour of both themes has 4.5:1 contrast on the window", "[ui][theme]") {
    for (ui::ThemeKind kind : {ui::ThemeKind::Dark, ui::ThemeKind::Light}) {
        const ui::Palette& p = ui::palette(kind);
        const struct {
            const char* name;
            ImU32 colour;
        } texts[] = {{"text", p.text},         {"mutedText", p.mutedText}, {"star", p.star}, {"selected", p.selected},
                     {"conflict", p.conflict}, {"error", p.error},         {"ok", p.ok}};
        for (const auto& t : texts) {
            INFO((kind == ui::ThemeKind::Light ? "light " : "dark ") << t.name);
            CHECK(contrast(t.colour, p.windowBg) >= 4.5);
        }
    }
}

TEST_CASE("every text on a grid session box has 4.5:1 contrast on the box, starred or not, in both themes",
          "[ui][theme][plan]") {
    for (ui::ThemeKind kind : {ui::ThemeKind::Dark, ui::ThemeKind::Light})
        for (bool starred : {false, true})
            for (bool hovered : {false, true}) {
                const ui::GridBoxColours box = ui::gridBoxColours(kind, starred, hovered);
                const struct {
                    const char* name;
                    ImU32 colour;
                } texts[] = {{"title", box.title}, {"time and speakers", box.meta}, {"star", box.star},
                             {"overlap marker", box.conflict}};
                for (const auto& t : texts) {
                    INFO((kind == ui::ThemeKind::Light ? "light " : "dark ") << (starred ? "starred " : "")
                                                                             << (hovered ? "hovered " : "") << t.name);
                    CHECK(contrast(t.colour, box.fill) >= 4.5);
                }
            }
}
