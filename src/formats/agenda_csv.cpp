// CSV agendas as spreadsheets export them: RFC 4180 quoting, a header row
// naming the columns, and comma, tab or semicolon separators.
#include "formats/agenda_csv.h"

#include <algorithm>
#include <array>
#include <optional>

#include "core/text.h"
#include "core/time_util.h"
#include "formats/csv.h"

namespace hallway {
namespace {

// text::splitNames rescans its input per separator; a sane speaker list is far shorter.
constexpr size_t kMaxSpeakerList = 8 * 1024;
constexpr size_t kMaxWarnings = 200;

enum Field { Id, Title, Subtitle, Start, End, Duration, Date, Room, Track, Type, Speakers, Description,
             Abstract, Url, Language, FieldCount };

constexpr std::array<const char*, FieldCount> kFieldNames = {
    "id", "title", "subtitle", "start", "end", "duration", "date", "room", "track", "type", "speakers",
    "description", "abstract", "url", "language"};

std::optional<Field> fieldFromName(std::string_view name) {
    for (int f = 0; f < FieldCount; ++f)
        if (name == kFieldNames[size_t(f)]) return Field(f);
    return std::nullopt;
}

// Header spellings people use; compared after headerKey().
std::optional<Field> fieldFromHeader(const std::string& key) {
    static const std::pair<const char*, Field> synonyms[] = {
        {"session", Title},     {"name", Title},          {"talk", Title},        {"starts", Start},
        {"start time", Start},  {"begin", Start},         {"starts at", Start},   {"ends", End},
        {"end time", End},      {"ends at", End},         {"location", Room},     {"venue room", Room},
        {"speaker", Speakers},  {"presenters", Speakers}, {"summary", Abstract},  {"link", Url},
        {"session id", Id},     {"guid", Id},             {"uid", Id}};
    if (auto f = fieldFromName(key)) return f;
    for (const auto& [name, field] : synonyms)
        if (key == name) return field;
    return std::nullopt;
}

// "Start_Time", " start-time " and "START TIME" all read as "start time".
std::string headerKey(std::string_view header) {
    std::string s = text::lower(header);
    for (char& c : s)
        if (c == '_' || c == '-') c = ' ';
    return text::collapseSpaces(s);
}

// A time with Z or +hh:mm after its clock part carries its own offset.
bool hasUtcOffset(std::string_view s) {
    size_t sep = s.find_first_of("Tt ", 8);
    if (sep == std::string_view::npos) return false;
    return s.find_first_of("Zz+-", sep) != std::string_view::npos;
}

bool readDigits(std::string_view& s, size_t minDigits, size_t maxDigits, int& out) {
    size_t n = 0;
    int v = 0;
    while (n < s.size() && n < maxDigits && s[n] >= '0' && s[n] <= '9') v = v * 10 + (s[n++] - '0');
    if (n < minDigits) return false;
    out = v;
    s.remove_prefix(n);
    return true;
}

bool readChar(std::string_view& s, char c) {
    if (s.empty() || s.front() != c) return false;
    s.remove_prefix(1);
    return true;
}

// "2024-05-01", "2024/05/01" or "01.05.2024" (European exports). Slashed
// day-first vs month-first is ambiguous, so it is not guessed.
std::optional<LocalDateTime> parseDate(std::string_view s) {
    LocalDateTime d;
    std::string_view t = s;
    if (readDigits(t, 4, 4, d.year) && !t.empty() && (t.front() == '-' || t.front() == '/')) {
        char sep = t.front();
        t.remove_prefix(1);
        if (readDigits(t, 1, 2, d.month) && readChar(t, sep) && readDigits(t, 1, 2, d.day) && t.empty()) return d;
        return std::nullopt;
    }
    t = s;
    if (readDigits(t, 1, 2, d.day) && readChar(t, '.') && readDigits(t, 1, 2, d.month) && readChar(t, '.') &&
        readDigits(t, 4, 4, d.year) && t.empty())
        return d;
    return std::nullopt;
}

// "9:00", "09:00" or "09:00:30" within one day, as seconds.
std::optional<int> parseClockTime(std::string_view s) {
    auto secs = parseClockDuration(s);
    if (!secs || *secs >= 24 * 3600) return std::nullopt;
    return secs;
}

std::optional<Instant> combine(LocalDateTime day, int secondsOfDay, const std::string& zone) {
    day.hour = secondsOfDay / 3600;
    day.minute = secondsOfDay / 60 % 60;
    day.second = secondsOfDay % 60;
    try {
        return localToInstant(day, zone);
    } catch (const std::exception&) {
        return std::nullopt;  // 2024-02-30 and friends
    }
}

// "45", "45 min", "1:30" as seconds.
std::optional<Instant> parseDuration(std::string_view s) {
    if (auto clock = parseClockDuration(s)) return *clock;
    int minutes = 0;
    std::string_view t = s;
    if (!readDigits(t, 1, 5, minutes)) return std::nullopt;
    std::string unit = text::lower(text::trim(t));
    if (!(unit.empty() || unit == "m" || unit == "min" || unit == "mins" || unit == "minutes")) return std::nullopt;
    return Instant(minutes) * 60;
}

class AgendaCsvParser {
public:
    AgendaCsvParser(std::string_view bytes, const std::string& fileName, const AgendaParseOptions& options)
        : m_bytes(text::stripBom(bytes)), m_file(fileName), m_options(options) {}

