#include "core/note_markers.h"

#include <array>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <unordered_map>
#include <unordered_set>

#include "core/text.h"

namespace hallway {

namespace {

namespace chr = std::chrono;

// ---------------------------------------------------------------------------
// Byte classes. Bytes >= 0x80 count as letters so "#café" is one word and
// "Mayday" never hides a "May" behind a multi-byte character.

bool isAsciiLetter(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool isDigit(unsigned char c) { return c >= '0' && c <= '9'; }
bool isLetter(unsigned char c) { return isAsciiLetter(c) || c >= 0x80; }
bool isSpace(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool isTagChar(unsigned char c) { return isLetter(c) || isDigit(c) || c == '_' || c == '-'; }
bool isHandleChar(unsigned char c) { return isTagChar(c) || c == '.'; }

// strchr would also match the terminating NUL, so a NUL byte in a note
// must be checked for explicitly.
bool isOneOf(char c, const char* set) { return c != '\0' && std::strchr(set, c) != nullptr; }

char asciiLower(char c) { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; }

// Lower-cased copy of a short word; longer words match no keyword, so they
// come back empty and are never copied (keeps hostile input cheap).
std::string shortLower(std::string_view w, size_t limit = 12) {
    if (w.size() > limit) return {};
    std::string out(w);
    for (char& c : out) c = asciiLower(c);
    return out;
}

// ---------------------------------------------------------------------------
// Calendar arithmetic on plain dates: no time zones, so DST cannot shift a day.

bool isValidDate(int y, int m, int d) {
    if (m < 1 || m > 12 || d < 1 || d > 31) return false;
    return chr::year_month_day{chr::year{y}, chr::month{unsigned(m)}, chr::day{unsigned(d)}}.ok();
}

chr::sys_days toDays(const CalendarDate& d) {
    return chr::sys_days{chr::year{d.year} / chr::month{unsigned(d.month)} / chr::day{unsigned(d.day)}};
}

CalendarDate fromDays(chr::sys_days days) {
    chr::year_month_day ymd{days};
    return {int(ymd.year()), int(unsigned(ymd.month())), int(unsigned(ymd.day()))};
}

CalendarDate addDays(const CalendarDate& d, int n) { return fromDays(toDays(d) + chr::days{n}); }

bool dateBefore(const CalendarDate& a, const CalendarDate& b) {
    if (a.year != b.year) return a.year < b.year;
    if (a.month != b.month) return a.month < b.month;
    return a.day < b.day;
}

// The first (month, day) on or after `ref`. Eight years cover the longest gap
// between leap days (2096 -> 2104), so "29 Feb" always resolves.
std::optional<CalendarDate> nextOccurrence(int month, int day, const CalendarDate& ref) {
    for (int y = ref.year; y <= ref.year + 8; ++y) {
        if (!isValidDate(y, month, day)) continue;
        CalendarDate c{y, month, day};
        if (!dateBefore(c, ref)) return c;
    }
    return std::nullopt;
}

// 0 = Sunday ... 6 = Saturday.
int weekdayOf(const CalendarDate& d) { return int(chr::weekday{toDays(d)}.c_encoding()); }

// ---------------------------------------------------------------------------
// findDate works on a lazy token stream: each token is read where it starts,
// and every pattern looks a bounded number of tokens ahead, so a scan is
// linear without materialising a token vector for a 1 MiB line.

enum class TokKind { End, Word, Num, Space, Punct };

struct Tok {
    TokKind kind = TokKind::End;
    size_t begin = 0, end = 0;
    size_t size() const { return end - begin; }
};

Tok tokenAt(std::string_view s, size_t pos) {
    if (pos >= s.size()) return {TokKind::End, s.size(), s.size()};
    unsigned char c = s[pos];
    size_t j = pos + 1;
    if (isLetter(c)) {
        while (j < s.size() && isLetter(s[j])) ++j;
        return {TokKind::Word, pos, j};
    }
    if (isDigit(c)) {
        while (j < s.size() && isDigit(s[j])) ++j;
        return {TokKind::Num, pos, j};
    }
    if (isSpace(c)) {
        while (j < s.size() && isSpace(s[j])) ++j;
        return {TokKind::Space, pos, j};
    }
    return {TokKind::Punct, pos, j};
}

int monthFromWord(const std::string& w) {
    static const std::unordered_map<std::string, int> months = {
        {"january", 1}, {"jan", 1},   {"february", 2}, {"feb", 2},  {"march", 3},     {"mar", 3},
        {"april", 4},   {"apr", 4},   {"may", 5},      {"june", 6}, {"jun", 6},       {"july", 7},
        {"jul", 7},     {"august", 8}, {"aug", 8},     {"september", 9}, {"sep", 9},  {"sept", 9},
        {"october", 10}, {"oct", 10}, {"november", 11}, {"nov", 11}, {"december", 12}, {"dec", 12}};
    auto it = months.find(w);
    return it == months.end() ? 0 : it->second;
}

// Weekday index (0 = Sunday) for a weekday word, -1 otherwise. `ambiguous` is
// set for abbreviations that are also common English words ("sat", "sun").
int weekdayFromWord(const std::string& w, bool& ambiguous) {
    static const std::unordered_map<std::string, std::pair<int, bool>> days = {
        {"sunday", {0, false}},   {"monday", {1, false}}, {"tuesday", {2, false}}, {"wednesday", {3, false}},
        {"thursday", {4, false}}, {"friday", {5, false}}, {"saturday", {6, false}},
        {"tue", {2, false}},      {"tues", {2, false}},   {"thu", {4, false}},     {"thur", {4, false}},
        {"thurs", {4, false}},    {"fri", {5, false}},
        {"sun", {0, true}},       {"mon", {1, true}},     {"wed", {3, true}},      {"sat", {6, true}}};
    auto it = days.find(w);
    if (it == days.end()) return -1;
    ambiguous = it->second.second;
    return it->second.first;
}

enum class Found { None, Invalid, Date };

struct DateResult {
    Found found = Found::None;
    CalendarDate date;
};

class DateScanner {
public:
    DateScanner(std::string_view s, const CalendarDate& ref) : m_s(s), m_ref(ref) {}

    std::optional<CalendarDate> firstDate() {
        Tok prev, prevPrev;  // the two tokens before the current one, for context checks
        size_t pos = 0;
        while (pos < m_s.size()) {
            Tok t = tokenAt(m_s, pos);
            if (t.kind != TokKind::Space) {
                DateResult r = tryAt(t, prev, prevPrev);
                if (r.found == Found::Date) return r.date;
            }
            prevPrev = prev;
            prev = t;
            pos = t.end;
        }
        return std::nullopt;
    }

private:
    std::string_view m_s;
    CalendarDate m_ref;

    Tok next(const Tok& t) const { return tokenAt(m_s, t.end); }
    std::string lowerOf(const Tok& t) const {
        return t.kind == TokKind::Word ? shortLower(m_s.substr(t.begin, t.size())) : std::string();
    }
    char punct(const Tok& t) const { return t.kind == TokKind::Punct ? m_s[t.begin] : '\0'; }
    int numValue(const Tok& t) const {
        if (t.kind != TokKind::Num || t.size() > 4) return -1;
        int v = 0;
        for (size_t i = t.begin; i < t.end; ++i) v = v * 10 + (m_s[i] - '0');
        return v;
    }
    bool isWord(const Tok& t, const char* w) const { return t.kind == TokKind::Word && lowerOf(t) == w; }

    // A number glued to a word ("v2", "A12") or continuing a dotted/colon
    // sequence ("1.5", "10:30") is not the start of a date.
    static bool numberStartOk(const Tok& prev, const Tok& prevPrev, std::string_view s) {
        if (prev.kind == TokKind::Word || prev.kind == TokKind::Num) return false;
        if (prev.kind == TokKind::Punct && isOneOf(s[prev.begin], ".-/:") && prevPrev.kind == TokKind::Num)
            return false;
        return true;
    }

    // After a date's last number: "12.04.2027.5" or "2027-04-12-3" are not dates.
    bool numberEndOk(const Tok& last) const {
        Tok after = next(last);
        if (after.kind == TokKind::Num) return false;
        if (after.kind == TokKind::Punct && isOneOf(m_s[after.begin], ".-/:") && next(after).kind == TokKind::Num)
            return false;
        return true;
    }

    // A day of month: 1-2 digits with an optional glued ordinal ("12th").
    // Returns the last token of the day, or End when `t` is no day.
    Tok parseDay(const Tok& t, int& day) const {
        if (t.kind != TokKind::Num || t.size() > 2) return {};
        day = numValue(t);
        Tok last = t;
        Tok after = next(t);
        if (after.kind == TokKind::Word) {
            std::string suffix = lowerOf(after);
            if (suffix != "st" && suffix != "nd" && suffix != "rd" && suffix != "th") return {};  // "3pm"
            last = after;
        }
        if (last.kind == TokKind::Num && !numberEndOk(last)) return {};  // "12:30", "12.5"
        if (day < 1 || day > 31) return {};
        return last;
    }

    // ", 2027" / " 2027" after a month or day; returns the year's token or End.
    Tok parseYear(const Tok& last, int& year) const {
        Tok t = next(last);
        if (punct(t) == ',') t = next(t);
        if (t.kind != TokKind::Space) return {};
        t = next(t);
        if (t.kind != TokKind::Num || t.size() != 4 || !numberEndOk(t)) return {};
        if (next(t).kind == TokKind::Word) return {};  // "2027th", "2000km"
        int value = numValue(t);
        if (value < 1900 || value > 2199) return {};  // "12 April 1000 people" is no year
        year = value;
        return t;
    }

    DateResult resolve(int year, int month, int day) const {
        if (year > 0) {
            if (!isValidDate(year, month, day)) return {Found::Invalid, {}};
            return {Found::Date, {year, month, day}};
        }
        if (auto d = nextOccurrence(month, day, m_ref)) return {Found::Date, *d};
        return {Found::Invalid, {}};
    }

    // Skips a glued '.' after an abbreviation ("Apr. 12").
    Tok skipDot(const Tok& t) const {
        Tok n = next(t);
        return punct(n) == '.' ? n : t;
    }

    // "12 April", "12th of April", "12 Apr 2027".
    DateResult dayMonth(const Tok& t, const Tok& prev, const Tok& prevPrev) const {
        if (!numberStartOk(prev, prevPrev, m_s)) return {};
        int day = 0;
        Tok last = parseDay(t, day);
        if (last.kind == TokKind::End) return {};
        Tok sp = next(last);
        if (sp.kind != TokKind::Space) return {};
        Tok m = next(sp);
        if (isWord(m, "of")) {
            Tok sp2 = next(m);
            if (sp2.kind != TokKind::Space) return {};
            m = next(sp2);
        }
        if (m.kind != TokKind::Word) return {};
        int month = monthFromWord(lowerOf(m));
        if (month == 0) return {};
        int year = 0;
        parseYear(skipDot(m), year);
        return resolve(year, month, day);
    }

    // "April 12", "Apr 12th, 2027". "may" and "march" are also verbs ("we march
    // 3 km"), so in this order they count only when capitalised.
    DateResult monthDay(const Tok& t) const {
        std::string w = lowerOf(t);
        int month = monthFromWord(w);
        if (month == 0) return {};
        if ((w == "may" || w == "march" || w == "mar") && !(m_s[t.begin] >= 'A' && m_s[t.begin] <= 'Z')) return {};
        Tok sp = next(skipDot(t));
        if (sp.kind != TokKind::Space) return {};
        Tok d = next(sp);
        int day = 0;
        Tok last = parseDay(d, day);
        if (last.kind == TokKind::End) return {};
        int year = 0;
        parseYear(last, year);
        return resolve(year, month, day);
    }

    // "2027-04-12", and day-first "12.04.2027" / "12/04/2027".
    DateResult numeric(const Tok& t, const Tok& prev, const Tok& prevPrev) const {
        if (!numberStartOk(prev, prevPrev, m_s)) return {};
        Tok s1 = next(t);
        char sep = punct(s1);
        if (sep != '-' && sep != '.' && sep != '/') return {};
        Tok n2 = next(s1);
        if (n2.kind != TokKind::Num || n2.size() > 2) return {};
        Tok s2 = next(n2);
        if (punct(s2) != sep) return {};
        Tok n3 = next(s2);
        if (n3.kind != TokKind::Num || !numberEndOk(n3)) return {};
        if (sep == '-') {
            if (t.size() != 4 || n3.size() > 2) return {};
            return resolve(numValue(t), numValue(n2), numValue(n3));
        }
        if (t.size() > 2 || n3.size() != 4) return {};
        return resolve(numValue(n3), numValue(n2), numValue(t));
    }

    DateResult explicitDate(const Tok& t, const Tok& prev, const Tok& prevPrev) const {
        if (t.kind == TokKind::Num) {
            DateResult r = numeric(t, prev, prevPrev);
            if (r.found != Found::None) return r;
            return dayMonth(t, prev, prevPrev);
        }
        if (t.kind == TokKind::Word) return monthDay(t);
        return {};
    }

    DateResult tryAt(const Tok& t, const Tok& prev, const Tok& prevPrev) const {
        DateResult r = explicitDate(t, prev, prevPrev);
        if (r.found != Found::None || t.kind != TokKind::Word) return r;
        std::string w = lowerOf(t);
        if (w.empty()) return {};
        if (w == "today" || w == "tonight") return {Found::Date, m_ref};
        if (w == "tomorrow") return {Found::Date, addDays(m_ref, 1)};
        if (w == "day") {  // "the day after tomorrow" must not read as "tomorrow"
            Tok a = next(t);
            if (a.kind != TokKind::Space || !isWord(a = next(a), "after")) return {};
            Tok b = next(a);
            if (b.kind != TokKind::Space || !isWord(next(b), "tomorrow")) return {};
            return {Found::Date, addDays(m_ref, 2)};
        }
        if (w == "next") {
            Tok sp = next(t);
            if (sp.kind == TokKind::Space && isWord(next(sp), "week")) return {Found::Date, addDays(m_ref, 7)};
            return {};
        }
        if (w == "in") {  // "in 3 days", "in 2 weeks"
            Tok sp = next(t);
            if (sp.kind != TokKind::Space) return {};
            Tok n = next(sp);
            if (n.kind != TokKind::Num || n.size() > 3) return {};
            Tok sp2 = next(n);
            if (sp2.kind != TokKind::Space) return {};
            std::string unit = lowerOf(next(sp2));
            int count = numValue(n);
            if (count < 1) return {};
            if (unit == "day" || unit == "days") return {Found::Date, addDays(m_ref, count)};
            if (unit == "week" || unit == "weeks") return {Found::Date, addDays(m_ref, 7 * count)};
            return {};
        }
        bool ambiguous = false;
        int wd = weekdayFromWord(w, ambiguous);
        if (wd < 0) return {};
        if (ambiguous) {
            // "sat", "sun", "wed", "mon" only after a word that introduces a day.
            static const std::unordered_set<std::string> leads = {"on", "by", "until", "till", "before",
                                                                  "next", "this", "from", "due"};
            if (prev.kind != TokKind::Space || prevPrev.kind != TokKind::Word || !leads.count(lowerOf(prevPrev)))
                return {};
        }
        // "Friday, 16 April": the explicit date wins over "the next Friday".
        Tok after = next(t);
        if (punct(after) == '.' || punct(after) == ',') after = next(after);
        if (after.kind == TokKind::Space) {
            DateResult r = explicitDate(next(after), after, t);
            if (r.found != Found::None) return r;
        }
        int diff = (wd - weekdayOf(m_ref) + 7) % 7;
        return {Found::Date, addDays(m_ref, diff == 0 ? 7 : diff)};
    }
};

// ---------------------------------------------------------------------------
// Note markers.

// Marker words and the forms accepted for them. Plurals of promise/ask/intro
// ("#promises are cheap") read as prose about the things and stay tags;
// "#details" reads as a label, so it counts.
std::optional<NoteItemKind> markerKind(const std::string& word) {
    static const std::unordered_map<std::string, NoteItemKind> markers = {
        {"promise", NoteItemKind::Promise},   {"promised", NoteItemKind::Promise},
        {"intro", NoteItemKind::Intro},       {"introduce", NoteItemKind::Intro},
        {"introduction", NoteItemKind::Intro}, {"detail", NoteItemKind::Detail},
        {"details", NoteItemKind::Detail},    {"ask", NoteItemKind::Ask}};
    auto it = markers.find(word);
    if (it == markers.end()) return std::nullopt;
    return it->second;
}

struct NoteState {
    ParsedNote note;
    std::unordered_set<std::string> mentionKeys, tagKeys, metKeys;
    CalendarDate writtenOn;
};

// Code spans of one line as [begin, end) byte ranges. A run of N backticks
// closes only at the next run of exactly N; an unmatched run is literal text.
std::vector<std::pair<size_t, size_t>> codeSpans(std::string_view line) {
    std::vector<std::pair<size_t, size_t>> runs;  // start, length
    for (size_t i = 0; i < line.size();) {
        if (line[i] != '`') { ++i; continue; }
        size_t j = i;
        while (j < line.size() && line[j] == '`') ++j;
        runs.emplace_back(i, j - i);
        i = j;
    }
    std::vector<std::pair<size_t, size_t>> spans;
    if (runs.size() < 2) return spans;
    // Next run of the same length, found right to left so the pairing is linear.
    std::vector<size_t> nextSame(runs.size(), SIZE_MAX);
    std::unordered_map<size_t, size_t> lastByLength;
    for (size_t r = runs.size(); r-- > 0;) {
        auto it = lastByLength.find(runs[r].second);
        if (it != lastByLength.end()) nextSame[r] = it->second;
        lastByLength[runs[r].second] = r;
    }
    for (size_t r = 0; r < runs.size();) {
        if (nextSame[r] == SIZE_MAX) { ++r; continue; }
        size_t close = nextSame[r];
        spans.emplace_back(runs[r].first, runs[close].first + runs[close].second);
        r = close + 1;
    }
    return spans;
}

// "–", "—" or "•": three UTF-8 bytes E2 80 xx.
bool isDash3(std::string_view s, size_t i) {
    if (i + 2 >= s.size() || (unsigned char)s[i] != 0xE2 || (unsigned char)s[i + 1] != 0x80) return false;
    unsigned char c = s[i + 2];
    return c == 0x93 || c == 0x94 || c == 0xA2;
}

// Drops separators left at the edges once markers are cut out:
// "#promise: send it" -> "send it", "- [ ] - call Bo" -> "call Bo".
std::string stripSeparators(std::string_view s) {
    auto endOrSpace = [&](size_t i) { return i >= s.size() || isSpace(s[i]); };
    size_t b = 0;
    while (b < s.size()) {
        char c = s[b];
        if (isSpace(c) || c == ':' || c == ';' || c == ',') { ++b; continue; }
        if ((c == '-' || c == '*' || c == '+') && (endOrSpace(b + 1) || s[b + 1] == c)) { ++b; continue; }
        if (isDash3(s, b) && endOrSpace(b + 3)) { b += 3; continue; }
        break;
    }
    size_t e = s.size();
    while (e > b) {
        char c = s[e - 1];
        if (isSpace(c) || c == ':' || c == ';' || c == ',') { --e; continue; }
        if (c == '-' && (e - 1 == b || isSpace(s[e - 2]) || s[e - 2] == '-')) { --e; continue; }
        if (e >= b + 3 && isDash3(s, e - 3)) { e -= 3; continue; }
        break;
    }
    return std::string(s.substr(b, e - b));
}

// The first quoted span at or after `from`: "..." or “...” on one line, not
// empty. Words the user wrote for the recipient, so a draft may carry them.
std::string quoteAfter(std::string_view line, size_t from, size_t until) {
    line = line.substr(0, until);
    static const std::string_view openCurly = "\xE2\x80\x9C", closeCurly = "\xE2\x80\x9D";
    for (size_t i = from; i < line.size(); ++i) {
        std::string_view close;
        size_t begin = 0;
        if (line[i] == '"') {
            close = "\"";
            begin = i + 1;
        } else if (line.substr(i, 3) == openCurly) {
            close = closeCurly;
            begin = i + 3;
        } else {
            continue;
        }
        size_t end = line.find(close, begin);
        if (end == std::string_view::npos) return {};
        std::string q = text::collapseSpaces(line.substr(begin, end - begin));
        if (!q.empty()) return q;
        i = end;
    }
    return {};
}

void parseLine(std::string_view line, int lineNo, NoteState& st) {
    // Checkbox: "[ ]", "- [ ]", "* [ ]", "+ [ ]" at the start of the line.
    bool checkbox = false, done = false;
    size_t start = 0;
    {
        size_t p = 0;
        while (p < line.size() && (line[p] == ' ' || line[p] == '\t')) ++p;
        if (p + 1 < line.size() && (line[p] == '-' || line[p] == '*' || line[p] == '+') && isSpace(line[p + 1])) {
            ++p;
            while (p < line.size() && (line[p] == ' ' || line[p] == '\t')) ++p;
        }
        std::string_view box = line.substr(p, 3);
        if ((box == "[ ]" || box == "[x]" || box == "[X]") && (p + 3 == line.size() || isSpace(line[p + 3]))) {
            checkbox = true;
            done = box[1] != ' ';
            start = p + 3;
        }
    }

    std::array<bool, 4> kindSeen{};
    std::vector<NoteItemKind> kinds;
    auto addKind = [&](NoteItemKind k) {
        if (!kindSeen[size_t(k)]) {
            kindSeen[size_t(k)] = true;
            kinds.push_back(k);
        }
    };
    if (checkbox) addKind(NoteItemKind::Promise);

    bool metLine = false;             // "#met": the line's @mentions are people you talked with
    // Each marker's word, as [begin, end) in the line, and what it is (-1: "#met").
    struct Marker {
        size_t begin, end;
        int kind;
    };
    std::vector<Marker> markers;
    if (checkbox) markers.push_back({start, start, int(NoteItemKind::Promise)});
    std::vector<std::string> lineMentions;

    const auto spans = codeSpans(line);
    size_t spanIdx = 0;
    while (spanIdx < spans.size() && spans[spanIdx].second <= start) ++spanIdx;

    std::string out;
    out.reserve(line.size() - start);
    size_t i = start;
    while (i < line.size()) {
        if (spanIdx < spans.size() && i == spans[spanIdx].first) {  // code is copied verbatim, never parsed
            out.append(line.substr(i, spans[spanIdx].second - i));
            i = spans[spanIdx].second;
            ++spanIdx;
            continue;
        }
        char c = line[i];
        if (c == '#') {
            size_t j = i + 1;
            while (j < line.size() && isTagChar(line[j])) ++j;
            std::string_view word = line.substr(i + 1, j - i - 1);
            bool before = i == 0 || isSpace(line[i - 1]) || line[i - 1] == '(';
            bool after = j == line.size() || isSpace(line[j]) || isOneOf(line[j], ".,;:!?)]}'\"");
            if (before && after && !word.empty()) {
                const std::string lowered = shortLower(word);
                const bool met = lowered == "met";
                auto kind = markerKind(lowered);
                if (met || kind) {
                    if (kind) addKind(*kind);
                    metLine = metLine || met;
                    markers.push_back({i, j, met ? -1 : int(*kind)});
                    if (i > 0 && line[i - 1] == '(' && j < line.size() && line[j] == ')') {
                        out.pop_back();  // "(#promise)" leaves no empty "()"
                        ++j;
                        out.push_back(' ');
                    } else if (j < line.size() && line[j] == ':') {
                        ++j;  // "#promise: send it"
                        out.push_back(' ');
                    } else if (j < line.size() && isOneOf(line[j], ".,;!?)]}'\"")) {
                        // "send it #promise." -> "send it.": punctuation rejoins the text.
                        while (!out.empty() && isSpace(out.back())) out.pop_back();
                    } else {
                        out.push_back(' ');
                    }
                    i = j;
                    continue;
                }
                if (isLetter(word[0])) {  // "#12" and "#1st" are numbers, not tags
                    std::string_view tag = word;
                    while (!tag.empty() && (tag.back() == '-' || tag.back() == '_')) tag.remove_suffix(1);
                    std::string key = text::lower(tag);
                    if (st.tagKeys.insert(key).second) st.note.tags.push_back(std::move(key));
                }
            }
            out.append(line.substr(i, j - i));
            i = j;
            continue;
        }
        if (c == '@') {
            // Not a mention when glued to a word ("ana@example.org") or inside a
            // path ("site.org/@ana", "npm/@scope/pkg").
            unsigned char p = i > 0 ? (unsigned char)line[i - 1] : ' ';
            bool before = i == 0 || !(isHandleChar(p) || p == '@' || p == '/' || p == '+');
            size_t j = i + 1;
            while (j < line.size() && isHandleChar(line[j])) ++j;
            size_t end = j;
            while (end > i + 1 && line[end - 1] == '.') --end;  // "@bo." ends a sentence
            std::string_view handle = line.substr(i + 1, end - i - 1);
            if (before && !handle.empty() && (isLetter(handle[0]) || handle[0] == '_')) {
                std::string key = text::lower(handle);  // "@Ana" and "@ana" are one person
                lineMentions.emplace_back(handle);
                if (st.mentionKeys.insert(std::move(key)).second) st.note.mentions.emplace_back(handle);
                out.append(line.substr(i, end - i));
                i = end;
                continue;
            }
            out.push_back(c);
            ++i;
            continue;
        }
        out.push_back(c);
        ++i;
    }

    // A marker's quote is the first one after it, before the next marker.
    auto quoteOf = [&](int kind) {
        for (size_t m = 0; m < markers.size(); ++m)
            if (markers[m].kind == kind) {
                std::string q =
                    quoteAfter(line, markers[m].end, m + 1 < markers.size() ? markers[m + 1].begin : line.size());
                if (!q.empty()) return q;
            }
        return std::string();
    };
    if (metLine) {
        for (auto& handle : lineMentions) {
            std::string key = text::lower(handle);
            if (st.metKeys.insert(std::move(key)).second) st.note.met.push_back(handle);
        }
        if (st.note.topic.empty()) st.note.topic = quoteOf(-1);
    }
    if (kinds.empty()) return;
    std::string itemText = stripSeparators(text::collapseSpaces(out));
    if (itemText.empty()) return;  // a bare "[ ]" or "#promise" names nothing to do
    std::optional<CalendarDate> date = findDate(itemText, st.writtenOn);
    for (NoteItemKind k : kinds) {
        NoteItem item;
        item.kind = k;
        item.text = itemText;
        item.date = date;
        item.line = lineNo;
        item.done = done;
        item.quote = quoteOf(int(k));
        st.note.items.push_back(std::move(item));
    }
}

}  // namespace

const char* noteItemKindName(NoteItemKind kind) {
    switch (kind) {
        case NoteItemKind::Promise: return "promise";
        case NoteItemKind::Intro: return "intro";
        case NoteItemKind::Detail: return "detail";
        case NoteItemKind::Ask: return "ask";
    }
    return "promise";
}

std::optional<CalendarDate> findDate(std::string_view text, const CalendarDate& reference) {
    // Relative dates need a real anchor; a broken one yields no date at all.
    if (!isValidDate(reference.year, reference.month, reference.day)) return std::nullopt;
    return DateScanner(text, reference).firstDate();
}

ParsedNote parseNoteMarkers(std::string_view body, const CalendarDate& writtenOn) {
    NoteState st;
    st.writtenOn = writtenOn;
    body = text::stripBom(body);
    int lineNo = 1;
    size_t pos = 0;
    while (pos <= body.size()) {
        size_t nl = body.find('\n', pos);
        size_t end = nl == std::string_view::npos ? body.size() : nl;
        std::string_view line = body.substr(pos, end - pos);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        parseLine(line, lineNo, st);
        if (nl == std::string_view::npos) break;
        pos = nl + 1;
        ++lineNo;
    }
    return std::move(st.note);
}

}  // namespace hallway
