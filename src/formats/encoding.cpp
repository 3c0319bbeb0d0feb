#include "formats/encoding.h"

#include <algorithm>

#include <iconv.h>

#include <cerrno>

#include "core/text.h"
#include "formats/agenda.h"

namespace hallway::encoding {

namespace {

void appendUtf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
        out.push_back(char(cp));
    } else if (cp < 0x800) {
        out.push_back(char(0xC0 | (cp >> 6)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(char(0xE0 | (cp >> 12)));
        out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(char(0xF0 | (cp >> 18)));
        out.push_back(char(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    }
}

// "\"Shift_JIS\"" -> "SHIFT_JIS": quotes and spaces dropped, upper-case for iconv.
std::string cleanCharset(std::string_view charset) {
    std::string out;
    for (char c : charset) {
        if (c == '"' || c == '\'' || c == ' ' || c == '\t') continue;
        out.push_back(c >= 'a' && c <= 'z' ? char(c - 'a' + 'A') : c);
    }
    return out;
}

std::string_view decodeUtf16(std::string_view bytes, bool bigEndian, std::string& out, const std::string& fileName) {
    out.clear();
    out.reserve(bytes.size() / 2 + bytes.size() / 8);
    int line = 1;
    auto unit = [&](size_t i) {
        unsigned char a = bytes[i], b = bytes[i + 1];
        return bigEndian ? unsigned(a) << 8 | b : unsigned(b) << 8 | a;
    };
    size_t i = 0;
    for (; i + 1 < bytes.size(); i += 2) {
        unsigned u = unit(i);
        if (u >= 0xD800 && u <= 0xDBFF) {
            unsigned low = i + 3 < bytes.size() ? unit(i + 2) : 0;
            if (low < 0xDC00 || low > 0xDFFF)
                throw FormatError(fileName, line, "UTF-16 text has a broken character (a lone high surrogate)");
            appendUtf8(out, 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00));
            i += 2;
            continue;
        }
        if (u >= 0xDC00 && u <= 0xDFFF)
            throw FormatError(fileName, line, "UTF-16 text has a broken character (a lone low surrogate)");
        if (u == '\n') ++line;
        appendUtf8(out, u);
    }
    if (i < bytes.size()) throw FormatError(fileName, line, "UTF-16 text ends in the middle of a character");
    return out;
}

}  // namespace

const char* encodingName(Encoding e) {
    switch (e) {
        case Encoding::Utf8: return "UTF-8";
        case Encoding::Utf8Bom: return "UTF-8 with BOM";
        case Encoding::Utf16Le: return "UTF-16LE";
        case Encoding::Utf16Be: return "UTF-16BE";
    }
    return "UTF-8";
}

Encoding detect(std::string_view bytes) {
    auto at = [&](size_t i) { return static_cast<unsigned char>(bytes[i]); };
    if (bytes.size() >= 3 && at(0) == 0xEF && at(1) == 0xBB && at(2) == 0xBF) return Encoding::Utf8Bom;
    if (bytes.size() >= 2 && at(0) == 0xFF && at(1) == 0xFE) return Encoding::Utf16Le;
    if (bytes.size() >= 2 && at(0) == 0xFE && at(1) == 0xFF) return Encoding::Utf16Be;
    // No BOM: agendas and contact files start with markup or ASCII keys, so
    // UTF-16 shows as NULs in every other byte, all on one side.
    size_t n = std::min<size_t>(bytes.size(), 1024) & ~size_t(1);
    if (n < 4) return Encoding::Utf8;
    size_t evenNul = 0, oddNul = 0;
    for (size_t i = 0; i < n; i += 2) {
        evenNul += at(i) == 0;
        oddNul += at(i + 1) == 0;
    }
    size_t pairs = n / 2;
    if (oddNul * 2 >= pairs && evenNul * 20 <= oddNul) return Encoding::Utf16Le;
    if (evenNul * 2 >= pairs && oddNul * 20 <= evenNul) return Encoding::Utf16Be;
    return Encoding::Utf8;
}

namespace {

std::string_view decodeToUtf8(std::string_view bytes, std::string& storage, const std::string& fileName) {
    switch (detect(bytes)) {
        case Encoding::Utf8: return bytes;
        case Encoding::Utf8Bom: return bytes.substr(3);
        case Encoding::Utf16Le:
        case Encoding::Utf16Be: {
            bool big = detect(bytes) == Encoding::Utf16Be;
            bool bom = bytes.size() >= 2 && ((unsigned char)bytes[0] == 0xFF || (unsigned char)bytes[0] == 0xFE) &&
                       ((unsigned char)bytes[1] == 0xFE || (unsigned char)bytes[1] == 0xFF);
            return decodeUtf16(bom ? bytes.substr(2) : bytes, big, storage, fileName);
        }
    }
    return bytes;
}

}  // namespace

bool hasCrOnlyLines(std::string_view text) {
    return text.find('\r') != std::string_view::npos && text.find('\n') == std::string_view::npos;
}

std::string_view toUtf8(std::string_view bytes, std::string& storage, const std::string& fileName) {
    std::string_view text = decodeToUtf8(bytes, storage, fileName);
    if (!hasCrOnlyLines(text)) return text;
    // Old Mac tools end lines with CR alone: LF takes each one's place, byte
    // for byte, so offsets and line numbers in later errors are the file's.
    std::string lf(text);
    std::replace(lf.begin(), lf.end(), '\r', '\n');
    storage = std::move(lf);
    return storage;
}

bool knownCharset(std::string_view charset) {
    iconv_t cd = iconv_open("UTF-8", cleanCharset(charset).c_str());
    if (cd == iconv_t(-1)) return false;
    iconv_close(cd);
    return true;
}

std::optional<std::string> convertCharset(std::string_view bytes, std::string_view charset) {
    std::string name = cleanCharset(charset);
    if (name.empty()) return std::nullopt;
    iconv_t cd = iconv_open("UTF-8", name.c_str());
    if (cd == iconv_t(-1)) return std::nullopt;
    std::string out(bytes.size() * 4 + 16, '\0');
    char* in = const_cast<char*>(bytes.data());
    size_t inLeft = bytes.size();
    char* dst = out.data();
    size_t dstLeft = out.size();
    bool ok = true;
    while (inLeft > 0) {
        if (iconv(cd, &in, &inLeft, &dst, &dstLeft) != size_t(-1)) continue;
        if (errno == E2BIG) {  // never with 4x room, but grow rather than fail
            size_t used = size_t(dst - out.data());
            out.resize(out.size() * 2);
            dst = out.data() + used;
            dstLeft = out.size() - used;
            continue;
        }
        ok = false;  // EILSEQ or EINVAL: not valid in that charset
        break;
    }
    if (ok) iconv(cd, nullptr, nullptr, &dst, &dstLeft);  // flush a stateful encoding's reset
    iconv_close(cd);
    if (!ok) return std::nullopt;
    out.resize(size_t(dst - out.data()));
    if (!text::isValidUtf8(out)) return std::nullopt;
    return out;
}

// ISO-8859-1 goes through the same table, as browsers do: files labelled
// Latin-1 are usually 1252, and C1 controls are never meant.
std::string fromWindows1252(std::string_view s) {
    static const unsigned short high[32] = {
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};
    std::string out;
    out.reserve(s.size() + s.size() / 4);
    for (unsigned char c : s) {
        if (c >= 0x80 && c < 0xA0) appendUtf8(out, high[c - 0x80]);
        else appendUtf8(out, c);
    }
    return out;
}

std::string replaceInvalidUtf8(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    size_t i = 0;
    while (i < s.size()) {
        unsigned char c = s[i];
        size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
        if (len > 0 && i + len <= s.size() && text::isValidUtf8(s.substr(i, len))) {
            out.append(s.substr(i, len));
            i += len;
            continue;
        }
        out += "\xEF\xBF\xBD";
        // Skip the lead byte and any continuation bytes that belonged to it.
        ++i;
        while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    }
    return out;
}

}  // namespace hallway::encoding
