// vCard 2.1, 3.0 and 4.0: one pass over the text, unfolding as it goes, so a
// long folded PHOTO or a hostile parameter list costs linear time.
#include "formats/vcard.h"

#include <algorithm>
#include <map>
#include <optional>
#include <utility>

#include "core/text.h"
#include "formats/contacts_common.h"
#include "formats/csv.h"
#include "formats/encoding.h"

namespace hallway {
namespace {

using contacts::Diagnostics;

// Room for the name and parameters on top of a full-size value.
constexpr size_t kMaxLogicalLine = contacts::kMaxField + 64 * 1024;

bool equalsNoCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (std::tolower((unsigned char)a[i]) != std::tolower((unsigned char)b[i])) return false;
    return true;
}

std::string upper(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = char(std::toupper((unsigned char)c));
    return out;
}

// Binary payloads we never read; their folded lines are skipped unstored.
bool isBinaryProperty(std::string_view name) {
    return equalsNoCase(name, "PHOTO") || equalsNoCase(name, "LOGO") || equalsNoCase(name, "SOUND") ||
           equalsNoCase(name, "KEY");
}

// The property name of a line ("item1.PHOTO;..." -> "PHOTO").
std::string_view propertyName(std::string_view line) {
    std::string_view name = line.substr(0, line.find_first_of(";:"));
    size_t dot = name.rfind('.');
    if (dot != std::string_view::npos) name.remove_prefix(dot + 1);
    return name;
}

struct LogicalLine {
    std::string text;
    int line = 0;            // physical line where it starts
    bool truncated = false;  // longer than kMaxLogicalLine; the rest was dropped
    bool binary = false;     // PHOTO and friends: text holds only the first physical line
};

// Joins folded lines: CRLF/LF followed by a space or tab (RFC 2425/6350), and
// quoted-printable soft breaks ('=' at the end of a line) in 2.1 values.
class LineReader {
public:
    explicit LineReader(std::string_view s) : m_s(s) {}

    bool next(LogicalLine& out) {
        if (m_pos >= m_s.size()) return false;
        out.line = m_line;
        out.truncated = false;
        std::string_view first = physical();
        out.text.assign(first.substr(0, kMaxLogicalLine));
        out.truncated = first.size() > kMaxLogicalLine;
        out.binary = isBinaryProperty(propertyName(first));
        // State for finding the ':' that ends the parameters, scanned once.
        m_scan = 0;
        m_inQuote = false;
        m_colon = std::string::npos;
        m_qp = false;
        bool lastEndsWithEq = !first.empty() && first.back() == '=';
        while (m_pos < m_s.size()) {
            char c = m_s[m_pos];
            bool softBreak = false;
            if (!out.binary) {
                findColon(out.text);
                // Quoted-printable: '=' at the end means the next line continues the
                // value (taken whole), unless that line closes the card.
                softBreak = m_qp && lastEndsWithEq && !nextLineIsEnd();
            }
            bool folded = !softBreak && (c == ' ' || c == '\t');
            if (!softBreak && !folded) break;
            std::string_view piece = physical();
            if (folded) piece.remove_prefix(1);
            if (out.binary) continue;
            // The '=' of a soft break is not part of the value.
            if (m_qp && lastEndsWithEq && !out.truncated && !out.text.empty() && out.text.back() == '=')
                out.text.pop_back();
            lastEndsWithEq = !piece.empty() && piece.back() == '=';
            if (out.truncated) continue;
            size_t room = kMaxLogicalLine - std::min(kMaxLogicalLine, out.text.size());
            if (piece.size() > room) {
                out.text.append(piece.substr(0, room));
                out.truncated = true;
            } else {
                out.text.append(piece);
            }
        }
        return true;
    }

private:
    // One physical line without its line ending.
    std::string_view physical() {
        size_t eol = m_s.find('\n', m_pos);
        if (eol == std::string_view::npos) eol = m_s.size();
        std::string_view line = m_s.substr(m_pos, eol - m_pos);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        m_pos = eol + 1;
        ++m_line;
        return line;
    }

