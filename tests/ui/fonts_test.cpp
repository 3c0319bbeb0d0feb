// The fonts a user reads names in: accented Latin, Greek, Cyrillic and CJK
// from the system's fonts (setup installs DejaVu, WenQuanYi Micro Hei, Lohit
// Devanagari and Loma), any other script a name is in when the data has it,
// sizes that follow the window's content scale (HiDPI), and the baked atlas
// kept on disk.
#include <catch2/catch.hpp>

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <set>
#include <vector>

#include "test_support.h"
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

namespace {

// A name in each script a contact list is likely to hold beyond the common sets.
const char* const kNames[] = {
    "محمد عبد الله",   // Arabic
    "יעל כהן",         // Hebrew
    "김민준",          // Korean
    "अनिल कुमार",      // Hindi (Devanagari)
    "สมชาย ใจดี",      // Thai
    "鄧麗君",          // Traditional Chinese, outside the common set
};

std::set<char32_t> codepointsOf(std::initializer_list<const char*> texts) {
    std::set<char32_t> out;
    for (const char* t : texts) collectCodepoints(t, out);
    return out;
}

struct ExtraAtlas {
    ImGuiContext* context;
    FontSet fonts;
    ExtraAtlas(const FontOptions& options) : context(ImGui::CreateContext()) { fonts = loadFonts(16.0f, options); }
    ~ExtraAtlas() { ImGui::DestroyContext(context); }
};

}  // namespace

TEST_CASE("codepoints the common sets lack are collected from text - emoji and broken bytes are not", "[ui][fonts]") {
    std::set<char32_t> got;
    collectCodepoints("Ana Lima, Zoë, Łukasz, 田中, Ωmega", got);
    CHECK(got.empty());
    collectCodepoints("김 \xF0\x9F\x98\x80 \xE1\x84 end \xC3", got);  // 김, 😀, a cut sequence, a lone lead byte
    CHECK(got == std::set<char32_t>{0xAE40});
    CHECK(inCommonSets(U'é'));
    CHECK_FALSE(inCommonSets(0x05D0));
}

TEST_CASE("names in Arabic, Hebrew, Korean, Hindi, Thai and Traditional Chinese get glyphs from system fonts",
          "[ui][fonts]") {
    FontOptions options;
    for (const char* name : kNames) collectCodepoints(name, options.extra);
    ExtraAtlas atlas(options);
    REQUIRE(atlas.fonts.body);
    INFO(atlas.fonts.description);
    for (const char* name : kNames) {
        std::set<char32_t> cps;
        collectCodepoints(name, cps);
        for (char32_t c : cps) {
            INFO(name << " U+" << std::hex << unsigned(c));
            CHECK(atlas.fonts.body->FindGlyphNoFallback(ImWchar(c)) != nullptr);
            CHECK(atlas.fonts.heading->FindGlyphNoFallback(ImWchar(c)) != nullptr);
        }
    }
    // Arabic letters bring the joined forms shaping turns them into: initial meem, final dal.
    CHECK(atlas.fonts.body->FindGlyphNoFallback(0xFEE3) != nullptr);
    CHECK(atlas.fonts.body->FindGlyphNoFallback(0xFEAA) != nullptr);
    // Without them asked for, the atlas stays the common sets.
    ExtraAtlas plain{FontOptions{}};
    CHECK(plain.fonts.body->FindGlyphNoFallback(0xAE40) == nullptr);
}

TEST_CASE("a character no font has, or an emoji, is drawn as an outlined box, not the font's replacement mark",
          "[ui][fonts]") {
    ExtraAtlas atlas{FontOptions{}};
    ImFontAtlas* fonts = ImGui::GetIO().Fonts;
    const ImFontGlyph* box = atlas.fonts.body->FindGlyphNoFallback(0xFFFD);
    REQUIRE(box != nullptr);
    CHECK(atlas.fonts.body->FallbackChar == 0xFFFD);
    // ImGui decodes 😀 (beyond its 16-bit characters) to U+FFFD: the same box.
    const char* emoji = "\xF0\x9F\x98\x80";
    unsigned int decoded = 0;
    ImTextCharFromUtf8(&decoded, emoji, emoji + 4);
    CHECK(decoded == 0xFFFD);
    // The box: its border pixels are drawn, its inside is empty.
    const int x0 = int(box->U0 * float(fonts->TexWidth) + 0.5f), y0 = int(box->V0 * float(fonts->TexHeight) + 0.5f);
    const int x1 = int(box->U1 * float(fonts->TexWidth) + 0.5f), y1 = int(box->V1 * float(fonts->TexHeight) + 0.5f);
    REQUIRE(x1 - x0 >= 4);
    REQUIRE(y1 - y0 >= 5);
    auto alpha = [&](int x, int y) { return fonts->TexPixelsAlpha8[size_t(y) * size_t(fonts->TexWidth) + size_t(x)]; };
    CHECK(alpha((x0 + x1) / 2, y0) > 0x80);
    CHECK(alpha(x0, (y0 + y1) / 2) > 0x80);
    CHECK(alpha((x0 + x1) / 2, (y0 + y1) / 2) == 0);
    // Emoji presentation selectors take no room.
    REQUIRE(atlas.fonts.body->FindGlyphNoFallback(0xFE0F) != nullptr);
    CHECK(atlas.fonts.body->FindGlyphNoFallback(0xFE0F)->AdvanceX == 0.0f);
}

TEST_CASE("a baked atlas is read back from the cache when fonts and glyphs match, and only then", "[ui][fonts]") {
    hallway::testing::TempDir dir;
    FontOptions options;
    options.cacheDir = dir.file("fonts");
    options.extra = codepointsOf({"김민준", "יעל"});
    std::vector<unsigned char> pixels;
    int width = 0, height = 0;
    float advance = 0;
    {
        ExtraAtlas first(options);
        CHECK_FALSE(first.fonts.fromCache);
        ImFontAtlas* a = ImGui::GetIO().Fonts;
        width = a->TexWidth;
        height = a->TexHeight;
        pixels.assign(a->TexPixelsAlpha8, a->TexPixelsAlpha8 + size_t(width) * size_t(height));
        advance = first.fonts.body->FindGlyph(0xAE40)->AdvanceX;
    }
    {
        ExtraAtlas second(options);
        CHECK(second.fonts.fromCache);
        ImFontAtlas* a = ImGui::GetIO().Fonts;
        REQUIRE(a->IsBuilt());
        CHECK(a->TexWidth == width);
        CHECK(a->TexHeight == height);
        CHECK(std::equal(pixels.begin(), pixels.end(), a->TexPixelsAlpha8));
        REQUIRE(second.fonts.body->FindGlyphNoFallback(0xAE40));
        CHECK(second.fonts.body->FindGlyph(0xAE40)->AdvanceX == advance);
        CHECK(second.fonts.heading->FontSize > second.fonts.body->FontSize);
        CHECK(second.fonts.body->FallbackChar == 0xFFFD);
        // ImGui can lay out and draw with it.
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = ImVec2(400, 300);
        io.DeltaTime = 1.0f / 60.0f;
        for (int frame = 0; frame < 2; ++frame) {  // a new window shows from its second frame
            ImGui::NewFrame();
            ImGui::Text("김민준 יעל");
            ImGui::Render();
        }
        CHECK(ImGui::GetDrawData()->TotalVtxCount > 0);
    }
    options.extra.insert(0x05D1);  // one more glyph: another bake
    ExtraAtlas third(options);
    CHECK_FALSE(third.fonts.fromCache);
}
