// iCalendar (RFC 5545) agendas, read with libical. libical unfolds lines and
// unescapes text but keeps no line numbers and is lax about structure, so a
// light scan of the raw text checks BEGIN/END nesting and finds the line of
// every VEVENT first.
#include "formats/ics.h"

#include <libical/ical.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <unordered_set>

#include "core/text.h"
#include "core/time_util.h"

namespace hallway {
namespace {

constexpr size_t kMaxFieldBytes = size_t(1) << 20;
constexpr size_t kMaxNesting = 16;       // real files nest 3 deep (VCALENDAR > VEVENT > VALARM)
constexpr size_t kMaxWarnings = 500;
constexpr size_t kMaxMessageBytes = 200;  // libical echoes the bad input in its messages
constexpr size_t kMaxSpeakerLine = 1000;  // longer first lines are prose, not a speaker list
// libical expands a VTIMEZONE's rules occurrence by occurrence from their
// DTSTART to about 2040 (FREQ=SECONDLY never finishes). Estimated occurrences
// allowed per file; a real zone needs a few hundred.
constexpr long long kZoneExpansionBudget = 100000;
constexpr int kZoneExpansionEndYear = 2045;
// libical reads one physical line in time quadratic in its length (20 MB take
// minutes) but unfolds folded lines cheaply, so long lines are folded first.
constexpr size_t kLibicalLineBytes = 4096;

struct ComponentFree {
    void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using ComponentPtr = std::unique_ptr<icalcomponent, ComponentFree>;

struct BufferFree {
    void operator()(char* p) const { icalmemory_free_buffer(p); }
};
using BufferPtr = std::unique_ptr<char, BufferFree>;

std::string upper(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = char(std::toupper((unsigned char)c));
    return out;
}

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && text::lower(a) == text::lower(b);
}

// Cuts at a UTF-8 character boundary so the result stays valid.
std::string cutUtf8(std::string s, size_t maxBytes) {
    if (s.size() <= maxBytes) return s;
    size_t cut = maxBytes;
    while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80) --cut;
    s.resize(cut);
    return s;
}

// libical's wording, minus its note on what it did with the property.
std::string libicalMessage(const char* raw) {
    std::string msg = raw ? raw : "";
    for (std::string_view note : {". Removing entire property:", ". Removing entire property"}) {
        size_t at = msg.find(note);
        if (at != std::string::npos) msg.replace(at, note.size(), note.back() == ':' ? ":" : "");
    }
    return msg;
}

// One line, short, for error messages that quote the file.
std::string quoteForMessage(std::string_view s) {
    std::string one = text::collapseSpaces(s);
    if (one.size() <= kMaxMessageBytes) return one;
    return cutUtf8(std::move(one), kMaxMessageBytes) + "...";
}

bool looksLikeHtml(std::string_view s) {
    size_t lastClose = s.rfind('>');
    if (lastClose == std::string_view::npos) return false;
    for (size_t i = s.find('<'); i != std::string_view::npos && i < lastClose; i = s.find('<', i + 1)) {
        size_t j = i + 1;
        if (j < s.size() && s[j] == '/') ++j;
        size_t k = j;
        while (k < s.size() && (std::isalpha((unsigned char)s[k]) || (k > j && std::isdigit((unsigned char)s[k])))) ++k;
        if (k > j && k < s.size() && (s[k] == '>' || s[k] == ' ' || s[k] == '/')) return true;
    }
    return false;
}

// ---------------------------------------------------------------------------
// Raw structure scan

struct OpenComponent {
    std::string name;
    int line;
};

struct RawStructure {
    std::vector<int> veventLines;  // line of every BEGIN:VEVENT, in file order
};

// Checks what libical would silently accept or turn into a null result: text
// before BEGIN:VCALENDAR, mismatched END lines, a file cut short, absurd
// nesting. Works on unfolded logical lines, keeping only their first bytes.
RawStructure scanStructure(std::string_view bytes, const std::string& file, std::vector<std::string>& warnings) {
    RawStructure out;
    std::vector<OpenComponent> open;
    bool sawCalendar = false;
    bool warnedOutside = false;
    int lastContentLine = 0;

    std::string head;  // start of the current logical line
    int headLine = 0;
    constexpr size_t kHeadBytes = 256;

    auto finishLogicalLine = [&]() {
        if (headLine == 0) return;
        std::string line = text::trim(head);
        if (line.empty()) return;
        lastContentLine = headLine;
        size_t nameEnd = line.find_first_of(":;");
        std::string name = upper(line.substr(0, nameEnd));
        std::string value;
        size_t colon = line.find(':');
        if (colon != std::string::npos) {
            // libical forgives trailing blanks after a component name, not leading ones.
            std::string_view v = std::string_view(line).substr(colon + 1);
            while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
            value = upper(v);
        }
        bool isBegin = name == "BEGIN";
        bool isEnd = name == "END";

        if (open.empty()) {
            if (isBegin && value == "VCALENDAR") {
                sawCalendar = true;
                open.push_back({value, headLine});
                return;
            }
            if (!sawCalendar)
                throw FormatError(file, headLine,
                                  "not an iCalendar file: expected BEGIN:VCALENDAR, found '" + quoteForMessage(line) + "'");
            if (isBegin || isEnd)
                throw FormatError(file, headLine,
                                  "'" + quoteForMessage(line) + "' is outside BEGIN:VCALENDAR ... END:VCALENDAR");
            if (!warnedOutside) {
                warnings.push_back("line " + std::to_string(headLine) + ": text after END:VCALENDAR ignored");
                warnedOutside = true;
            }
            return;
        }
        if (isBegin) {
            if (open.size() >= kMaxNesting)
                throw FormatError(file, headLine, "components nested more than " + std::to_string(kMaxNesting) + " deep");
            // libical reads "BEGIN;X=1:VEVENT" as an unknown component, so only the plain form counts.
            if (value == "VEVENT" && line.size() > 6 && line[5] == ':') out.veventLines.push_back(headLine);
            open.push_back({value, headLine});
        } else if (isEnd) {
            if (value != open.back().name)
                throw FormatError(file, headLine,
                                  "END:" + quoteForMessage(value) + " does not match BEGIN:" +
                                      quoteForMessage(open.back().name) + " on line " + std::to_string(open.back().line));
            open.pop_back();
        }
    };

    size_t pos = 0;
    int lineNo = 0;
    while (pos < bytes.size()) {
        size_t eol = bytes.find('\n', pos);
        if (eol == std::string_view::npos) eol = bytes.size();
        std::string_view physical = bytes.substr(pos, eol - pos);
        ++lineNo;
        pos = eol + 1;
        if (!physical.empty() && (physical.front() == ' ' || physical.front() == '\t') && headLine != 0) {
            // Folded continuation: part of the logical line above.
            if (head.size() < kHeadBytes) {
                if (!head.empty() && head.back() == '\r') head.pop_back();
                head.append(physical.substr(1, kHeadBytes - head.size()));
            }
            continue;
        }
        finishLogicalLine();
        head.assign(physical.substr(0, kHeadBytes));
        headLine = lineNo;
    }
    finishLogicalLine();

    if (!sawCalendar) throw FormatError(file, 0, "file is empty");
    if (!open.empty()) {
        std::string reason = "file is truncated: no END:VCALENDAR";
        if (open.back().name != "VCALENDAR")
            reason += " (it ends inside " + quoteForMessage(open.back().name) + " begun on line " +
                      std::to_string(open.back().line) + ")";
        throw FormatError(file, lastContentLine, reason);
    }
    return out;
}

// Folding is invisible after unfolding, so this only changes libical's speed.
std::string foldLongLines(std::string body) {
    size_t longest = 0;
    for (size_t pos = 0; pos < body.size();) {
        size_t eol = std::min(body.find('\n', pos), body.size());
        longest = std::max(longest, eol - pos);
        pos = eol + 1;
    }
    if (longest <= kLibicalLineBytes) return body;
    std::string out;
    out.reserve(body.size() + body.size() / kLibicalLineBytes * 2 + 16);
    for (size_t pos = 0; pos < body.size();) {
        size_t eol = std::min(body.find('\n', pos), body.size());
        for (size_t chunk = pos; chunk < eol; chunk += kLibicalLineBytes) {
            if (chunk > pos) out.append("\n ");
            out.append(body, chunk, std::min(kLibicalLineBytes, eol - chunk));
        }
        if (eol < body.size()) out.push_back('\n');
        pos = eol + 1;
    }
    return out;
}

// ---------------------------------------------------------------------------
// libical helpers

std::vector<icalcomponent*> children(icalcomponent* c, icalcomponent_kind kind) {
    std::vector<icalcomponent*> out;
    for (icalcomponent* k = icalcomponent_get_first_component(c, kind); k;
         k = icalcomponent_get_next_component(c, kind))
        out.push_back(k);
    return out;
}

std::vector<icalproperty*> properties(icalcomponent* c, icalproperty_kind kind) {
    std::vector<icalproperty*> out;
    for (icalproperty* p = icalcomponent_get_first_property(c, kind); p;
         p = icalcomponent_get_next_property(c, kind))
        out.push_back(p);
    return out;
}

// Every VEVENT in document order, at any depth, so the n-th one matches the
// n-th BEGIN:VEVENT line. Iterative: hostile nesting is capped but cheap anyway.
std::vector<icalcomponent*> eventsInOrder(icalcomponent* root) {
    std::vector<icalcomponent*> out;
    std::vector<icalcomponent*> stack{root};
    while (!stack.empty()) {
        icalcomponent* c = stack.back();
        stack.pop_back();
        if (icalcomponent_isa(c) == ICAL_VEVENT_COMPONENT) out.push_back(c);
        auto kids = children(c, ICAL_ANY_COMPONENT);
        stack.insert(stack.end(), kids.rbegin(), kids.rend());
    }
    return out;
}

icalcomponent* enclosingCalendar(icalcomponent* c) {
    for (icalcomponent* p = icalcomponent_get_parent(c); p; p = icalcomponent_get_parent(p))
        if (icalcomponent_isa(p) == ICAL_VCALENDAR_COMPONENT) return p;
    return nullptr;
}

// The value as text, unescaped, whatever type libical gave it.
std::string valueText(icalproperty* p) {
    icalvalue* v = icalproperty_get_value(p);
    if (!v) return {};
    const char* s = nullptr;
    switch (icalvalue_isa(v)) {
        case ICAL_TEXT_VALUE: s = icalvalue_get_text(v); break;
        case ICAL_URI_VALUE: s = icalvalue_get_uri(v); break;
        case ICAL_X_VALUE: s = icalvalue_get_x(v); break;
        default: {
            BufferPtr owned(icalvalue_as_ical_string_r(v));
            return owned ? std::string(owned.get()) : std::string();
        }
    }
    return s ? std::string(s) : std::string();
}

std::optional<std::string> xProperty(icalcomponent* c, std::string_view name) {
    for (icalproperty* p : properties(c, ICAL_X_PROPERTY)) {
        const char* x = icalproperty_get_x_name(p);
        if (x && equalsIgnoreCase(x, name)) return valueText(p);
    }
    return std::nullopt;
}

std::string tzidOf(icalproperty* p) {
    icalparameter* tz = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER);
    const char* s = tz ? icalparameter_get_tzid(tz) : nullptr;
    return s ? std::string(s) : std::string();
}