    bool nextLineIsEnd() const {
        size_t eol = m_s.find('\n', m_pos);
        std::string_view line = m_s.substr(m_pos, eol == std::string_view::npos ? std::string_view::npos : eol - m_pos);
        return equalsNoCase(text::trim(line.substr(0, 32)), "END:VCARD");
    }

    // Continues the scan for the first unquoted ':'; decides quoted-printable once found.
    void findColon(const std::string& t) {
        if (m_colon != std::string::npos) return;
        for (; m_scan < t.size(); ++m_scan) {
            if (t[m_scan] == '"') m_inQuote = !m_inQuote;
            else if (t[m_scan] == ':' && !m_inQuote) break;
        }
        if (m_scan >= t.size()) return;
        m_colon = m_scan;
        m_qp = text::lower(std::string_view(t).substr(0, m_colon)).find("quoted-printable") != std::string::npos;
    }

    std::string_view m_s;
    size_t m_pos = 0;
    int m_line = 1;
    size_t m_scan = 0;
    bool m_inQuote = false;
    size_t m_colon = std::string::npos;
    bool m_qp = false;
};

struct Property {
    int line = 0;
    std::string group;               // lower-case, "" when none
    std::string name;                // upper-case
    std::vector<std::string> types;  // lower-case TYPE values and 2.1 bare parameters
    std::string encoding;            // lower-case
    std::string charset;             // lower-case
    std::string valueType;           // lower-case VALUE=
    int prefRank = 100;              // lower is preferred: TYPE=pref is 1, PREF=n is n
    std::string_view value;          // raw, still encoded and escaped
};

bool isNameChar(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == '.';
}

// A TYPE list: commas separate values inside quotes too (TYPE="work,voice").
std::vector<std::string> paramValues(std::string_view v) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : v) {
        if (c == '"') continue;
        if (c == ',') out.push_back(text::lower(text::trim(std::exchange(cur, {}))));
        else cur.push_back(c);
    }
    out.push_back(text::lower(text::trim(cur)));
    return out;
}

// "item1.EMAIL;TYPE=work,pref;X-Y="a;b":value". False when the line has no
// name or no ':'.
bool parseProperty(std::string_view line, int lineNo, Property& p) {
    p = Property{};
    p.line = lineNo;
    size_t i = 0;
    while (i < line.size() && isNameChar(line[i])) ++i;
    if (i == 0 || i >= line.size() || (line[i] != ';' && line[i] != ':')) return false;
    std::string_view full = line.substr(0, i);
    size_t dot = full.rfind('.');
    if (dot != std::string_view::npos) {
        p.group = text::lower(full.substr(0, dot));
        full.remove_prefix(dot + 1);
    }
    if (full.empty()) return false;
    p.name = upper(full);
    while (i < line.size() && line[i] == ';') {
        size_t start = ++i;
        bool inQuote = false;
        while (i < line.size() && (inQuote || (line[i] != ';' && line[i] != ':'))) {
            if (line[i] == '"') inQuote = !inQuote;
            ++i;
        }
        std::string_view param = line.substr(start, i - start);
        size_t eq = param.find('=');
        std::string key = eq == std::string_view::npos ? std::string() : upper(text::trim(param.substr(0, eq)));
        std::string_view rawValue = eq == std::string_view::npos ? param : param.substr(eq + 1);
        if (eq == std::string_view::npos) {
            // vCard 2.1 bare parameters: "WORK", "INTERNET", "QUOTED-PRINTABLE".
            std::string bare = text::lower(text::trim(param));
            if (bare == "quoted-printable" || bare == "base64" || bare == "b" || bare == "8bit" || bare == "7bit")
                p.encoding = bare;
            else if (!bare.empty())
                p.types.push_back(bare);
        } else if (key == "TYPE") {
            for (auto& t : paramValues(rawValue))
                if (!t.empty()) p.types.push_back(std::move(t));
        } else if (key == "ENCODING") {
            p.encoding = text::lower(text::trim(rawValue));
        } else if (key == "CHARSET") {
            p.charset = paramValues(rawValue).front();  // CHARSET="UTF-8" is common too
        } else if (key == "VALUE") {
            p.valueType = text::lower(text::trim(rawValue));
        } else if (key == "PREF") {
            std::string v = text::trim(rawValue);
            int rank = 0;
            for (char c : v.substr(0, 3))
                if (c >= '0' && c <= '9') rank = rank * 10 + (c - '0');
            p.prefRank = std::min(p.prefRank, rank > 0 ? rank : 1);
        }
    }
    if (i >= line.size() || line[i] != ':') return false;
    p.value = line.substr(i + 1);
    for (const auto& t : p.types)
        if (t == "pref") p.prefRank = std::min(p.prefRank, 1);
    return true;
}

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

