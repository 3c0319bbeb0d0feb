#include "formats/agenda.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <tuple>

#include "core/text.h"
#include "formats/agenda_common.h"
#include "formats/agenda_csv.h"
#include "formats/encoding.h"
#include "formats/format_table.h"
#include "formats/frab_json.h"
#include "formats/frab_xml.h"
#include "formats/ics.h"
#include "formats/indico.h"
#include "formats/sessionize.h"

namespace hallway {

namespace {
std::string formatMessage(const std::string& file, int line, const std::string& reason) {
    if (line > 0) return file + ":" + std::to_string(line) + ": " + reason;
    return file + ": " + reason;
}

bool sameContent(const AgendaSession& a, const AgendaSession& b) {
    if (a.title != b.title || a.startsAt != b.startsAt || a.endsAt != b.endsAt || a.room != b.room ||
        a.speakers.size() != b.speakers.size())
        return false;
    for (size_t i = 0; i < a.speakers.size(); ++i)
        if (a.speakers[i].name != b.speakers[i].name) return false;
    return true;
}

std::string where(const AgendaSession& s) {
    return s.line > 0 ? "line " + std::to_string(s.line) : "session '" + s.title + "'";
}

// 8 hex digits of FNV-1a over the session's title, start and room: the same
// session gets the same suffix wherever it sits in the file.
std::string contentSuffix(const AgendaSession& s) {
    uint64_t h = 1469598103934665603ull;
    auto mix = [&](std::string_view part) {
        for (unsigned char c : part) h = (h ^ c) * 1099511628211ull;
        h = (h ^ 0x1F) * 1099511628211ull;  // field separator
    };
    mix(s.title);
    mix(std::to_string(s.startsAt));
    mix(s.room);
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (int i = 0; i < 8; ++i) out.push_back(hex[(h >> (60 - 4 * i)) & 0xF]);
    return out;
}

// Every session leaves here with a unique, non-empty source id. A repeated id
// with identical content is an exporter's echo and is dropped. Among the
// sessions that share an id, the earliest (start, then title and room) keeps
// it and the others get a suffix made from their title, start and room, never
// from their position: a reordered update gives every session the same id as
// before, so stars and notes stay on the right ones.
void settleSessionIds(Agenda& agenda) {
    std::map<std::string, std::vector<size_t>> byId;
    for (size_t i = 0; i < agenda.sessions.size(); ++i) {
        auto& s = agenda.sessions[i];
        if (s.endsAt < s.startsAt) s.endsAt = s.startsAt;
        if (s.sourceId.empty()) s.sourceId = "title:" + text::nameKey(s.title);
        byId[s.sourceId].push_back(i);
    }
    if (byId.size() == agenda.sessions.size()) return;  // the common case: nothing repeats

    std::vector<bool> dropped(agenda.sessions.size(), false);
    std::map<std::string, bool> taken;
    for (const auto& [id, group] : byId) taken[id] = true;
    for (auto& [id, group] : byId) {
        if (group.size() < 2) continue;
        // Echoes first: a session identical to an earlier one with its id.
        std::vector<size_t> distinct;
        for (size_t i : group) {
            const AgendaSession& s = agenda.sessions[i];
            auto same = std::find_if(distinct.begin(), distinct.end(),
                                     [&](size_t k) { return sameContent(agenda.sessions[k], s); });
            if (same == distinct.end()) {
                distinct.push_back(i);
                continue;
            }
            agenda.warnings.push_back(where(s) + ": session id '" + id + "' repeats " +
                                      where(agenda.sessions[*same]) + " with the same content; kept one");
            dropped[i] = true;
        }
        auto earlier = [&](size_t a, size_t b) {
            const AgendaSession& x = agenda.sessions[a];
            const AgendaSession& y = agenda.sessions[b];
            return std::tie(x.startsAt, x.title, x.room, x.endsAt) < std::tie(y.startsAt, y.title, y.room, y.endsAt);
        };
        size_t keeper = *std::min_element(distinct.begin(), distinct.end(), earlier);
        for (size_t i : distinct) {
            if (i == keeper) continue;
            AgendaSession& s = agenda.sessions[i];
            std::string base = id + "~" + contentSuffix(s);
            s.sourceId = base;
            // Same title, start and room but other speakers or end: count on.
            for (int n = 2; taken.count(s.sourceId); ++n) s.sourceId = base + "-" + std::to_string(n);
            taken[s.sourceId] = true;
            agenda.warnings.push_back(where(s) + ": session id '" + id + "' is already used by " +
                                      where(agenda.sessions[keeper]) + "; imported as '" + s.sourceId + "'");
        }
    }
    std::vector<AgendaSession> kept;
    kept.reserve(agenda.sessions.size());
    for (size_t i = 0; i < agenda.sessions.size(); ++i)
        if (!dropped[i]) kept.push_back(std::move(agenda.sessions[i]));
    agenda.sessions = std::move(kept);
}

}  // namespace

void noteOffset(Agenda& agenda, Instant at, int offsetSeconds) {
    // "+00:00" is how many exporters write UTC (wafer does): no evidence of a zone.
    if (offsetSeconds == 0) return;
    // Keep the earliest and latest time per offset: enough to tell which zones
    // fit (both sides of a DST change show up as two offsets).
    OffsetSample* first = nullptr;
    OffsetSample* last = nullptr;
    for (auto& s : agenda.offsets) {
        if (s.offsetSeconds != offsetSeconds) continue;
        if (!first || s.at < first->at) first = &s;
        if (!last || s.at > last->at) last = &s;
    }
    if (!first) {
        agenda.offsets.push_back({at, offsetSeconds});
    } else if (first == last) {
        if (at != first->at) agenda.offsets.push_back({at, offsetSeconds});
    } else if (at < first->at) {
        first->at = at;
    } else if (at > last->at) {
        last->at = at;
    }
}

void requireUtf8(std::string_view bytes, const std::string& fileName) {
    if (!text::isValidUtf8(bytes)) {
        // Name the first bad line so the user can find it.
        size_t lo = 0;
        size_t line = 1;
        while (lo < bytes.size()) {
            size_t eol = bytes.find('\n', lo);
            if (eol == std::string_view::npos) eol = bytes.size();
            if (!text::isValidUtf8(bytes.substr(lo, eol - lo))) break;
            lo = eol + 1;
            ++line;
        }
        throw FormatError(fileName, int(line), "text is not valid UTF-8 (convert the file to UTF-8 first)");
    }
}

FormatError::FormatError(std::string file, int line, std::string reason)
    : std::runtime_error(formatMessage(file, line, reason)),
      m_file(std::move(file)),
      m_line(line),
      m_reason(std::move(reason)) {}

const std::vector<AgendaFormatInfo>& agendaFormats() {
    static const std::vector<AgendaFormatInfo> table = {
        {.name = "frab-xml", .label = "pentabarf/frab XML", .extensions = ".xml", .sniff = sniffFrabXml,
         .parse = parseFrabXml},
        {.name = "ics", .label = "iCalendar", .extensions = ".ics .ical", .sniff = sniffIcs, .parse = parseIcs,
         .checksUtf8Itself = true},
        {.name = "indico", .label = "Indico JSON", .extensions = ".json", .sniff = sniffIndico, .parse = parseIndico},
        {.name = "frab-json", .label = "frab/pretalx JSON", .extensions = ".json", .sniff = sniffFrabJson,
         .parse = parseFrabJson},
        {.name = "sessionize", .label = "Sessionize JSON", .extensions = ".json", .sniff = sniffSessionize,
         .parse = parseSessionize},
        {.name = "csv", .label = "CSV with a header", .extensions = ".csv .tsv", .sniff = sniffAgendaCsv,
         .parse = parseAgendaCsv, .fallback = true},
    };
    return table;
}

const AgendaFormatInfo* findAgendaFormat(std::string_view name) {
    return format_table::find(agendaFormats(), name);
}

std::vector<std::string> agendaFormatKeys() { return format_table::keys(agendaFormats()); }

std::string agendaFormatChoices() { return format_table::joinedWithOr(agendaFormatKeys()); }

std::string agendaFormatLabels() {
    return format_table::joinedWithOr(format_table::labels(agendaFormats()));
}

std::string detectAgendaFormat(std::string_view rawBytes, const std::string& fileName) {
    std::string converted;
    std::string_view bytes = encoding::toUtf8(rawBytes, converted, fileName);
    std::string_view body = bytes;
    size_t first = body.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) throw FormatError(fileName, 0, "file is empty");
    std::string_view head = body.substr(first, 1 << 16);
    for (const auto& f : agendaFormats())
        if (!f.fallback && f.sniff(head)) return f.name;