// Property named in a libical message: "... in DTSTART property", "... for
// property DTSTART: ...", "No value for DTSTART property".
std::string propertyInMessage(std::string_view msg) {
    size_t at = msg.find(" property");
    if (at == std::string_view::npos) return {};
    size_t wordEnd = at;
    size_t wordStart = msg.rfind(' ', wordEnd - (wordEnd > 0 ? 1 : 0));
    wordStart = wordStart == std::string_view::npos ? 0 : wordStart + 1;
    std::string before = upper(msg.substr(wordStart, wordEnd - wordStart));
    if (before != "FOR" && before != "IN" && !before.empty()) return before;
    size_t next = at + 9;
    while (next < msg.size() && msg[next] == ' ') ++next;
    size_t end = next;
    while (end < msg.size() && (std::isalnum((unsigned char)msg[end]) || msg[end] == '-')) ++end;
    return upper(msg.substr(next, end - next));
}

// Saturates just above the budget: only "too much" matters.
long long cappedAdd(long long a, long long b) { return std::min(a + b, kZoneExpansionBudget + 1); }
long long cappedMul(long long a, long long b) {
    if (a != 0 && b > (kZoneExpansionBudget + 1) / a) return kZoneExpansionBudget + 1;
    return std::min(a * b, kZoneExpansionBudget + 1);
}

