#include "ui/fonts.h"

// Debian's libimgui.a is built against the system stb headers and leaves the
// stb_truetype / stb_rect_pack implementations to libstb (imgui.pc: "Requires:
// stb"), which the build does not link. They are compiled here, in the file
// that builds the font atlas, so every binary that loads fonts has them.
#define STB_RECT_PACK_IMPLEMENTATION
#define STB_TRUETYPE_IMPLEMENTATION
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#pragma GCC diagnostic ignored "-Wunused-function"
#include <stb_rect_pack.h>
#include <stb_truetype.h>
#pragma GCC diagnostic pop

#include <fontconfig/fontconfig.h>
#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <optional>

#ifdef HALLWAY_SANITIZE
// fontconfig keeps what it allocates while parsing its XML configuration
// (with some fonts' conf.d files installed, unreachable at exit): a leak in
// the library, not here. LeakSanitizer reads this hook at start.
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }
#endif

namespace hallway::ui {
namespace {

struct FoundFont {
    std::string file;
    int index = 0;
    std::string family;
};

bool loadableByImGui(const std::string& file) {
    auto dot = file.rfind('.');
    if (dot == std::string::npos) return false;
    std::string ext = file.substr(dot + 1);
    for (auto& ch : ext) ch = char(std::tolower(static_cast<unsigned char>(ch)));
    if (ext != "ttf" && ext != "otf" && ext != "ttc") return false;
    // ImGui asserts on a file it cannot read: check first.
    std::ifstream probe(file, std::ios::binary);
    return bool(probe);
}

bool sameFamily(const std::string& a, const std::string& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

// The best match for `family`; with `exactFamily` only a font of that family,
// with `mustHave` only a font whose charset has every listed code point.
std::optional<FoundFont> findFont(const char* family, bool exactFamily, const char* lang,
                                  std::initializer_list<FcChar32> mustHave) {
    FcPattern* pattern = FcPatternCreate();
    if (!pattern) return std::nullopt;
    FcPatternAddString(pattern, FC_FAMILY, reinterpret_cast<const FcChar8*>(family));
    FcPatternAddInteger(pattern, FC_WEIGHT, FC_WEIGHT_REGULAR);
    FcPatternAddInteger(pattern, FC_SLANT, FC_SLANT_ROMAN);
    if (lang) FcPatternAddString(pattern, FC_LANG, reinterpret_cast<const FcChar8*>(lang));
    FcConfigSubstitute(nullptr, pattern, FcMatchPattern);
    FcDefaultSubstitute(pattern);
    FcResult result = FcResultNoMatch;
    FcPattern* match = FcFontMatch(nullptr, pattern, &result);
    FcPatternDestroy(pattern);
    if (!match) return std::nullopt;

    std::optional<FoundFont> found;
    FcChar8* file = nullptr;
    FcChar8* matchedFamily = nullptr;
    int index = 0;
    FcCharSet* charset = nullptr;
    if (FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch &&
        FcPatternGetString(match, FC_FAMILY, 0, &matchedFamily) == FcResultMatch) {
        FoundFont f;
        f.file = reinterpret_cast<const char*>(file);
        f.family = reinterpret_cast<const char*>(matchedFamily);
        if (FcPatternGetInteger(match, FC_INDEX, 0, &index) == FcResultMatch) f.index = index;
        bool ok = loadableByImGui(f.file) && (!exactFamily || sameFamily(f.family, family));
        if (ok && mustHave.size() > 0) {
            ok = FcPatternGetCharSet(match, FC_CHARSET, 0, &charset) == FcResultMatch;
            for (FcChar32 ch : mustHave) ok = ok && FcCharSetHasChar(charset, ch);
        }
        if (ok) found = f;
    }
    FcPatternDestroy(match);
    return found;
}

// Latin + Latin Extended A/B + IPA-free extended additional, Greek, Cyrillic,
// general punctuation (– — … ·), currency, arrows, and the symbols the UI draws
// (★ ☆ ⚠ ✓ ✕). Must outlive the atlas build: static.
const ImWchar kTextRanges[] = {
    0x0020, 0x024F,  // Basic Latin, Latin-1, Latin Extended-A/B
    0x0370, 0x03FF,  // Greek
    0x0400, 0x052F,  // Cyrillic + Supplement
    0x1E00, 0x1EFF,  // Latin Extended Additional
    0x2000, 0x206F,  // General Punctuation
    0x20A0, 0x20CF,  // Currency
    0x2190, 0x21FF,  // Arrows
    0x2600, 0x26FF,  // Miscellaneous Symbols
    0x2700, 0x27BF,  // Dingbats
    0,
};

ImFont* addFont(const FoundFont& font, float size, const ImWchar* ranges, bool merge, int oversampleH = 2) {
    ImFontConfig config;
    config.FontNo = font.index;
    config.MergeMode = merge;
    config.OversampleH = oversampleH;
    config.OversampleV = 1;
    config.PixelSnapH = true;
    return ImGui::GetIO().Fonts->AddFontFromFileTTF(font.file.c_str(), size, &config, ranges);
}

}  // namespace

FontSet loadFonts(float bodyPixelSize) {
    FontSet set;
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    // As tall as the glyphs need, not the next power of two (OpenGL 3 takes any
    // size): with CJK that is about half the texture to hold and upload.
    atlas->Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
    const float headingSize = bodyPixelSize * 1.25f;

    std::optional<FoundFont> main;
    if (FcInit()) {
        main = findFont("Noto Sans", true, nullptr, {});
        if (!main) main = findFont("DejaVu Sans", true, nullptr, {});
    }
    if (!main) {
        ImFontConfig config;
        config.SizePixels = std::max(13.0f, bodyPixelSize * 0.85f);
        set.body = atlas->AddFontDefault(&config);
        set.heading = set.body;
        set.description = "ImGui built-in font";
        set.note = "Neither Noto Sans nor DejaVu Sans was found (fontconfig): using the built-in font, Latin only.";
        return set;
    }

    // Symbols: Noto Sans lacks ★ and ⚠; DejaVu Sans has them.
    std::optional<FoundFont> symbols;
    if (!sameFamily(main->family, "DejaVu Sans")) symbols = findFont("DejaVu Sans", true, nullptr, {0x2605});
    // CJK: any font that really has Han and kana glyphs (fontconfig otherwise
    // answers with its closest non-CJK font).
    std::optional<FoundFont> cjk = findFont("Noto Sans CJK JP", false, "ja", {0x4E00, 0x3042});
    if (!cjk) cjk = findFont("Noto Sans CJK SC", false, "zh-cn", {0x4E00});
    if (cjk && cjk->file == main->file) cjk.reset();

    static const ImWchar kSymbolRanges[] = {0x2190, 0x21FF, 0x2600, 0x27BF, 0};
    // Names are what this app shows in CJK: ImGui's common simplified Chinese
    // set lacks Japanese name kanji (東, 藤, 斎...), its Japanese set lacks
    // common Chinese ones; the union covers both (built once, kept for the atlas).
    auto cjkRanges = [](ImFontAtlas& a) -> const ImWchar* {
        static ImVector<ImWchar> ranges;
        if (ranges.empty()) {
            ImFontGlyphRangesBuilder builder;
            builder.AddRanges(a.GetGlyphRangesChineseSimplifiedCommon());
            builder.AddRanges(a.GetGlyphRangesJapanese());
            builder.BuildRanges(&ranges);
        }
        return ranges.Data;
    };
    for (int pass = 0; pass < 2; ++pass) {
        float size = pass == 0 ? bodyPixelSize : headingSize;
        ImFont* font = addFont(*main, size, kTextRanges, false);
        if (symbols) addFont(*symbols, size, kSymbolRanges, true);
        // Thousands of CJK glyphs: rasterised once, not twice over, they take half
        // the atlas (and its time to build and upload). Glyphs snap to whole
        // pixels (PixelSnapH), where ImGui says oversampling can be 1.
        if (cjk) addFont(*cjk, size, cjkRanges(*atlas), true, 1);
        (pass == 0 ? set.body : set.heading) = font;
    }
    set.description = main->family + " " + std::to_string(int(bodyPixelSize)) + "px";
    if (symbols) set.description += " + " + symbols->family;
    if (cjk) set.description += " + " + cjk->family;
    return set;
}

}  // namespace hallway::ui
