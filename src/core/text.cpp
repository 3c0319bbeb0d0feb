#include "core/text.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>

#include <algorithm>
#include <cctype>

namespace hallway::text {

int lineAt(std::string_view bytes, size_t offset) {
    offset = std::min(offset, bytes.size());
    return 1 + int(std::count(bytes.begin(), bytes.begin() + offset, '\n'));
}

LineIndex::LineIndex(std::string_view bytes) {
    m_lineStarts.push_back(0);
    for (size_t i = 0; i < bytes.size(); ++i)
        if (bytes[i] == '\n') m_lineStarts.push_back(i + 1);
}

int LineIndex::lineAt(size_t offset) const {
    auto it = std::upper_bound(m_lineStarts.begin(), m_lineStarts.end(), offset);
    return int(it - m_lineStarts.begin());
}

bool isValidUtf8(std::string_view s) {
    size_t i = 0;
    while (i < s.size()) {
        unsigned char c = s[i];
        int extra;
        unsigned cp;
        if (c < 0x80) { ++i; continue; }
        else if ((c & 0xE0) == 0xC0) { extra = 1; cp = c & 0x1F; }
        else if ((c & 0xF0) == 0xE0) { extra = 2; cp = c & 0x0F; }
        else if ((c & 0xF8) == 0xF0) { extra = 3; cp = c & 0x07; }
        else return false;
        if (i + extra >= s.size()) return false;
        for (int k = 1; k <= extra; ++k) {
            unsigned char cc = s[i + k];
            if ((cc & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        // Overlong forms, surrogates and out-of-range code points are invalid.
        if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000) ||
            cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += extra + 1;
    }
    return true;
}

bool looksBinary(std::string_view bytes) {
    std::string_view head = bytes.substr(0, 4096);
    size_t controls = 0;
    for (unsigned char c : head) {
        if (c == 0) return true;
        if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') ++controls;
    }
    return controls * 20 > head.size();  // over 5% control bytes
}

std::string_view stripBom(std::string_view bytes) {
    if (bytes.size() >= 3 && (unsigned char)bytes[0] == 0xEF && (unsigned char)bytes[1] == 0xBB &&
        (unsigned char)bytes[2] == 0xBF)
        bytes.remove_prefix(3);
    return bytes;
}

std::string trim(std::string_view s) {
    auto isSpace = [](unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
    while (!s.empty() && isSpace(s.front())) s.remove_prefix(1);
    while (!s.empty() && isSpace(s.back())) s.remove_suffix(1);
    return std::string(s);
}

std::string collapseSpaces(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    bool pendingSpace = false;
    for (unsigned char c : s) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            pendingSpace = !out.empty();
            continue;
        }
        if (pendingSpace) out.push_back(' ');
        pendingSpace = false;
        out.push_back(char(c));
    }
    return out;
}

std::vector<std::string> lines(std::string_view s) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= s.size()) {
        size_t end = std::min(s.find('\n', start), s.size());
        out.push_back(collapseSpaces(s.substr(start, end - start)));
        start = end + 1;
    }
    return out;
}

std::string lower(std::string_view s) {
    // ASCII only, like std::tolower on single bytes, without its per-call
    // locale lookup (imports lower-case every email and key).
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    return out;
}

namespace {

// Base letters of U+00C0..U+017F; '.' means the letter has no plain base
// (Æ, Ø, ß, Ł, ...) and is only lower-cased when it has a simple pair.
constexpr const char kLatinBase[] =
    "AAAAAA.CEEEEIIII.NOOOOO..UUUUY.."   // U+00C0..U+00DF
    "aaaaaa.ceeeeiiii.nooooo..uuuuy.y"   // U+00E0..U+00FF
    "AaAaAaCcCcCcCcDd..EeEeEeEeEeGgGg"   // U+0100..U+011F
    "GgGgHh..IiIiIiIiI...JjKk.LlLlLl."   // U+0120..U+013F
    "...NnNnNn...OoOoOo..RrRrRrSsSsSs"   // U+0140..U+015F
    "SsTtTt..UuUuUuUuUuUuWwYyYZzZzZz.";  // U+0160..U+017F

void appendUtf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xC0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3F));
    } else {
        out += char(0xE0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    }
}