template <size_t N>
long long listSize(const short (&list)[N]) {
    long long n = 0;
    while (size_t(n) < N && list[n] != ICAL_RECURRENCE_ARRAY_MAX) ++n;
    return std::max<long long>(1, n);
}

// Upper bound on how many transitions libical will generate for a VTIMEZONE
// (capped just above the budget); nullopt for rules no real zone uses
// (anything but yearly).
std::optional<long long> zoneExpansionCost(icalcomponent* vtimezone) {
    long long cost = 0;
    for (icalcomponent* sub : children(vtimezone, ICAL_ANY_COMPONENT)) {
        icalproperty* start = icalcomponent_get_first_property(sub, ICAL_DTSTART_PROPERTY);
        int fromYear = start ? icalproperty_get_dtstart(start).year : kZoneExpansionEndYear;
        long long years = std::max(1, kZoneExpansionEndYear - std::max(0, fromYear));
        for (icalproperty* r : properties(sub, ICAL_RRULE_PROPERTY)) {
            icalrecurrencetype rule = icalproperty_get_rrule(r);
            if (rule.freq != ICAL_YEARLY_RECURRENCE) return std::nullopt;
            long long perYear = 1;
            for (long long n : {listSize(rule.by_month), listSize(rule.by_day), listSize(rule.by_month_day),
                                listSize(rule.by_year_day), listSize(rule.by_week_no), listSize(rule.by_hour),
                                listSize(rule.by_minute), listSize(rule.by_second)})
                perYear = cappedMul(perYear, n);
            cost = cappedAdd(cost, cappedMul(years, perYear));
        }
        cost = cappedAdd(cost, icalcomponent_count_properties(sub, ICAL_RDATE_PROPERTY) + 1);
    }
    return cost;
}