    Agenda parse() {
        m_agenda.timeZone = m_options.timeZone;
        m_zone = m_options.timeZone.empty() ? "UTC" : m_options.timeZone;
        if (!isKnownTimeZone(m_zone))
            throw FormatError(m_file, 0, "unknown time zone '" + m_zone + "' (use an IANA name such as Europe/Berlin)");

        csv::Reader reader(csv::detectLayout(m_bytes), m_file);
        csv::Record record;
        bool haveHeader = false;
        while (reader.next(record)) {
            if (!record.isBlank()) {
                haveHeader = true;
                break;
            }
        }
        if (!haveHeader) throw FormatError(m_file, 0, "no sessions found");
        readHeader(record);
        reader.limitToHeader(m_headers.size());

        while (reader.next(record)) {
            if (record.isBlank()) continue;
            ++m_rows;
            readRow(record);
        }
        if (m_agenda.sessions.empty())
            throw FormatError(m_file, 0, m_rows == 0 ? "no sessions found"
                                                     : "no sessions found: every row was skipped (first: " + m_firstSkip + ")");
        if (m_warnings > kMaxWarnings)
            m_agenda.warnings.push_back(std::to_string(m_warnings - kMaxWarnings) + " more warnings not shown");
        m_agenda.readInZone = m_zone;  // the import service words what a missing zone means
        return std::move(m_agenda);
    }

private:
    void markWallClock() {
        ++m_agenda.wallClockTimes;
    }

    [[noreturn]] void fail(int line, const std::string& reason) const {
        throw FormatError(m_file, line, reason);
    }
    void warn(int line, const std::string& what) {
        if (++m_warnings <= kMaxWarnings) m_agenda.warnings.push_back(std::to_string(line) + ": " + what);
    }

    void readHeader(const csv::Record& header) {
        m_headerLine = header.line;
        m_headers.clear();
        for (const auto& h : header.fields) m_headers.push_back(text::collapseSpaces(h));
        m_columns.fill(-1);

        // The user's map first: it wins over the built-in spellings.
        std::map<std::string, std::pair<std::string, Field>> userMap;  // lower-case header -> (as given, field)
        for (const auto& [from, to] : m_options.csvColumns) {
            std::string target = text::lower(text::trim(to));
            auto field = fieldFromName(target);
            if (!field) {
                std::string known;
                for (auto name : kFieldNames) known += std::string(known.empty() ? "" : ", ") + name;
                throw FormatError(m_file, 0, "column map: '" + from + "' maps to unknown field '" + to +
                                                 "' (use one of: " + known + ")");
            }
            userMap[text::lower(text::collapseSpaces(from))] = {from, *field};
        }
        std::vector<bool> used(m_headers.size(), false);
        std::vector<std::string> unmatched;
        for (const auto& [key, entry] : userMap) {
            bool found = false;
            for (size_t i = 0; i < m_headers.size(); ++i) {
                if (text::lower(m_headers[i]) != key) continue;
                found = used[i] = true;
                assign(entry.second, i);
            }
            if (!found) unmatched.push_back(entry.first);
        }
        for (const auto& from : unmatched) warn(m_headerLine, "column map names '" + from + "', which the header does not have");

        std::string ignored;
        for (size_t i = 0; i < m_headers.size(); ++i) {
            if (used[i] || m_headers[i].empty()) continue;
            if (auto field = fieldFromHeader(headerKey(m_headers[i])))
                assign(*field, i);
            else
                ignored += (ignored.empty() ? "'" : ", '") + m_headers[i].substr(0, 60) + "'";
        }
        if (!ignored.empty()) warn(m_headerLine, "ignored columns: " + ignored);

        std::vector<const char*> missing;
        if (m_columns[Title] < 0) missing.push_back("title");
        if (m_columns[Start] < 0) missing.push_back("start");
        if (!missing.empty()) {
            std::string found;
            for (size_t i = 0; i < m_headers.size() && i < 30; ++i)
                found += (i ? ", " : "") + m_headers[i].substr(0, 60);
            if (m_headers.size() > 30) found += ", ...";
            fail(m_headerLine, missing.size() == 2
                                   ? "missing required columns 'title' and 'start' (header has: " + found + ")"
                                   : "missing required column '" + std::string(missing[0]) + "' (header has: " + found + ")");
        }
        if (m_columns[End] < 0 && m_columns[Duration] < 0)
            warn(m_headerLine, "no end or duration column; sessions end when they start");
    }