char32_t foldCodePoint(char32_t cp) {
    if (cp >= 0xC0 && cp <= 0x17F) {
        char base = kLatinBase[cp - 0xC0];
        if (base != '.') return char32_t(std::tolower((unsigned char)base));
        if (cp <= 0xDE && cp != 0xD7) return cp + 0x20;  // Æ Ð Ø Þ
        // Extended-A capitals sit just before their small letter (Ł ł, Œ œ).
        bool evenCapital = (cp <= 0x137 || (cp >= 0x14A && cp <= 0x177)) && cp % 2 == 0;
        bool oddCapital = cp >= 0x139 && cp <= 0x148 && cp % 2 == 1;
        return evenCapital || oddCapital ? cp + 1 : cp;
    }
    switch (cp) {  // Greek vowels with tonos, upper and lower
        case 0x386: case 0x3AC: return 0x3B1;
        case 0x388: case 0x3AD: return 0x3B5;
        case 0x389: case 0x3AE: return 0x3B7;
        case 0x38A: case 0x3AF: return 0x3B9;
        case 0x38C: case 0x3CC: return 0x3BF;
        case 0x38E: case 0x3CD: return 0x3C5;
        case 0x38F: case 0x3CE: return 0x3C9;
        default: break;
    }
    if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) return cp + 0x20;  // Greek capitals
    if (cp >= 0x410 && cp <= 0x42F) return cp + 0x20;                 // Cyrillic А..Я
    if (cp >= 0x400 && cp <= 0x40F) return cp + 0x50;                 // Cyrillic Ѐ..Џ
    return cp;
}

// Letters with no accent to drop, spelled the way people type them on an
// ASCII keyboard: "@oystein" finds Øystein, "strasse" finds Straße.
const char* transliteration(char32_t cp) {
    switch (cp) {
        case 0xD8: case 0xF8: return "o";     // Ø ø
        case 0xC6: case 0xE6: return "ae";    // Æ æ
        case 0xDF: return "ss";               // ß
        case 0x141: case 0x142: return "l";   // Ł ł
        case 0x110: case 0x111: return "d";   // Đ đ
        default: return nullptr;
    }
}

}  // namespace

std::string searchFold(std::string_view word) {
    std::string out;
    out.reserve(word.size());
    size_t i = 0;
    while (i < word.size()) {
        unsigned char c = static_cast<unsigned char>(word[i]);
        if (c < 0x80) {
            out += char(std::tolower(c));
            ++i;
            continue;
        }
        // Two-byte sequences cover every letter folded here; keep the rest as is.
        if ((c & 0xE0) == 0xC0 && i + 1 < word.size() && (static_cast<unsigned char>(word[i + 1]) & 0xC0) == 0x80) {
            char32_t cp = char32_t((c & 0x1F) << 6) | char32_t(static_cast<unsigned char>(word[i + 1]) & 0x3F);
            if (const char* ascii = transliteration(cp)) out += ascii;
            else appendUtf8(out, foldCodePoint(cp));
            i += 2;
            continue;
        }
        out += word[i++];
    }
    return out;
}

std::vector<std::string> transliterationVariants(std::string_view folded, size_t limit) {
    // Where a letter could stand for one of the transliterated ones.
    struct Spot {
        size_t at, length;
        const char* native;
    };
    std::vector<Spot> spots;
    for (size_t i = 0; i < folded.size(); ++i) {
        if (folded.compare(i, 2, "ss") == 0) spots.push_back({i, 2, "\xC3\x9F"});        // ß
        else if (folded.compare(i, 2, "ae") == 0) spots.push_back({i, 2, "\xC3\xA6"});   // æ
        else if (folded[i] == 'o') spots.push_back({i, 1, "\xC3\xB8"});                  // ø
        else if (folded[i] == 'l') spots.push_back({i, 1, "\xC5\x82"});                  // ł
        else if (folded[i] == 'd') spots.push_back({i, 1, "\xC4\x91"});                  // đ
        if (!spots.empty() && spots.back().at == i && spots.back().length == 2) ++i;
    }
    std::vector<std::string> out{std::string(folded)};
    auto spelled = [&](std::initializer_list<size_t> chosen) {
        std::string w;
        size_t from = 0;
        for (size_t k : chosen) {
            w.append(folded.substr(from, spots[k].at - from));
            w += spots[k].native;
            from = spots[k].at + spots[k].length;
        }
        w.append(folded.substr(from));
        return w;
    };
    for (size_t a = 0; a < spots.size() && out.size() < limit; ++a) out.push_back(spelled({a}));
    for (size_t a = 0; a < spots.size() && out.size() < limit; ++a)
        for (size_t b = a + 1; b < spots.size() && out.size() < limit; ++b) out.push_back(spelled({a, b}));
    return out;
}