// "=C3=A9" -> bytes; a stray '=' stays as it is.
std::string decodeQuotedPrintable(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '=' && i + 2 < s.size()) {
            int hi = hexValue(s[i + 1]), lo = hexValue(s[i + 2]);
            if (hi >= 0 && lo >= 0) {
                out.push_back(char(hi * 16 + lo));
                i += 2;
                continue;
            }
        }
        out.push_back(s[i]);
    }
    return out;
}

// Drops a multi-byte character cut off at the end (after a truncation).
void dropBrokenTail(std::string& s) {
    size_t n = s.size();
    size_t back = 0;
    while (back < 4 && back < n && (static_cast<unsigned char>(s[n - 1 - back]) & 0xC0) == 0x80) ++back;
    if (back >= n) return;
    unsigned char lead = s[n - 1 - back];
    size_t need = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
    if (lead >= 0xC0 && back < need) s.resize(n - 1 - back);
}

// vCard text escapes: \\ \, \; \: and \n or \N for a newline.
std::string unescape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '\\' || i + 1 >= s.size()) {
            out.push_back(s[i]);
            continue;
        }
        char n = s[i + 1];
        if (n == 'n' || n == 'N') out.push_back('\n');
        else if (n == '\\' || n == ',' || n == ';' || n == ':') out.push_back(n);
        else {
            out.push_back('\\');  // "C:\temp" in a 2.1 note is not an escape
            continue;
        }
        ++i;
    }
    return out;
}

// Splits at `sep` where no backslash escapes it; parts keep their escapes.
std::vector<std::string_view> splitUnescaped(std::string_view s, char sep) {
    std::vector<std::string_view> parts;
    size_t start = 0;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\') ++i;
        else if (s[i] == sep) {
            parts.push_back(s.substr(start, i - start));
            start = i + 1;
        }
    }
    parts.push_back(s.substr(start));
    return parts;
}

// The label a point gets from its TYPE list: words that say where, not what.
// A few words at most, so a hostile list of 100,000 types stays cheap.
std::string labelFromTypes(const std::vector<std::string>& types) {
    std::vector<std::string> words;
    for (const auto& t : types) {
        if (t == "pref" || t == "internet" || t == "x400" || t == "voice" || t == "msg" || t == "text" ||
            t == "video" || t.empty() || !text::isValidUtf8(t))  // parameters are raw bytes
            continue;
        std::string l = contacts::normalizeLabel(t);
        if (std::find(words.begin(), words.end(), l) == words.end()) words.push_back(std::move(l));
        if (words.size() == 4) break;
    }
    std::string label;
    for (const auto& w : words) label += (label.empty() ? "" : ",") + w;
    return label;
}

std::string shortQuote(std::string_view s) {
    std::string q(s.substr(0, 60));
    csv::truncateUtf8(q, 60);
    if (!text::isValidUtf8(q)) q = "?";
    return "'" + q + (s.size() > 60 ? "...'" : "'");
}