// ---------------------------------------------------------------------------

struct EventTime {
    Instant at = 0;
    bool isDate = false;
    LocalDateTime civil;
};

class IcsReader {
public:
    IcsReader(const std::string& file, const AgendaParseOptions& options) : m_file(file), m_options(options) {}

    Agenda read(std::string_view bytes) {
        bytes = text::stripBom(bytes);
        std::string body(bytes);
        // Old Mac files end lines with a lone CR; count those as lines.
        if (body.find('\n') == std::string::npos) std::replace(body.begin(), body.end(), '\r', '\n');
        if (size_t nul = body.find('\0'); nul != std::string::npos)
            throw FormatError(m_file, text::lineAt(body, nul), "NUL byte in the text (binary data?)");

        RawStructure raw = scanStructure(body, m_file, m_agenda.warnings);

        ComponentPtr root(icalparser_parse_string(foldLongLines(std::move(body)).c_str()));
        if (!root) throw FormatError(m_file, 0, "libical could not read the calendar");
        std::vector<icalcomponent*> calendars;
        if (icalcomponent_isa(root.get()) == ICAL_VCALENDAR_COMPONENT)
            calendars.push_back(root.get());
        else
            calendars = children(root.get(), ICAL_VCALENDAR_COMPONENT);
        if (calendars.empty()) throw FormatError(m_file, 0, "no VCALENDAR found");

        std::vector<icalcomponent*> events = eventsInOrder(root.get());
        if (events.empty()) throw FormatError(m_file, 0, "no sessions found (the file has no VEVENT)");
        if (events.size() != raw.veventLines.size())
            warn(0, "could not match every VEVENT to its line (" + std::to_string(events.size()) + " events, " +
                        std::to_string(raw.veventLines.size()) + " BEGIN:VEVENT lines)");

        readCalendarHeader(calendars.front());
        for (icalcomponent* cal : calendars) warnCalendarErrors(cal);
        chooseZone(calendars.front(), events);

        // Changed occurrences may come before their recurring event.
        for (icalcomponent* ev : events) {
            if (!icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY) &&
                !icalcomponent_get_first_property(ev, ICAL_RDATE_PROPERTY))
                continue;
            if (icalproperty* uid = icalcomponent_get_first_property(ev, ICAL_UID_PROPERTY))
                m_recurringIds.insert(text::trim(valueText(uid)));
        }
        for (size_t i = 0; i < events.size(); ++i) {
            int line = i < raw.veventLines.size() ? raw.veventLines[i] : 0;
            if (auto session = readEvent(events[i], line)) m_agenda.sessions.push_back(std::move(*session));
        }
        if (m_zoneIsFallback && m_usedAgendaZone) m_agenda.timeZone = m_zone;
        m_agenda.readInZone = m_zone;
        if (m_dropped > 0)
            m_agenda.warnings.push_back(std::to_string(m_dropped) + " more warnings not shown");
        return std::move(m_agenda);
    }