std::string nfc(std::string_view s) {
    bool ascii = std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (ascii || !isValidUtf8(s)) return std::string(s);
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* normalizer = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) return std::string(s);
    icu::StringPiece piece(s.data(), int32_t(s.size()));
    if (normalizer->isNormalizedUTF8(piece, status) && U_SUCCESS(status)) return std::string(s);
    status = U_ZERO_ERROR;
    std::string out;
    icu::StringByteSink<std::string> sink(&out, int32_t(s.size()));
    normalizer->normalizeUTF8(0, piece, sink, nullptr, status);
    return U_SUCCESS(status) ? out : std::string(s);
}

std::string nameKey(std::string_view name) { return lower(collapseSpaces(name)); }

std::vector<std::string> splitNames(std::string_view list) {
    // One pass: a separator is ',', ';', a newline, or one of the joining
    // words between spaces. Linear, so a hostile 1 MB cell stays cheap.
    static const std::string_view words[] = {" and ", " & ", " und ", " et "};
    std::vector<std::string> out;
    size_t start = 0;
    auto emit = [&](size_t end) {
        std::string name = collapseSpaces(list.substr(start, end - start));
        if (!name.empty()) out.push_back(std::move(name));
    };
    size_t i = 0;
    while (i < list.size()) {
        char c = list[i];
        if (c == ',' || c == ';' || c == '\n') {
            emit(i);
            start = ++i;
            continue;
        }
        if (c == ' ') {
            bool matched = false;
            for (auto w : words) {
                if (list.compare(i, w.size(), w) == 0) {
                    emit(i);
                    i += w.size() - 1;  // keep the trailing space inside the next name's slice
                    start = i;
                    matched = true;
                    break;
                }
            }
            if (matched) continue;
        }
        ++i;
    }
    emit(list.size());
    return out;
}

std::string stripHtml(std::string_view html) {
    std::string out;
    out.reserve(html.size());
    size_t i = 0;
    while (i < html.size()) {
        char c = html[i];
        if (c == '<') {
            size_t close = html.find('>', i);
            if (close == std::string_view::npos) { out.append(html.substr(i)); break; }
            std::string tag = lower(html.substr(i + 1, std::min<size_t>(close - i - 1, 4)));
            if (tag.rfind("br", 0) == 0 || tag.rfind("/p", 0) == 0 || tag.rfind("/li", 0) == 0 ||
                tag.rfind("/div", 0) == 0)
                out.push_back('\n');
            else if (tag.rfind("li", 0) == 0)
                out.append("- ");
            i = close + 1;
        } else if (c == '&') {
            static const std::pair<std::string_view, std::string_view> entities[] = {
                {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""},
                {"&#39;", "'"}, {"&apos;", "'"}, {"&nbsp;", " "}};
            bool matched = false;
            for (auto [name, value] : entities) {
                if (html.substr(i, name.size()) == name) {
                    out.append(value);
                    i += name.size();
                    matched = true;
                    break;
                }
            }
            if (!matched) { out.push_back(c); ++i; }
        } else {
            out.push_back(c);
            ++i;
        }
    }
    // Trim trailing blank lines and spaces left by removed tags.
    return trim(out);
}

namespace {
// "&name;" or "&#123;" would render as a character; a lone "&" renders as
// itself, so only the former needs escaping and "Q&A" stays readable.
bool startsEntity(std::string_view s, size_t amp) {
    size_t i = amp + 1;
    while (i < s.size() && i - amp <= 32 && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '#')) ++i;
    return i > amp + 1 && i < s.size() && s[i] == ';';
}
}  // namespace

std::string markdownInline(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        switch (c) {
            case '&': out += startsEntity(s, i) ? "&amp;" : "&"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '\r':
                if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
                out += ' ';
                break;
            case '\n': out += ' '; break;
            case '\\': case '`': case '*': case '_': case '[': case ']':
                out += '\\';
                out += c;
                break;
            default: out += c;
        }
    }
    return out;
}

std::string markdownUnescape(std::string_view s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size()) {
            out += s[++i];
        } else if (s[i] == '&') {
            bool done = false;
            for (auto [entity, c] : {std::pair{"&amp;", '&'}, std::pair{"&lt;", '<'}, std::pair{"&gt;", '>'}}) {
                std::string_view e(entity);
                if (s.compare(i, e.size(), e) == 0) {
                    out += c;
                    i += e.size() - 1;
                    done = true;
                    break;
                }
            }
            if (!done) out += '&';
        } else {
            out += s[i];
        }
    }
    return out;
}

}  // namespace hallway::text
