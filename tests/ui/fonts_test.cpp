// The fonts a user reads names in: accented Latin, Greek, Cyrillic and CJK
// from the system's fonts (setup installs DejaVu and WenQuanYi Micro Hei),
// and sizes that follow the window's content scale (HiDPI).
#include <catch2/catch.hpp>

#include <imgui.h>

#include "ui/fonts.h"

using namespace hallway::ui;

namespace {

// An ImGui context whose atlas holds the fonts loaded at `pixels`.
struct AtlasContext {
    ImGuiContext* context;
    FontSet fonts;
    explicit AtlasContext(float pixels) : context(ImGui::CreateContext()) {
        fonts = loadFonts(pixels);
        unsigned char* pixelsOut = nullptr;
        int w = 0, h = 0;
        ImGui::GetIO().Fonts->GetTexDataAsAlpha8(&pixelsOut, &w, &h);  // builds the atlas
    }
    ~AtlasContext() { ImGui::DestroyContext(context); }
    bool has(ImWchar c) const { return fonts.body && fonts.body->FindGlyphNoFallback(c) != nullptr; }
};

}  // namespace

TEST_CASE("the body font has accented Latin, Greek and Cyrillic from a system font", "[ui][fonts]") {
    AtlasContext atlas(16.0f);
    REQUIRE(atlas.fonts.body != nullptr);
    INFO(atlas.fonts.description << " / " << atlas.fonts.note);
    CHECK(atlas.fonts.description.find("DejaVu") != std::string::npos);
    for (ImWchar c : {ImWchar(0x00E9) /* é */, ImWchar(0x0142) /* ł */, ImWchar(0x03A9) /* Ω */,
                      ImWchar(0x03AC) /* ά */, ImWchar(0x0416) /* Ж */, ImWchar(0x2026) /* … */}) {
        INFO("U+" << std::hex << int(c));
        CHECK(atlas.has(c));
    }
    CHECK(atlas.fonts.heading != nullptr);
    CHECK(atlas.fonts.heading->FontSize > atlas.fonts.body->FontSize);
}

TEST_CASE("CJK names get glyphs when a CJK font is installed", "[ui][fonts]") {
    AtlasContext atlas(16.0f);
    REQUIRE(atlas.fonts.body != nullptr);
    INFO(atlas.fonts.description);
    CHECK(atlas.has(0x4E2D));  // 中
    CHECK(atlas.has(0x7530));  // 田
    CHECK(atlas.has(0x3042));  // あ
    CHECK(atlas.has(0x6771));  // 東, as in 東京 and many Japanese family names
    CHECK(atlas.has(0x85E4));  // 藤 (佐藤, 伊藤)
    CHECK(atlas.has(0x8A9E));  // 語
}

TEST_CASE("at content scale 2 the fonts are rasterised twice as large, not stretched", "[ui][fonts]") {
    float advance1 = 0, advance2 = 0, size1 = 0, size2 = 0;
    {
        AtlasContext atlas(16.0f);
        REQUIRE(atlas.fonts.body != nullptr);
        size1 = atlas.fonts.body->FontSize;
        advance1 = atlas.fonts.body->FindGlyph('M')->AdvanceX;
    }
    {
        AtlasContext atlas(32.0f);
        REQUIRE(atlas.fonts.body != nullptr);
        size2 = atlas.fonts.body->FontSize;
        advance2 = atlas.fonts.body->FindGlyph('M')->AdvanceX;
    }
    CHECK(size2 == Approx(2 * size1));
    CHECK(advance2 == Approx(2 * advance1).epsilon(0.08));
}