    void skip(int line, const std::string& why) {
        if (m_firstSkip.empty()) m_firstSkip = std::to_string(line) + ": " + why;
        warn(line, why + "; skipped");
    }

    void assign(Field field, size_t column) {
        int& slot = m_columns[field];
        if (slot >= 0) {
            warn(m_headerLine, "columns '" + m_headers[size_t(slot)] + "' and '" + m_headers[column] +
                                   "' both read as " + kFieldNames[field] + "; using '" + m_headers[size_t(slot)] + "'");
            return;
        }
        slot = int(column);
    }

    // The trimmed cell of `field` in `record`, empty when absent.
    std::string cell(const csv::Record& r, Field field) const {
        int column = m_columns[field];
        if (column < 0 || size_t(column) >= r.fields.size()) return {};
        return text::trim(r.fields[size_t(column)]);
    }

    std::string header(Field field) const { return m_headers[size_t(m_columns[field])]; }

    std::string quoted(const std::string& value) const {
        return "'" + (value.size() > 100 ? value.substr(0, 100) + "..." : value) + "'";
    }

    std::optional<LocalDateTime> rowDate(const csv::Record& r) const {
        std::string value = cell(r, Date);
        if (value.empty()) return std::nullopt;
        auto d = parseDate(value);
        if (d && combine(*d, 0, m_zone)) return d;
        // A full date-time in the date column still names a day.
        if (auto t = parseIsoDateTime(value, m_zone); t && !d) return instantToLocal(*t, m_zone);
        fail(r.line, "bad date value " + quoted(value) + " in column '" + header(Date) +
                         "' (expected 2024-05-01 or 01.05.2024)");
    }

    // A full date-time, a date and time split by a space ("01.05.2024 09:00"),
    // or a time of day taking its date from `day`. nullopt when malformed;
    // `timeOnly` says the value lacked a date.
    std::optional<Instant> readMoment(const std::string& value, const std::optional<LocalDateTime>& day,
                                      bool& timeOnly, bool& needDay) {
        timeOnly = needDay = false;
        if (auto secs = parseClockTime(value)) {
            timeOnly = true;
            if (!day) {
                needDay = true;
                return std::nullopt;
            }
            markWallClock();
            return combine(*day, *secs, m_zone);
        }
        if (auto t = parseIsoDateTime(value, m_zone)) {
            if (!hasUtcOffset(value)) markWallClock();
            else if (auto offset = isoOffsetSeconds(value)) noteOffset(m_agenda, *t, *offset);
            return t;
        }
        size_t gap = value.find_first_of(" T");
        if (gap != std::string::npos) {
            auto d = parseDate(value.substr(0, gap));
            auto secs = parseClockTime(text::trim(value.substr(gap + 1)));
            if (d && secs) {
                markWallClock();
                return combine(*d, *secs, m_zone);
            }
        }
        return std::nullopt;
    }