    if (head.front() == '<') {
        // Point at the root element, past the XML declaration and comments.
        size_t root = first;
        while (root != std::string_view::npos && root + 1 < body.size() &&
               (body[root + 1] == '?' || body[root + 1] == '!'))
            root = body.find('<', root + 1);
        if (root == std::string_view::npos) root = first;
        throw FormatError(fileName, text::lineAt(bytes, root),
                          "XML file is not a pentabarf/frab schedule (no <schedule> element)");
    }
    if (agenda::startsJson(head))
        throw FormatError(fileName, 1,
                          "JSON file is neither a frab/pretalx schedule (no \"schedule\" key), an Indico export "
                          "(no \"results\" key) nor a Sessionize export (no \"sessions\" key)");
    if (format_table::hasExtension(fileName, ".ics .ical"))
        throw FormatError(fileName, 1, "not an iCalendar file (it does not start with BEGIN:VCALENDAR)");
    for (const auto& f : agendaFormats())
        if (f.fallback && (format_table::hasExtension(fileName, f.extensions) || f.sniff(head))) return f.name;
    throw FormatError(fileName, 1, "unknown agenda format (expected " + agendaFormatLabels() + ")");
}

Agenda parseAgenda(std::string_view rawBytes, const std::string& fileName, std::string_view formatName,
                   const AgendaParseOptions& options) {
    const AgendaFormatInfo* format = nullptr;
    if (formatName != "auto") {
        format = findAgendaFormat(formatName);
        if (!format)
            throw std::invalid_argument("unknown format '" + std::string(formatName) + "' (use " +
                                        agendaFormatChoices() + ")");
    }
    // Every parser below sees UTF-8 without a BOM, whatever the file came in.
    std::string converted;
    std::string_view bytes = encoding::toUtf8(rawBytes, converted, fileName);
    if (text::trim(bytes.substr(0, 65536)).empty() && text::trim(bytes).empty())
        throw FormatError(fileName, 0, "file is empty");
    if (text::looksBinary(bytes)) throw FormatError(fileName, 0, "binary data, not an agenda file");
    if (!format) format = findAgendaFormat(detectAgendaFormat(bytes, fileName));
    if (!format->checksUtf8Itself) requireUtf8(bytes, fileName);
    Agenda agenda = format->parse(bytes, fileName, options);
    agenda.format = format->name;
    settleSessionIds(agenda);
    return agenda;
}

}  // namespace hallway