private:
    void warn(int line, const std::string& what) {
        if (m_agenda.warnings.size() >= kMaxWarnings) {
            ++m_dropped;
            return;
        }
        m_agenda.warnings.push_back(line > 0 ? "line " + std::to_string(line) + ": " + what : what);
    }

    // Trims, caps at 1 MiB and insists on UTF-8 (parseIcs may be called on
    // unchecked bytes, and folds may split characters).
    std::string field(std::string value, const char* what, int line) {
        value = text::trim(value);
        if (value.size() > kMaxFieldBytes) {
            value = cutUtf8(std::move(value), kMaxFieldBytes);
            warn(line, std::string(what) + " is longer than 1 MiB; truncated");
        }
        if (!text::isValidUtf8(value)) throw FormatError(m_file, line, std::string(what) + " is not valid UTF-8");
        return value;
    }

    void readCalendarHeader(icalcomponent* cal) {
        // PRODID names the exporting software, never the conference.
        for (const char* key : {"X-WR-CALNAME", "X-WR-CALDESC"}) {
            if (auto v = xProperty(cal, key)) {
                std::string title = field(*v, key, 0);
                if (!title.empty()) {
                    m_agenda.title = title;
                    break;
                }
            }
        }
    }

    void warnCalendarErrors(icalcomponent* cal) {
        std::vector<icalcomponent*> stack{cal};
        while (!stack.empty()) {
            icalcomponent* c = stack.back();
            stack.pop_back();
            for (icalproperty* p : properties(c, ICAL_XLICERROR_PROPERTY)) {
                const char* msg = icalproperty_get_xlicerror(p);
                // libical has no name for some kinds (a mangled BEGIN line): NULL.
                const char* kind = icalcomponent_kind_to_string(icalcomponent_isa(c));
                warn(0, std::string(kind ? kind : "component") +
                            ": libical: " + quoteForMessage(libicalMessage(msg)));
            }
            for (icalcomponent* k : children(c, ICAL_ANY_COMPONENT))
                if (icalcomponent_isa(k) != ICAL_VEVENT_COMPONENT) stack.push_back(k);
        }
    }

    void chooseZone(icalcomponent* cal, const std::vector<icalcomponent*>& events) {
        if (!m_options.timeZone.empty()) {
            if (isKnownTimeZone(m_options.timeZone)) return setZone(m_options.timeZone);
            warn(0, "time zone '" + quoteForMessage(m_options.timeZone) + "' is not known; ignored");
        }
        if (auto x = xProperty(cal, "X-WR-TIMEZONE")) {
            std::string zone = text::trim(*x);
            if (isKnownTimeZone(zone)) {
                m_agenda.fileTimeZone = zone;
                return setZone(zone);
            }
            warn(0, "X-WR-TIMEZONE '" + quoteForMessage(zone) + "' is not a known time zone; ignored");
        }
        // The zone most events are written in stands for the agenda's zone.
        std::map<std::string, std::pair<int, size_t>> uses;  // tzid -> (count, first seen)
        for (icalcomponent* ev : events) {
            icalproperty* start = icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY);
            if (!start) continue;
            std::string tzid = tzidOf(start);
            if (tzid.empty() || tzid.size() > 200) continue;
            auto [it, fresh] = uses.try_emplace(tzid, 0, uses.size());
            ++it->second.first;
        }
        const std::string* best = nullptr;
        std::pair<int, size_t> bestUse{0, 0};
        for (const auto& [tzid, use] : uses) {
            if (!best || use.first > bestUse.first || (use.first == bestUse.first && use.second < bestUse.second)) {
                best = &tzid;
                bestUse = use;
            }
        }
        if (best && isKnownTimeZone(*best)) {
            m_agenda.fileTimeZone = *best;
            return setZone(*best);
        }
        m_zone = "UTC";
        m_zoneIsFallback = true;
    }

    void setZone(const std::string& zone) {
        m_zone = zone;
        m_agenda.timeZone = zone;
    }

    Instant inAgendaZone(const LocalDateTime& civil) {
        m_usedAgendaZone = true;
        ++m_agenda.wallClockTimes;
        return localToInstant(civil, m_zone);
    }

    // The file's VTIMEZONE for `tzid`, unless it is missing or too costly.
    icaltimezone* fileZone(icalcomponent* cal, const std::string& tzid, int line) {
        if (!cal) return nullptr;
        icaltimezone* zone = icalcomponent_get_timezone(cal, tzid.c_str());
        if (!zone) return nullptr;
        auto known = m_zoneVerdict.find(zone);
        if (known != m_zoneVerdict.end()) return known->second ? zone : nullptr;
        icalcomponent* vtz = icaltimezone_get_component(zone);
        auto cost = vtz ? zoneExpansionCost(vtz) : std::nullopt;
        bool usable = vtz && cost && icalcomponent_count_components(vtz, ICAL_ANY_COMPONENT) > 0 &&
                      *cost <= kZoneExpansionBudget - m_zoneCostSpent;
        if (usable)
            m_zoneCostSpent += *cost;
        else
            warn(line, "VTIMEZONE '" + quoteForMessage(tzid) + "' is not usable (no rules, rules other than yearly, or too many transitions); ignored");
        m_zoneVerdict[zone] = usable;
        return usable ? zone : nullptr;
    }

    EventTime readTime(icalcomponent* ev, icalproperty* prop, const char* name, int line) {
        icaltimetype tt = icalproperty_isa(prop) == ICAL_DTEND_PROPERTY ? icalproperty_get_dtend(prop)
                                                                        : icalproperty_get_dtstart(prop);
        std::string shown = quoteForMessage(valueText(prop));
        EventTime out;
        out.isDate = tt.is_date != 0;
        out.civil = {tt.year, tt.month, tt.day, out.isDate ? 0 : tt.hour, out.isDate ? 0 : tt.minute,
                     out.isDate ? 0 : tt.second};
        try {
            if (icaltime_is_null_time(tt) || tt.year < 1) throw std::invalid_argument("null");
            Instant asUtc = localToInstant(out.civil, "UTC");  // validates the calendar date
            if (out.isDate) {
                out.at = inAgendaZone(out.civil);
                return out;
            }
            if (icaltime_is_utc(tt)) {
                out.at = asUtc;
                return out;
            }
            std::string tzid = tzidOf(prop);
            if (tzid.empty()) {
                out.at = inAgendaZone(out.civil);
            } else if (icaltimezone* zone = fileZone(enclosingCalendar(ev), tzid, line)) {
                icaltimetype local = tt;
                local.zone = nullptr;
                out.at = Instant(icaltime_as_timet_with_zone(local, zone));
            } else if (tzid.size() <= 200 && isKnownTimeZone(tzid)) {
                out.at = localToInstant(out.civil, tzid);
            } else {
                if (m_unknownZones.insert(tzid).second)
                    warn(line, "time zone '" + quoteForMessage(tzid) + "' is neither defined in the file nor known; read as " +
                                   m_zone);
                out.at = inAgendaZone(out.civil);
            }
            return out;
        } catch (const std::invalid_argument&) {
            throw FormatError(m_file, line, std::string(name) + " value '" + shown + "' is not a valid date or time");
        }
    }

    // Turns libical's parse complaints into errors when they hit the times
    // (the schedule would be wrong) and into warnings otherwise.
    void checkEventErrors(icalcomponent* ev, int line) {
        for (icalproperty* p : properties(ev, ICAL_XLICERROR_PROPERTY)) {
            const char* raw = icalproperty_get_xlicerror(p);
            std::string msg = quoteForMessage(libicalMessage(raw));
            icalparameter* type = icalproperty_get_first_parameter(p, ICAL_XLICERRORTYPE_PARAMETER);
            // Without the type parameter it was written by some exporter, not by this parse.
            bool fatal = false;
            if (type && icalparameter_get_xlicerrortype(type) == ICAL_XLICERRORTYPE_VALUEPARSEERROR) {
                std::string prop = propertyInMessage(raw ? raw : "");
                fatal = prop == "DTSTART" || prop == "DTEND" || prop == "DURATION";
            }
            if (fatal) throw FormatError(m_file, line, "libical: " + msg);
            warn(line, "libical: " + msg);
        }
        std::vector<icalcomponent*> stack = children(ev, ICAL_ANY_COMPONENT);
        while (!stack.empty()) {
            icalcomponent* c = stack.back();
            stack.pop_back();
            if (icalcomponent_isa(c) == ICAL_VEVENT_COMPONENT) continue;  // checked on its own
            for (icalproperty* p : properties(c, ICAL_XLICERROR_PROPERTY)) {
                const char* raw = icalproperty_get_xlicerror(p);
                warn(line, "libical: " + quoteForMessage(libicalMessage(raw)));
            }
            for (icalcomponent* k : children(c, ICAL_ANY_COMPONENT)) stack.push_back(k);
        }
    }

    std::string textField(icalcomponent* ev, icalproperty_kind kind, const char* what, int line) {
        icalproperty* p = icalcomponent_get_first_property(ev, kind);
        return p ? field(valueText(p), what, line) : std::string();
    }

    static std::string cleanName(std::string_view raw) {
        std::string s = text::trim(raw);
        for (size_t p; (p = s.find("\\\"")) != std::string::npos;) s.erase(p, 1);
        // Exporters double-quote or single-quote CN values that libical leaves quoted.
        while (s.size() >= 2 && (s.front() == '"' || s.front() == '\'') && s.back() == s.front())
            s = text::trim(std::string_view(s).substr(1, s.size() - 2));
        return text::collapseSpaces(s);
    }

    static std::optional<std::string> cnOf(icalproperty* p) {
        icalparameter* cn = icalproperty_get_first_parameter(p, ICAL_CN_PARAMETER);
        const char* s = cn ? icalparameter_get_cn(cn) : nullptr;
        if (!s) return std::nullopt;
        return cleanName(s);
    }

    // The label of a speaker line, lower case: English, German, French,
    // Spanish, Italian and Dutch, singular, plural and inclusive forms.
    static bool isSpeakerLabel(const std::string& label) {
        static const std::set<std::string> labels = {
            // English
            "speaker", "speakers", "speaker(s)", "presenter", "presenters", "presenter(s)", "presented by", "by",
            // German
            "von", "referent", "referentin", "referenten", "referentinnen", "referent(in)", "referent(inn)en",
            "referent*in", "referent*innen", "referent:in", "referent:innen", "referent_innen", "sprecher",
            "sprecherin", "sprecherinnen", "sprecher(in)", "sprecher*in", "sprecher*innen", "sprecher:in",
            "sprecher:innen", "sprecher_innen", "vortragende", "vortragender",
            // French
            "intervenant", "intervenante", "intervenants", "intervenantes", "intervenant(e)", "intervenant(e)s",
            "intervenant·e", "intervenant·e·s", "intervenant.e.s", "orateur", "oratrice", "orateurs", "oratrices",
            "orateur·rice", "orateur·rice·s", "orateur·ice·s", "orateur.rice.s", "orateur(s)", "conférencier",
            "conférencière", "conférenciers", "conférencières", "conférencier·e·s", "présenté par", "animé par", "par",
            // Spanish
            "ponente", "ponentes", "orador", "oradora", "oradores", "presentado por", "por",
            // Italian
            "relatore", "relatrice", "relatori", "relatrici", "relatore/relatrice", "relatori/relatrici",
            // Dutch
            "spreker", "sprekers", "spreker(s)", "door"};
        return labels.count(label) > 0;
    }

    // A speaker line's label without the spaces French puts before a colon
    // (plain, no-break or narrow no-break): "Intervenants :" -> "intervenants".
    static std::string labelKey(std::string_view label) {
        std::string s(label);
        for (std::string_view space : {"\xc2\xa0", "\xe2\x80\xaf"})
            for (size_t p; (p = s.find(space)) != std::string::npos;) s.replace(p, space.size(), " ");
        return text::nameKey(s);
    }

    // "Speaker: Ana Lima", "Intervenants : A, B", "Referent:innen: A", "Ponentes: A, B" on the
    // first line of the description. The longest label wins, so "Referent:innen" is one.
    static std::vector<std::string> namesFromDescription(std::string_view description) {
        std::string_view first = description.substr(0, description.find('\n'));
        if (first.size() > kMaxSpeakerLine) return {};
        size_t colon = std::string_view::npos;
        for (size_t p = first.find(':'); p != std::string_view::npos && p < 40; p = first.find(':', p + 1))
            if (isSpeakerLabel(labelKey(first.substr(0, p)))) colon = p;
        if (colon == std::string_view::npos) return {};
        std::vector<std::string> names;
        for (auto& n : text::splitNames(first.substr(colon + 1))) {
            std::string name = cleanName(n);
            if (!name.empty()) names.push_back(name);
        }
        return names;
    }

    std::vector<AgendaSpeaker> speakers(icalcomponent* ev, const std::string& description, int line) {
        std::vector<std::string> names;
        for (icalproperty* p : properties(ev, ICAL_ATTENDEE_PROPERTY)) {
            // Meeting rooms and projectors are invited as attendees too.
            if (icalparameter* cu = icalproperty_get_first_parameter(p, ICAL_CUTYPE_PARAMETER)) {
                auto kind = icalparameter_get_cutype(cu);
                if (kind == ICAL_CUTYPE_ROOM || kind == ICAL_CUTYPE_RESOURCE) continue;
            }
            if (icalparameter* role = icalproperty_get_first_parameter(p, ICAL_ROLE_PARAMETER))
                if (icalparameter_get_role(role) == ICAL_ROLE_NONPARTICIPANT) continue;
            if (auto cn = cnOf(p); cn && !cn->empty()) names.push_back(*cn);
        }
        if (names.empty())
            if (icalproperty* org = icalcomponent_get_first_property(ev, ICAL_ORGANIZER_PROPERTY))
                if (auto cn = cnOf(org); cn && !cn->empty()) names.push_back(*cn);
        if (names.empty()) names = namesFromDescription(description);

        std::vector<AgendaSpeaker> out;
        std::unordered_set<std::string> seen;
        for (auto& name : names) {
            name = field(std::move(name), "speaker name", line);
            if (name.empty() || !seen.insert(text::nameKey(name)).second) continue;
            out.push_back({std::move(name), {}});
        }
        return out;
    }

    static long long durationSeconds(const icaldurationtype& d) {
        return ((long long)d.weeks * 7 + d.days) * 86400 + (long long)d.hours * 3600 + (long long)d.minutes * 60 +
               d.seconds;
    }

    Instant endOf(icalcomponent* ev, const EventTime& start, int line) {
        if (icalproperty* end = icalcomponent_get_first_property(ev, ICAL_DTEND_PROPERTY))
            return readTime(ev, end, "DTEND", line).at;
        if (icalproperty* dur = icalcomponent_get_first_property(ev, ICAL_DURATION_PROPERTY)) {
            icaldurationtype d = icalproperty_get_duration(dur);
            long long secs = durationSeconds(d);
            if (icaldurationtype_is_bad_duration(d) || d.is_neg || secs > 366LL * 86400) {
                warn(line, "DURATION '" + quoteForMessage(valueText(dur)) +
                               "' is negative or longer than a year; the session gets no length");
                return start.at;
            }
            if (start.isDate && secs % 86400 == 0) {
                // Whole days after an all-day start: midnight to midnight in the agenda zone.
                Instant day = localToInstant(start.civil, "UTC") + secs;
                return inAgendaZone(instantToLocal(day, "UTC"));
            }
            return start.at + secs;
        }
        if (start.isDate) return inAgendaZone(instantToLocal(localToInstant(start.civil, "UTC") + 86400, "UTC"));
        return start.at;  // RFC 5545: a date-time event without end or duration takes no time
    }

    std::optional<AgendaSession> readEvent(icalcomponent* ev, int line) {
        checkEventErrors(ev, line);
        AgendaSession s;
        s.line = line;
        s.sourceId = textField(ev, ICAL_UID_PROPERTY, "UID", line);

        if (icalcomponent_get_first_property(ev, ICAL_RECURRENCEID_PROPERTY)) {
            // A changed later occurrence of a recurring event; only the first is imported.
            if (!s.sourceId.empty() && m_recurringIds.count(s.sourceId)) {
                warn(line, "changed occurrence of recurring event '" + quoteForMessage(s.sourceId) + "' skipped");
                return std::nullopt;
            }
        }

        s.title = textField(ev, ICAL_SUMMARY_PROPERTY, "SUMMARY", line);
        if (s.title.empty()) warn(line, "event has no SUMMARY");
        s.description = textField(ev, ICAL_DESCRIPTION_PROPERTY, "DESCRIPTION", line);
        if (looksLikeHtml(s.description)) s.description = text::stripHtml(s.description);
        s.room = textField(ev, ICAL_LOCATION_PROPERTY, "LOCATION", line);
        s.track = textField(ev, ICAL_CATEGORIES_PROPERTY, "CATEGORIES", line);  // libical splits the list
        s.url = textField(ev, ICAL_URL_PROPERTY, "URL", line);

        icalproperty* startProp = icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY);
        if (!startProp) throw FormatError(m_file, line, "event has no DTSTART");
        EventTime start = readTime(ev, startProp, "DTSTART", line);
        s.startsAt = start.at;
        s.endsAt = endOf(ev, start, line);
        if (s.endsAt < s.startsAt) {
            warn(line, "event ends before it starts; it gets no length");
            s.endsAt = s.startsAt;
        }

        if (icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY) ||
            icalcomponent_get_first_property(ev, ICAL_RDATE_PROPERTY)) {
            warn(line, "recurring event: only its first occurrence is imported");
        }

        s.speakers = speakers(ev, s.description, line);
        return s;
    }

    const std::string& m_file;
    const AgendaParseOptions& m_options;
    Agenda m_agenda;
    std::string m_zone;              // where floating and all-day times are read
    bool m_zoneIsFallback = false;   // nothing named a zone; m_zone is "UTC"
    bool m_usedAgendaZone = false;
    size_t m_dropped = 0;
    long long m_zoneCostSpent = 0;
    std::map<icaltimezone*, bool> m_zoneVerdict;
    std::set<std::string> m_unknownZones;
    std::set<std::string> m_recurringIds;
};

}  // namespace

Agenda parseIcs(std::string_view bytes, const std::string& fileName, const AgendaParseOptions& options) {
    // Builds of libical may abort() on errors; hostile files must only throw.
    static const bool errorsNotFatal = (icalerror_set_errors_are_fatal(0), true);
    (void)errorsNotFatal;
    return IcsReader(fileName, options).read(bytes);
}

bool sniffIcs(std::string_view head) { return text::lower(head.substr(0, 15)) == "begin:vcalendar"; }

}  // namespace hallway