    void readRow(const csv::Record& r) {
        for (size_t i : r.truncated)
            warn(r.line, "column '" + (i < m_headers.size() ? m_headers[i].substr(0, 60) : std::to_string(i + 1)) +
                             "' is longer than 1 MiB; truncated");
        AgendaSession s;
        s.line = r.line;
        s.sourceId = cell(r, Id);
        s.title = text::collapseSpaces(cell(r, Title));
        if (s.title.empty()) {
            skip(r.line, "row has no title");
            return;
        }
        std::string startText = cell(r, Start);
        if (startText.empty()) {
            skip(r.line, "'" + s.title.substr(0, 80) + "' has no start");
            return;
        }
        auto day = rowDate(r);
        bool timeOnly = false, needDay = false;
        auto start = readMoment(startText, day, timeOnly, needDay);
        if (needDay)
            fail(r.line, "start " + quoted(startText) + " in column '" + header(Start) +
                             "' is a time without a date (add a date column or write 2024-05-01 09:00)");
        if (!start)
            fail(r.line, "bad start value " + quoted(startText) + " in column '" + header(Start) +
                             "' (expected 2024-05-01 09:00, or a time with a date column)");
        s.startsAt = *start;

        std::string endText = cell(r, End);
        std::string durationText = cell(r, Duration);
        if (!endText.empty()) {
            // A bare end time belongs to the day the session starts.
            auto endDay = day ? day : std::optional<LocalDateTime>(instantToLocal(s.startsAt, m_zone));
            auto end = readMoment(endText, endDay, timeOnly, needDay);
            if (!end)
                fail(r.line, "bad end value " + quoted(endText) + " in column '" + header(End) +
                                 "' (expected 2024-05-01 10:00 or 10:00)");
            if (timeOnly && *end < s.startsAt) {
                // Past midnight: "23:30" to "00:30".
                LocalDateTime next = instantToLocal(s.startsAt + 86400, m_zone);
                end = combine(next, *parseClockTime(endText), m_zone);
            }
            s.endsAt = end.value_or(s.startsAt);
            if (s.endsAt < s.startsAt) {
                warn(r.line, "'" + s.title.substr(0, 80) + "' ends before it starts; it ends when it starts");
                s.endsAt = s.startsAt;
            }
        } else if (!durationText.empty()) {
            auto duration = parseDuration(durationText);
            if (!duration)
                fail(r.line, "bad duration value " + quoted(durationText) + " in column '" + header(Duration) +
                                 "' (expected minutes such as 45, or 0:45)");
            s.endsAt = s.startsAt + *duration;
        } else {
            if (m_columns[End] >= 0 || m_columns[Duration] >= 0)
                warn(r.line, "'" + s.title.substr(0, 80) + "' has no end or duration; it ends when it starts");
            s.endsAt = s.startsAt;
        }

        s.subtitle = text::collapseSpaces(cell(r, Subtitle));
        s.description = cell(r, Description);
        s.abstract = cell(r, Abstract);
        s.room = text::collapseSpaces(cell(r, Room));
        s.track = text::collapseSpaces(cell(r, Track));
        s.type = text::collapseSpaces(cell(r, Type));
        s.url = cell(r, Url);
        s.language = text::collapseSpaces(cell(r, Language));
        std::string speakers = cell(r, Speakers);
        if (speakers.size() > kMaxSpeakerList) {
            csv::truncateUtf8(speakers, kMaxSpeakerList);
            warn(r.line, "speaker list is longer than 8 KiB; truncated");
        }
        for (auto& name : text::splitNames(speakers)) s.speakers.push_back({std::move(name), {}});
        m_agenda.sessions.push_back(std::move(s));
    }

    std::string_view m_bytes;
    const std::string& m_file;
    const AgendaParseOptions& m_options;
    Agenda m_agenda;
    std::string m_zone;
    std::vector<std::string> m_headers;
    std::array<int, FieldCount> m_columns{};
    int m_headerLine = 1;
    size_t m_rows = 0;
    size_t m_warnings = 0;
    std::string m_firstSkip;
};

}  // namespace

Agenda parseAgendaCsv(std::string_view bytes, const std::string& fileName, const AgendaParseOptions& options) {
    return AgendaCsvParser(bytes, fileName, options).parse();
}

// A CSV agenda names its columns on the first line.
bool sniffAgendaCsv(std::string_view head) {
    std::string firstLine = text::lower(head.substr(0, std::min(head.find('\n'), size_t(4096))));
    return firstLine.find(',') != std::string::npos && firstLine.find("title") != std::string::npos;
}

}  // namespace hallway
