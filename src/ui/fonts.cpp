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

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <bitset>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>

#include "core/atomic_file.h"

#ifdef HALLWAY_SANITIZE
// fontconfig keeps what it allocates while parsing its XML configuration
// (with some fonts' conf.d files installed, unreachable at exit): a leak in
// the library, not here. LeakSanitizer reads this hook at start.
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }
#endif

namespace hallway::ui {
namespace {

// [SECTION] Finding fonts

using CharSetPtr = std::shared_ptr<FcCharSet>;

struct FoundFont {
    std::string file;
    int index = 0;
    std::string family;
    CharSetPtr charset;  // what the font has; null when fontconfig did not say
    bool has(FcChar32 c) const { return charset && FcCharSetHasChar(charset.get(), c); }
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

std::optional<FoundFont> fromPattern(FcPattern* match) {
    FcChar8* file = nullptr;
    FcChar8* family = nullptr;
    if (FcPatternGetString(match, FC_FILE, 0, &file) != FcResultMatch ||
        FcPatternGetString(match, FC_FAMILY, 0, &family) != FcResultMatch)
        return std::nullopt;
    FoundFont f;
    f.file = reinterpret_cast<const char*>(file);
    f.family = reinterpret_cast<const char*>(family);
    int index = 0;
    if (FcPatternGetInteger(match, FC_INDEX, 0, &index) == FcResultMatch) f.index = index;
    FcCharSet* charset = nullptr;
    if (FcPatternGetCharSet(match, FC_CHARSET, 0, &charset) == FcResultMatch)
        f.charset = CharSetPtr(FcCharSetCopy(charset), FcCharSetDestroy);
    if (!loadableByImGui(f.file)) return std::nullopt;
    return f;
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
    std::optional<FoundFont> found = fromPattern(match);
    FcPatternDestroy(match);
    if (found && exactFamily && !sameFamily(found->family, family)) found.reset();
    for (FcChar32 ch : mustHave)
        if (found && !found->has(ch)) found.reset();
    return found;
}

// A regular sans-serif font that has `codepoint`, in fontconfig's order of
// preference for it; nothing when no installed font has it.
std::optional<FoundFont> fallbackFor(FcChar32 codepoint) {
    FcPattern* pattern = FcPatternCreate();
    FcCharSet* wanted = FcCharSetCreate();
    if (!pattern || !wanted) {
        if (pattern) FcPatternDestroy(pattern);
        if (wanted) FcCharSetDestroy(wanted);
        return std::nullopt;
    }
    FcCharSetAddChar(wanted, codepoint);
    FcPatternAddString(pattern, FC_FAMILY, reinterpret_cast<const FcChar8*>("sans-serif"));
    FcPatternAddCharSet(pattern, FC_CHARSET, wanted);
    FcPatternAddInteger(pattern, FC_WEIGHT, FC_WEIGHT_REGULAR);
    FcPatternAddInteger(pattern, FC_SLANT, FC_SLANT_ROMAN);
    FcCharSetDestroy(wanted);
    FcConfigSubstitute(nullptr, pattern, FcMatchPattern);
    FcDefaultSubstitute(pattern);
    FcResult result = FcResultNoMatch;
    FcFontSet* sorted = FcFontSort(nullptr, pattern, FcFalse, nullptr, &result);
    FcPatternDestroy(pattern);
    if (!sorted) return std::nullopt;
    std::optional<FoundFont> found;
    for (int i = 0; i < sorted->nfont && !found; ++i) {
        auto f = fromPattern(sorted->fonts[i]);
        if (f && f->has(codepoint)) found = std::move(f);
    }
    FcFontSetDestroy(sorted);
    return found;
}

// [SECTION] Glyph sets

// Latin + Latin Extended A/B + IPA-free extended additional, Greek, Cyrillic,
// general punctuation (– — … ·), currency, arrows, and the symbols the UI draws
// (★ ☆ ⚠ ✓ ✕).
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
const ImWchar kSymbolRanges[] = {0x2190, 0x21FF, 0x2600, 0x27BF, 0};

// Names are what this app shows in CJK: ImGui's common simplified Chinese
// set lacks Japanese name kanji (東, 藤, 斎...), its Japanese set lacks
// common Chinese ones; the union covers both. Other ideographs (鄧) come in
// as extra codepoints when the data has them.
const ImVector<ImWchar>& cjkRanges() {
    static const ImVector<ImWchar> ranges = [] {
        ImFontAtlas a;  // the range tables are static; any atlas hands them out
        ImFontGlyphRangesBuilder builder;
        builder.AddRanges(a.GetGlyphRangesChineseSimplifiedCommon());
        builder.AddRanges(a.GetGlyphRangesJapanese());
        ImVector<ImWchar> out;
        builder.BuildRanges(&out);
        return out;
    }();
    return ranges;
}

const std::bitset<0x10000>& commonSet() {
    static const std::bitset<0x10000> set = [] {
        std::bitset<0x10000> s;
        auto add = [&s](const ImWchar* r) {
            for (; r[0]; r += 2)
                for (unsigned c = r[0]; c <= r[1]; ++c) s.set(c);
        };
        add(kTextRanges);
        add(cjkRanges().Data);
        return s;
    }();
    return set;
}

bool isArabic(char32_t c) { return (c >= 0x0600 && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F); }

// Ranges for ImGui from sorted codepoints: consecutive runs become one pair.
std::vector<ImWchar> rangesOf(const std::vector<char32_t>& codepoints, const ImWchar* base) {
    std::vector<ImWchar> out;
    if (base)
        for (; base[0]; base += 2) out.insert(out.end(), {base[0], base[1]});
    for (size_t i = 0; i < codepoints.size();) {
        size_t j = i;
        while (j + 1 < codepoints.size() && codepoints[j + 1] == codepoints[j] + 1) ++j;
        out.push_back(ImWchar(codepoints[i]));
        out.push_back(ImWchar(codepoints[j]));
        i = j + 1;
    }
    out.push_back(0);
    return out;
}

// [SECTION] Placeholder glyph

// Drawn for U+FFFD, which is what ImGui makes of a codepoint beyond U+FFFF
// (emoji) or of broken UTF-8, and what it draws for any glyph no font has:
// an outlined box the size of a capital letter instead of the font's "�".
// Variation selectors (emoji presentation) get an empty, zero-width glyph.
constexpr ImWchar kPlaceholder = 0xFFFD;
const ImWchar kInvisible[] = {0xFE0E, 0xFE0F};

struct CustomGlyph {
    int rect;
    bool box;
};

std::vector<CustomGlyph> addCustomGlyphs(ImFontAtlas& atlas, ImFont* font, float size) {
    std::vector<CustomGlyph> out;
    const int w = std::max(4, int(size * 0.55f)), h = std::max(5, int(size * 0.68f));
    const float top = std::round(size * 0.2f);
    out.push_back({atlas.AddCustomRectFontGlyph(font, kPlaceholder, w, h, float(w) + std::round(size * 0.15f),
                                                ImVec2(std::round(size * 0.07f), top)),
                   true});
    for (ImWchar c : kInvisible) out.push_back({atlas.AddCustomRectFontGlyph(font, c, 1, 1, 0.0f), false});
    return out;
}

void paintCustomGlyphs(ImFontAtlas& atlas, const std::vector<CustomGlyph>& glyphs) {
    for (const CustomGlyph& g : glyphs) {
        const ImFontAtlasCustomRect* r = atlas.GetCustomRectByIndex(g.rect);
        for (int y = 0; y < r->Height; ++y) {
            unsigned char* row = atlas.TexPixelsAlpha8 + size_t(r->Y + y) * size_t(atlas.TexWidth) + r->X;
            for (int x = 0; x < r->Width; ++x) {
                const bool edge = x == 0 || y == 0 || x == r->Width - 1 || y == r->Height - 1;
                const bool corner = (x == 0 || x == r->Width - 1) && (y == 0 || y == r->Height - 1);
                row[x] = (g.box && edge) ? (corner ? 0x60 : 0xD0) : 0;
            }
        }
    }
}

// [SECTION] Baked atlas on disk

// A bake is only as good as the inputs it came from: the key names every font
// file (with its size and modification time), face, pixel size, oversampling
// and glyph range, so a changed font or glyph set misses the cache.
struct Bake {
    std::string key;
    std::string file;  // in the cache folder, named by the key's hash
};

std::uint64_t fnv1a(std::string_view bytes) {
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : bytes) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

std::string fileStamp(const std::string& path) {
    struct stat st {};
    if (stat(path.c_str(), &st) != 0) return "missing";
    return std::to_string(st.st_size) + "@" + std::to_string(st.st_mtim.tv_sec) + "." +
           std::to_string(st.st_mtim.tv_nsec);
}

constexpr char kMagic[8] = {'H', 'W', 'A', 'T', 'L', 'S', '0', '1'};

template <class T>
void put(std::string& out, const T& value) {
    out.append(reinterpret_cast<const char*>(&value), sizeof(T));
}

template <class T>
bool take(std::string_view& in, T& value) {
    if (in.size() < sizeof(T)) return false;
    std::memcpy(&value, in.data(), sizeof(T));
    in.remove_prefix(sizeof(T));
    return true;
}

void writeBake(const Bake& bake, ImFontAtlas& atlas) {
    std::string out;
    out.append(kMagic, sizeof kMagic);
    put(out, std::uint32_t(bake.key.size()));
    out += bake.key;
    put(out, atlas.TexWidth);
    put(out, atlas.TexHeight);
    put(out, atlas.TexUvScale);
    put(out, atlas.TexUvWhitePixel);
    out.append(reinterpret_cast<const char*>(atlas.TexUvLines), sizeof atlas.TexUvLines);
    put(out, std::int32_t(atlas.Fonts.Size));
    for (ImFont* f : atlas.Fonts) {
        put(out, f->FontSize);
        put(out, f->Ascent);
        put(out, f->Descent);
        put(out, f->FallbackChar);
        put(out, f->EllipsisChar);
        put(out, f->DotChar);
        put(out, std::int32_t(f->Glyphs.Size));
        out.append(reinterpret_cast<const char*>(f->Glyphs.Data), sizeof(ImFontGlyph) * size_t(f->Glyphs.Size));
    }
    out.append(reinterpret_cast<const char*>(atlas.TexPixelsAlpha8), size_t(atlas.TexWidth) * size_t(atlas.TexHeight));
    try {
        std::error_code ec;
        const auto folder = std::filesystem::path(bake.file).parent_path();
        std::filesystem::create_directories(folder, ec);
        writeFileAtomically(bake.file, out, 0600);
        // Keep the four newest bakes (a few scales and glyph sets), not every one ever made.
        std::vector<std::pair<std::filesystem::file_time_type, std::filesystem::path>> bakes;
        for (const auto& entry : std::filesystem::directory_iterator(folder, ec))
            if (entry.path().extension() == ".atlas") bakes.emplace_back(entry.last_write_time(ec), entry.path());
        std::sort(bakes.begin(), bakes.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
        for (size_t i = 4; i < bakes.size(); ++i) std::filesystem::remove(bakes[i].second, ec);
    } catch (const std::exception&) {
        // A cache that cannot be written costs the next start its rasterising, nothing more.
    }
}

// A file mapped read-only, whole: the 3.3 MB bake is parsed where the page
// cache holds it, its pixels copied once into the atlas. Read into a buffer
// first, its zero-fill, read and copy cost the fonts' thread 25 ms of page faults.
class MappedFile {
public:
    explicit MappedFile(const std::string& path) {
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) return;
        struct stat st {};
        if (::fstat(fd, &st) == 0 && st.st_size > 0) {
            void* at = ::mmap(nullptr, size_t(st.st_size), PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
            if (at != MAP_FAILED) {
                m_data = static_cast<const char*>(at);
                m_size = size_t(st.st_size);
            }
        }
        ::close(fd);
    }
    ~MappedFile() {
        if (m_data) ::munmap(const_cast<char*>(m_data), m_size);
    }
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
    std::optional<std::string_view> bytes() const {
        if (!m_data) return std::nullopt;
        return std::string_view(m_data, m_size);
    }

private:
    const char* m_data = nullptr;
    size_t m_size = 0;
};

// Fills the empty `atlas` from the bake; false (atlas left empty) when the
// file is missing, from other inputs, or damaged.
bool readBake(const Bake& bake, ImFontAtlas& atlas, FontSet& set) {
    const MappedFile file(bake.file);
    const std::optional<std::string_view> bytes = file.bytes();
    if (!bytes) return false;
    std::string_view v(*bytes);
    if (v.size() < sizeof kMagic || std::memcmp(v.data(), kMagic, sizeof kMagic) != 0) return false;
    v.remove_prefix(sizeof kMagic);
    std::uint32_t keySize = 0;
    if (!take(v, keySize) || v.size() < keySize || v.substr(0, keySize) != bake.key) return false;
    v.remove_prefix(keySize);
    int width = 0, height = 0;
    ImVec2 uvScale, white;
    ImVec4 lines[IM_ARRAYSIZE(atlas.TexUvLines)];
    std::int32_t fonts = 0;
    if (!take(v, width) || !take(v, height) || !take(v, uvScale) || !take(v, white) || !take(v, lines) ||
        !take(v, fonts) || width <= 0 || height <= 0 || fonts < 2 || fonts > 8)
        return false;
    std::vector<ImFont*> made;
    auto fail = [&] {
        for (ImFont* f : made) IM_DELETE(f);
        return false;
    };
    for (int i = 0; i < fonts; ++i) {
        ImFont* f = IM_NEW(ImFont);
        made.push_back(f);
        std::int32_t glyphs = 0;
        if (!take(v, f->FontSize) || !take(v, f->Ascent) || !take(v, f->Descent) || !take(v, f->FallbackChar) ||
            !take(v, f->EllipsisChar) || !take(v, f->DotChar) || !take(v, glyphs) || glyphs < 0 ||
            v.size() < sizeof(ImFontGlyph) * size_t(glyphs))
            return fail();
        f->Glyphs.resize(glyphs);
        std::memcpy(f->Glyphs.Data, v.data(), sizeof(ImFontGlyph) * size_t(glyphs));
        v.remove_prefix(sizeof(ImFontGlyph) * size_t(glyphs));
    }
    if (v.size() != size_t(width) * size_t(height)) return fail();
    atlas.TexWidth = width;
    atlas.TexHeight = height;
    atlas.TexUvScale = uvScale;
    atlas.TexUvWhitePixel = white;
    std::memcpy(atlas.TexUvLines, lines, sizeof lines);
    atlas.TexPixelsAlpha8 = static_cast<unsigned char*>(IM_ALLOC(v.size()));
    std::memcpy(atlas.TexPixelsAlpha8, v.data(), v.size());
    for (ImFont* f : made) {
        f->ContainerAtlas = &atlas;
        f->Scale = 1.0f;
        f->BuildLookupTable();
        atlas.Fonts.push_back(f);
    }
    atlas.TexReady = true;
    set.body = atlas.Fonts[0];
    set.heading = atlas.Fonts[1];
    set.fromCache = true;
    return true;
}

// [SECTION] Building

struct Source {
    const FoundFont* font;
    std::vector<ImWchar> ranges;
    int oversampleH;
    bool matchEm = false;  // sized to the main font's em, not its line height
};

// A font's em over its line height (ascent - descent), which is what ImGui
// sizes a font by. Fonts for scripts with tall marks (Devanagari, Thai) have
// tall lines: sized by line they come out a third smaller than the Latin
// beside them. 0 when the file cannot be read.
float emOverLineHeight(const FoundFont& font) {
    const std::string bytes = readWholeFile(font.file).value_or(std::string());
    const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
    const int offset = bytes.empty() ? -1 : stbtt_GetFontOffsetForIndex(data, font.index);
    stbtt_fontinfo info;
    if (offset < 0 || !stbtt_InitFont(&info, data, offset)) return 0.0f;
    return stbtt_ScaleForPixelHeight(&info, 1.0f) / stbtt_ScaleForMappingEmToPixels(&info, 1.0f);
}

ImFont* addFont(const Source& s, float size, bool merge) {
    ImFontConfig config;
    config.FontNo = s.font->index;
    config.MergeMode = merge;
    config.OversampleH = s.oversampleH;
    config.OversampleV = 1;
    config.PixelSnapH = true;
    return ImGui::GetIO().Fonts->AddFontFromFileTTF(s.font->file.c_str(), size, &config, s.ranges.data());
}

}  // namespace

bool inCommonSets(char32_t codepoint) { return codepoint < 0x10000 && commonSet().test(codepoint); }

void collectCodepoints(std::string_view text, std::set<char32_t>& into) {
    const auto& common = commonSet();
    for (size_t i = 0; i < text.size();) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        const size_t extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
        char32_t cp = extra == 3 ? (c & 0x07u) : extra == 2 ? (c & 0x0Fu) : (c & 0x1Fu);
        bool ok = extra > 0 && i + extra < text.size();
        for (size_t k = 1; ok && k <= extra; ++k) {
            const unsigned char cc = static_cast<unsigned char>(text[i + k]);
            ok = (cc & 0xC0) == 0x80;
            cp = (cp << 6) | (cc & 0x3Fu);
        }
        i += ok ? extra + 1 : 1;  // a broken sequence: skip its first byte
        if (ok && cp < 0x10000 && !common.test(cp)) into.insert(cp);
    }
}

std::string fontCacheDir() {
    if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x == '/') return std::string(x) + "/hallway/fonts";
    if (const char* home = std::getenv("HOME"); home && *home) return std::string(home) + "/.cache/hallway/fonts";
    return {};
}

FontSet loadFonts(float bodyPixelSize, const FontOptions& options) {
    FontSet set;
    set.extra = options.extra;
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    atlas->Clear();
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
        atlas->Build();
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

    // Each extra codepoint goes to the first font that has it: the main font,
    // the CJK font, else a fallback fontconfig picks (one query per script,
    // as a found fallback is asked first next time). Arabic letters bring
    // their presentation forms, which the shaping (text_shaping.h) turns them into.
    std::set<char32_t> wanted = options.extra;
    if (std::any_of(wanted.begin(), wanted.end(), isArabic)) {
        for (char32_t c = 0xFB50; c <= 0xFBFF; ++c) wanted.insert(c);
        for (char32_t c = 0xFE70; c <= 0xFEFC; ++c) wanted.insert(c);
    }
    std::vector<char32_t> forMain, forCjk;
    std::vector<std::pair<FoundFont, std::vector<char32_t>>> fallbacks;
    std::vector<char32_t> missing;
    for (char32_t c : wanted) {
        if (c >= 0x10000 || c == kPlaceholder) continue;
        if (main->has(c)) {
            forMain.push_back(c);
            continue;
        }
        if (cjk && cjk->has(c)) {
            forCjk.push_back(c);
            continue;
        }
        auto known = std::find_if(fallbacks.begin(), fallbacks.end(), [c](const auto& f) { return f.first.has(c); });
        if (known == fallbacks.end())
            if (auto f = fallbackFor(c); f && f->file != main->file) {
                auto same = std::find_if(fallbacks.begin(), fallbacks.end(),
                                         [&](const auto& g) { return g.first.file == f->file && g.first.index == f->index; });
                known = same != fallbacks.end() ? same : fallbacks.insert(fallbacks.end(), {std::move(*f), {}});
            }
        if (known != fallbacks.end()) known->second.push_back(c);
        else if (options.extra.count(c)) missing.push_back(c);  // not the presentation forms added above
    }

    // Thousands of CJK glyphs: rasterised once, not twice over, they take half
    // the atlas (and its time to build and upload). Glyphs snap to whole
    // pixels (PixelSnapH), where ImGui says oversampling can be 1.
    std::vector<Source> sources;
    sources.push_back({&*main, rangesOf(forMain, kTextRanges), 2});
    if (symbols) sources.push_back({&*symbols, rangesOf({}, kSymbolRanges), 2});
    if (cjk) sources.push_back({&*cjk, rangesOf(forCjk, cjkRanges().Data), 1});
    for (const auto& [font, codepoints] : fallbacks) sources.push_back({&font, rangesOf(codepoints, nullptr), 1, true});

    set.description = main->family + " " + std::to_string(int(bodyPixelSize)) + "px";
    for (size_t i = 1; i < sources.size(); ++i) set.description += " + " + sources[i].font->family;
    if (!missing.empty()) set.description += " (" + std::to_string(missing.size()) + " characters in no font)";

    Bake bake;
    if (!options.cacheDir.empty()) {
        std::ostringstream key;
        // "rules 1": how this file lays fonts out; bump it when that changes.
        key << "rules 1|imgui " << IMGUI_VERSION << "|body " << bodyPixelSize << "|heading " << headingSize;
        for (const Source& s : sources) {
            key << "|" << s.font->file << "#" << s.font->index << " " << fileStamp(s.font->file) << " x"
                << s.oversampleH << " [";
            for (ImWchar r : s.ranges) key << r << ",";
            key << "]";
        }
        bake.key = key.str();
        char name[32];
        std::snprintf(name, sizeof name, "%016llx.atlas", static_cast<unsigned long long>(fnv1a(bake.key)));
        bake.file = options.cacheDir + "/" + name;
        if (readBake(bake, *atlas, set)) return set;
        atlas->Clear();
        atlas->Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
    }

    // A fallback gets the line height that gives it the main font's em.
    const float mainEm = fallbacks.empty() ? 0.0f : emOverLineHeight(*main);
    std::vector<float> lineScale(sources.size(), 1.0f);
    for (size_t i = 0; i < sources.size(); ++i)
        if (const float em = sources[i].matchEm && mainEm > 0.0f ? emOverLineHeight(*sources[i].font) : 0.0f; em > 0.0f)
            lineScale[i] = mainEm / em;
    std::vector<CustomGlyph> custom;
    for (int pass = 0; pass < 2; ++pass) {
        const float size = pass == 0 ? bodyPixelSize : headingSize;
        ImFont* font = nullptr;
        for (size_t i = 0; i < sources.size(); ++i) {
            ImFont* added = addFont(sources[i], size * lineScale[i], i > 0);
            if (i == 0) font = added;
        }
        auto glyphs = addCustomGlyphs(*atlas, font, size);
        custom.insert(custom.end(), glyphs.begin(), glyphs.end());
        (pass == 0 ? set.body : set.heading) = font;
    }
    atlas->Build();
    paintCustomGlyphs(*atlas, custom);
    if (!bake.file.empty()) writeBake(bake, *atlas);
    return set;
}

}  // namespace hallway::ui