class VCardParser {
public:
    VCardParser(std::string_view bytes, const std::string& fileName)
        : m_bytes(text::stripBom(bytes)), m_file(fileName), m_diag(m_out, fileName) {}

    ContactsFile parse() {
        LineReader reader(m_bytes);
        LogicalLine l;
        Property p;
        int firstText = 0;
        bool sawCard = false;
        bool binaryRun = false;  // inside unindented base64 lines of a 2.1 PHOTO
        while (reader.next(l)) {
            std::string_view t = l.text;
            if (text::trim(t.substr(0, 64)).empty() && text::trim(t).empty()) {
                binaryRun = false;
                continue;
            }
            if (!firstText) firstText = l.line;
            if (!parseProperty(t, l.line, p)) {
                if (binaryRun) continue;
                if (m_open && m_depth == 0)
                    m_diag.warn(l.line, "line is not a NAME:value property; ignored");
                else if (!m_open)
                    m_diag.warn(l.line, "text outside BEGIN:VCARD ... END:VCARD; ignored");
                continue;
            }
            binaryRun = false;
            if (p.name == "BEGIN" && equalsNoCase(text::trim(p.value), "VCARD")) {
                sawCard = true;
                beginCard(l.line);
                continue;
            }
            if (p.name == "END" && equalsNoCase(text::trim(p.value), "VCARD")) {
                endCard(l.line);
                continue;
            }
            if (!m_open) {
                m_diag.warn(l.line, "text outside BEGIN:VCARD ... END:VCARD; ignored");
                continue;
            }
            if (m_depth > 0) continue;  // inside an AGENT's embedded card
            m_lastName = p.name;
            m_lastValueEmpty = text::trim(p.value).empty();
            if (l.binary) {
                binaryRun = true;
                continue;
            }
            property(p, l.truncated);
        }
        if (m_open) throw FormatError(m_file, m_card.line, "BEGIN:VCARD has no END:VCARD");
        if (!sawCard) throw FormatError(m_file, firstText, "no BEGIN:VCARD found; not a vCard file");
        m_diag.finish();
        return std::move(m_out);
    }

private:
    struct Pending {
        int kind;  // 0 email, 1 phone, 2 url
        size_t index;
        std::string group;
    };

    void beginCard(int line) {
        if (m_open) {
            // vCard 2.1 embeds a card in AGENT; anything else means END:VCARD is missing.
            if (m_depth > 0 || (m_lastName == "AGENT" && m_lastValueEmpty)) {
                ++m_depth;
                return;
            }
            throw FormatError(m_file, m_card.line,
                              "BEGIN:VCARD has no END:VCARD (another BEGIN:VCARD starts at line " +
                                  std::to_string(line) + ")");
        }
        m_diag.countRecord(line);
        m_open = true;
        m_depth = 0;
        m_card = ContactRecord{};
        m_card.line = line;
        m_ranks[0].clear();
        m_ranks[1].clear();
        m_ranks[2].clear();
        m_pending.clear();
        m_groupLabels.clear();
        m_lastName.clear();
        m_haveTitle = false;
        m_version.clear();
        m_cardWarnings.clear();
    }

    void endCard(int line) {
        if (!m_open) {
            m_diag.warn(line, "END:VCARD without BEGIN:VCARD; ignored");
            return;
        }
        if (m_depth > 0) {
            --m_depth;
            return;
        }
        m_open = false;
        // Apple writes custom labels as "item1.X-ABLabel" next to "item1.EMAIL".
        for (const auto& pend : m_pending) {
            auto found = m_groupLabels.find(pend.group);
            if (found == m_groupLabels.end()) continue;
            auto& points = pend.kind == 0 ? m_card.emails : pend.kind == 1 ? m_card.phones : m_card.urls;
            if (pend.index < points.size() && !(pend.kind == 2 && points[pend.index].label == "linkedin"))
                points[pend.index].label = found->second;
        }
        sortByPreference(m_card.emails, m_ranks[0]);
        sortByPreference(m_card.phones, m_ranks[1]);
        sortByPreference(m_card.urls, m_ranks[2]);
        bool named = contacts::finishRecord(m_card);
        std::string who = named ? "card '" + m_card.fullName + "'" : "card at line " + std::to_string(m_card.line);
        for (auto& [at, what] : m_cardWarnings) m_diag.warn(at, who + ": " + what);
        if (!named) {
            m_diag.skip(m_card.line, "card has no FN or N");
            return;
        }
        m_out.contacts.push_back(std::move(m_card));
    }

