#include "ui/text_shaping.h"

#include <fribidi.h>

#include <vector>

namespace hallway::ui {
namespace {

std::u32string decode(std::string_view s) {
    std::u32string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        const size_t extra = c < 0x80 ? 0 : c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
        char32_t cp = extra == 0 ? c : extra == 3 ? (c & 0x07u) : extra == 2 ? (c & 0x0Fu) : (c & 0x1Fu);
        bool ok = (c < 0x80 || extra > 0) && i + extra < s.size();
        for (size_t k = 1; ok && k <= extra; ++k) {
            const unsigned char cc = static_cast<unsigned char>(s[i + k]);
            ok = (cc & 0xC0) == 0x80;
            cp = (cp << 6) | (cc & 0x3Fu);
        }
        out.push_back(ok ? cp : 0xFFFD);
        i += ok ? extra + 1 : 1;
    }
    return out;
}

void encode(char32_t c, std::string& out) {
    if (c < 0x80) {
        out += char(c);
    } else if (c < 0x800) {
        out += char(0xC0 | (c >> 6));
        out += char(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += char(0xE0 | (c >> 12));
        out += char(0x80 | ((c >> 6) & 0x3F));
        out += char(0x80 | (c & 0x3F));
    } else {
        out += char(0xF0 | (c >> 18));
        out += char(0x80 | ((c >> 12) & 0x3F));
        out += char(0x80 | ((c >> 6) & 0x3F));
        out += char(0x80 | (c & 0x3F));
    }
}

bool isRtl(char32_t c) {
    return (c >= 0x0590 && c <= 0x08FF) || (c >= 0xFB1D && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF);
}
bool isDevanagariConsonant(char32_t c) { return (c >= 0x0915 && c <= 0x0939) || (c >= 0x0958 && c <= 0x095F); }
constexpr char32_t kShortI = 0x093F, kVirama = 0x094D, kNukta = 0x093C;

// ि follows its consonant cluster in memory (क्ति = क ् त ि) but is drawn
// before the whole cluster: move it there.
void reorderDevanagari(std::u32string& text) {
    for (size_t i = 1; i < text.size(); ++i) {
        if (text[i] != kShortI) continue;
        size_t start = i - 1;
        if (start > 0 && text[start] == kNukta) --start;
        if (!isDevanagariConsonant(text[start])) continue;
        while (start >= 2 && text[start - 1] == kVirama && isDevanagariConsonant(text[start - 2])) start -= 2;
        text.erase(i, 1);
        text.insert(start, 1, kShortI);
    }
}

}  // namespace

bool needsShaping(std::string_view utf8) {
    // Hebrew, Arabic and their presentation forms start with lead bytes D6..DF
    // or EF; Devanagari with E0 A4/A5. Anything else is drawn as it is.
    for (size_t i = 0; i < utf8.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(utf8[i]);
        if (c < 0xD6) continue;
        if (c <= 0xDF || c == 0xEF) return true;
        if (c == 0xE0 && i + 1 < utf8.size()) {
            const unsigned char n = static_cast<unsigned char>(utf8[i + 1]);
            if (n == 0xA4 || n == 0xA5) return true;
        }
    }
    return false;
}

std::string visualOrder(std::string_view utf8) {
    std::u32string text = decode(utf8);
    reorderDevanagari(text);
    bool rtl = false;
    for (char32_t c : text) rtl = rtl || isRtl(c);
    if (rtl && !text.empty()) {
        std::vector<FriBidiChar> logical(text.begin(), text.end());
        std::vector<FriBidiChar> visual(logical.size() + 1);
        FriBidiParType direction = FRIBIDI_PAR_ON;  // from the first strong character
        // log2vis joins and shapes Arabic (FRIBIDI_FLAGS_ARABIC) and reorders.
        if (fribidi_log2vis(logical.data(), FriBidiStrIndex(logical.size()), &direction, visual.data(), nullptr,
                            nullptr, nullptr)) {
            text.clear();
            for (size_t i = 0; i < logical.size(); ++i)
                if (visual[i] != 0xFEFF && visual[i] != 0x200F && visual[i] != 0x200E) text.push_back(visual[i]);
        }
    }
    std::string out;
    out.reserve(utf8.size());
    for (char32_t c : text) encode(c, out);
    return out;
}

}  // namespace hallway::ui
