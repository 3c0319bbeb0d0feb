#include "formats/agenda.h"

#include <algorithm>
#include <cctype>

#include "formats/text.h"

namespace hallway {

namespace {
std::string formatMessage(const std::string& file, int line, const std::string& reason) {
    if (line > 0) return file + ":" + std::to_string(line) + ": " + reason;
    return file + ": " + reason;
}

bool endsWith(const std::string& s, std::string_view suffix) {
    return s.size() >= suffix.size() && text::lower(s.substr(s.size() - suffix.size())) == suffix;
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

// Every session leaves here with a unique, non-empty source id. A repeated id
// with identical content is an exporter's echo and is dropped; a repeated id
// with other content is a different session and gets a stable suffix, so
// nothing in the file is lost and re-imports still match.
void settleSessionIds(Agenda& agenda) {
    std::map<std::string, size_t> firstById;
    std::map<std::string, int> repeats;
    std::vector<AgendaSession> kept;
    kept.reserve(agenda.sessions.size());
    for (auto& s : agenda.sessions) {
        if (s.endsAt < s.startsAt) s.endsAt = s.startsAt;
        if (s.sourceId.empty()) s.sourceId = "title:" + text::nameKey(s.title);
        auto found = firstById.find(s.sourceId);
        if (found == firstById.end()) {
            firstById.emplace(s.sourceId, kept.size());
            kept.push_back(std::move(s));
            continue;
        }
        const AgendaSession& first = kept[found->second];
        if (sameContent(first, s)) {
            agenda.warnings.push_back(where(s) + ": session id '" + s.sourceId +
                                      "' repeats " + where(first) + " with the same content; kept one");
            continue;
        }
        int n = ++repeats[s.sourceId] + 1;
        std::string original = s.sourceId;
        s.sourceId = original + "~" + std::to_string(n);
        agenda.warnings.push_back(where(s) + ": session id '" + original + "' is already used by " +
                                  where(first) + "; imported as '" + s.sourceId + "'");
        firstById.emplace(s.sourceId, kept.size());
        kept.push_back(std::move(s));
    }
    agenda.sessions = std::move(kept);
}

}  // namespace

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

const char* agendaFormatName(AgendaFormat format) {
    switch (format) {
        case AgendaFormat::Auto: return "auto";
        case AgendaFormat::FrabXml: return "frab-xml";
        case AgendaFormat::Ics: return "ics";
        case AgendaFormat::FrabJson: return "frab-json";
        case AgendaFormat::Sessionize: return "sessionize";
        case AgendaFormat::Csv: return "csv";
    }
    return "auto";
}

AgendaFormat agendaFormatFromName(std::string_view name) {
    for (auto f : {AgendaFormat::Auto, AgendaFormat::FrabXml, AgendaFormat::Ics, AgendaFormat::FrabJson,
                   AgendaFormat::Sessionize, AgendaFormat::Csv}) {
        if (name == agendaFormatName(f)) return f;
    }
    throw std::invalid_argument("unknown format '" + std::string(name) +
                                "' (use auto, frab-xml, ics, frab-json, sessionize or csv)");
}

AgendaFormat detectAgendaFormat(std::string_view bytes, const std::string& fileName) {
    std::string_view body = text::stripBom(bytes);
    size_t first = body.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) throw FormatError(fileName, 0, "file is empty");
    std::string_view head = body.substr(first, 4096);
    std::string headLower = text::lower(head);

    if (head.front() == '<') {
        if (headLower.find("<schedule") != std::string::npos || headLower.find("<conference") != std::string::npos)
            return AgendaFormat::FrabXml;
        // Point at the root element, past the XML declaration and comments.
        size_t root = first;
        while (root != std::string_view::npos && root + 1 < body.size() &&
               (body[root + 1] == '?' || body[root + 1] == '!'))
            root = body.find('<', root + 1);
        if (root == std::string_view::npos) root = first;
        throw FormatError(fileName, text::lineAt(bytes, root + (bytes.size() - body.size())),
                          "XML file is not a pentabarf/frab schedule (no <schedule> element)");
    }
    if (headLower.rfind("begin:vcalendar", 0) == 0) return AgendaFormat::Ics;
    if (head.front() == '{' || head.front() == '[') {
        // Cheap look at the keys; the parser validates properly.
        std::string_view all = body.substr(first, 1 << 16);
        if (all.find("\"schedule\"") != std::string_view::npos) return AgendaFormat::FrabJson;
        if (all.find("\"sessions\"") != std::string_view::npos || all.find("\"startsAt\"") != std::string_view::npos)
            return AgendaFormat::Sessionize;
        throw FormatError(fileName, 1,
                          "JSON file is neither a frab/pretalx schedule (no \"schedule\" key) nor a "
                          "Sessionize export (no \"sessions\" key)");
    }
    if (endsWith(fileName, ".ics") || endsWith(fileName, ".ical"))
        throw FormatError(fileName, 1, "not an iCalendar file (it does not start with BEGIN:VCALENDAR)");
    // A CSV agenda names its columns on the first line.
    size_t eol = head.find('\n');
    std::string firstLine = text::lower(head.substr(0, eol));
    if (endsWith(fileName, ".csv") || endsWith(fileName, ".tsv") ||
        (firstLine.find(',') != std::string::npos && firstLine.find("title") != std::string::npos))
        return AgendaFormat::Csv;
    throw FormatError(fileName, 1,
                      "unknown agenda format (expected frab XML, iCalendar, frab/pretalx JSON, "
                      "Sessionize JSON or CSV with a header)");
}

Agenda parseAgenda(std::string_view bytes, const std::string& fileName, AgendaFormat format,
                   const AgendaParseOptions& options) {
    if (text::trim(bytes.substr(0, 65536)).empty() && text::trim(bytes).empty())
        throw FormatError(fileName, 0, "file is empty");
    if (text::looksBinary(bytes)) throw FormatError(fileName, 0, "binary data, not an agenda file");
    if (format == AgendaFormat::Auto) format = detectAgendaFormat(bytes, fileName);
    // iCalendar may fold a line inside a multi-byte character (RFC 5545 3.1);
    // its parser checks UTF-8 after unfolding instead.
    if (format != AgendaFormat::Ics) requireUtf8(bytes, fileName);
    Agenda agenda;
    switch (format) {
        case AgendaFormat::FrabXml: agenda = parseFrabXml(bytes, fileName, options); break;
        case AgendaFormat::Ics: agenda = parseIcs(bytes, fileName, options); break;
        case AgendaFormat::FrabJson: agenda = parseFrabJson(bytes, fileName, options); break;
        case AgendaFormat::Sessionize: agenda = parseSessionize(bytes, fileName, options); break;
        case AgendaFormat::Csv: agenda = parseAgendaCsv(bytes, fileName, options); break;
        case AgendaFormat::Auto: break;
    }
    agenda.format = format;
    settleSessionIds(agenda);
    return agenda;
}

}  // namespace hallway