    // Preferred points first (TYPE=pref, PREF=1), file order otherwise.
    static void sortByPreference(std::vector<ContactPoint>& points, const std::vector<int>& ranks) {
        if (ranks.size() != points.size()) return;
        std::vector<size_t> order(points.size());
        for (size_t i = 0; i < order.size(); ++i) order[i] = i;
        std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return ranks[a] < ranks[b]; });
        std::vector<ContactPoint> sorted;
        sorted.reserve(points.size());
        for (size_t i : order) sorted.push_back(std::move(points[i]));
        points = std::move(sorted);
    }

    // A warning about this card, named once the card is complete.
    void cardWarning(int line, std::string what) { m_cardWarnings.emplace_back(line, std::move(what)); }

    // The value as UTF-8 text, still with its escapes; nullopt when it cannot
    // be read. CHARSET= is converted with iconv; a 2.1 card that names no
    // charset and is not UTF-8 was written by Windows (Windows-1252); bytes
    // that still do not decode become U+FFFD with a warning, never an error.
    std::optional<std::string> decode(const Property& p, bool truncated) {
        if (p.encoding == "b" || p.encoding == "base64") {
            cardWarning(p.line, p.name + " is base64-encoded; ignored");
            return std::nullopt;
        }
        std::string v = p.encoding == "quoted-printable" ? decodeQuotedPrintable(p.value) : std::string(p.value);
        if (truncated) dropBrokenTail(v);  // the reader cut the line, maybe inside a character
        const std::string& cs = p.charset;
        bool utf8Named = cs.empty() || cs == "utf-8" || cs == "utf8" || cs == "us-ascii" || cs == "ascii";
        bool decoded = utf8Named && text::isValidUtf8(v);
        if (!utf8Named) {
            if (cs == "iso-8859-1" || cs == "iso8859-1" || cs == "latin1" || cs == "latin-1" ||
                cs == "windows-1252" || cs == "cp1252") {
                v = encoding::fromWindows1252(v);  // as browsers read Latin-1 labels
                decoded = true;
            } else if (auto converted = encoding::convertCharset(v, cs)) {
                v = std::move(*converted);
                decoded = true;
            } else if (!encoding::knownCharset(cs)) {
                cardWarning(p.line, p.name + " names charset " + shortQuote(cs) + ", which is unknown; read as UTF-8");
            }
        }
        if (!decoded && !text::isValidUtf8(v)) {
            if (cs.empty() && m_version == "2.1") {
                v = encoding::fromWindows1252(v);
            } else {
                v = encoding::replaceInvalidUtf8(v);
                cardWarning(p.line, p.name + " is not valid " + (cs.empty() ? std::string("UTF-8") : shortQuote(cs)) +
                                        "; the bytes that could not be read are shown as \xEF\xBF\xBD");
            }
        }
        if (truncated || v.size() > contacts::kMaxField) {
            csv::truncateUtf8(v, contacts::kMaxField);
            dropBrokenTail(v);
            cardWarning(p.line, p.name + " value is longer than 1 MiB; truncated");
        }
        return v;
    }

    void addPoint(int kind, const Property& p, std::string_view value, const std::string& label) {
        auto& points = kind == 0 ? m_card.emails : kind == 1 ? m_card.phones : m_card.urls;
        size_t before = points.size();
        if (kind == 0) contacts::addEmail(m_card, value, label);
        else if (kind == 1) contacts::addPhone(m_card, value, label);
        else contacts::addUrl(m_card, value, label);
        if (points.size() == before) return;
        m_ranks[kind].push_back(p.prefRank);
        if (!p.group.empty()) m_pending.push_back({kind, before, p.group});
    }

    void property(const Property& p, bool truncated) {
        const std::string& n = p.name;
        if (n == "VERSION") m_version = text::trim(p.value);
        static const char* known[] = {"N", "FN", "ORG", "TITLE", "ROLE", "EMAIL", "TEL", "URL", "NOTE", "CATEGORIES",
                                      "BDAY", "X-SOCIALPROFILE", "SOCIALPROFILE", "X-ABLABEL"};
        if (std::none_of(std::begin(known), std::end(known), [&](const char* k) { return n == k; })) return;
        auto decoded = decode(p, truncated);
        if (!decoded) return;
        const std::string& v = *decoded;
        if (n == "FN") {
            if (m_card.fullName.empty()) m_card.fullName = unescape(v);
        } else if (n == "N") {
            auto parts = splitUnescaped(v, ';');
            m_card.familyName = unescape(parts[0]);
            if (parts.size() > 1) m_card.givenName = unescape(parts[1]);
        } else if (n == "ORG") {
            m_card.company = unescape(splitUnescaped(v, ';')[0]);
        } else if (n == "TITLE") {
            m_card.role = unescape(v);
            m_haveTitle = true;
        } else if (n == "ROLE") {
            if (!m_haveTitle) m_card.role = unescape(v);
        } else if (n == "EMAIL") {
            addPoint(0, p, unescape(v), labelFromTypes(p.types));
        } else if (n == "TEL") {
            addPoint(1, p, unescape(v), labelFromTypes(p.types));
        } else if (n == "URL" || n == "X-SOCIALPROFILE" || n == "SOCIALPROFILE") {
            addPoint(2, p, unescape(v), labelFromTypes(p.types));
        } else if (n == "NOTE") {
            std::string note = unescape(v);
            if (!note.empty()) m_card.note += (m_card.note.empty() ? "" : "\n") + note;
            if (contacts::capField(m_card.note)) m_diag.warn(p.line, "notes are longer than 1 MiB; truncated");
        } else if (n == "CATEGORIES") {
            for (auto part : splitUnescaped(v, ',')) contacts::addTag(m_card, unescape(part));
        } else if (n == "BDAY") {
            if (auto day = contacts::parseBirthday(unescape(v)))
                m_card.birthday = *day;
            else
                m_diag.warn(p.line, "BDAY " + shortQuote(v) + " is not a date; ignored");
        } else if (n == "X-ABLABEL") {
            if (!p.group.empty()) m_groupLabels[p.group] = contacts::normalizeLabel(unescape(v));
        }
    }

    std::string_view m_bytes;
    const std::string& m_file;
    ContactsFile m_out;
    Diagnostics m_diag;
    bool m_open = false;
    int m_depth = 0;  // nested AGENT cards
    std::string m_lastName;
    bool m_lastValueEmpty = false;
    bool m_haveTitle = false;
    std::string m_version;  // "2.1", "3.0", "4.0"; empty until the card says
    std::vector<std::pair<int, std::string>> m_cardWarnings;
    ContactRecord m_card;
    std::vector<int> m_ranks[3];
    std::vector<Pending> m_pending;
    std::map<std::string, std::string> m_groupLabels;
};

}  // namespace

bool sniffVCard(std::string_view head) { return contacts::startsWithNoCase(head, "begin:vcard"); }

ContactsFile parseVCard(std::string_view bytes, const std::string& fileName, const ContactsParseOptions&) {
    return VCardParser(bytes, fileName).parse();
}

}  // namespace hallway
