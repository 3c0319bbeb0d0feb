// Pentabarf / frab schedule XML (FOSDEM, CCC, DebConf/wafer, pretalx).
#include "formats/frab_xml.h"

#include <algorithm>
#include <optional>
#include <pugixml.hpp>
#include <vector>

#include "core/text.h"
#include "core/time_util.h"
#include "formats/agenda_common.h"

namespace hallway {
namespace {

using namespace agenda;  // hasOffset, parseDate, wallTime, looksLikeHtml, quoteValue, cutUtf8

constexpr size_t kMaxInheritedRoomBytes = 256;

// Text of an element and its descendants, walked without recursion.
std::string textOf(pugi::xml_node node) {
    std::string out;
    pugi::xml_node cur = node.first_child();
    while (cur) {
        if (cur.type() == pugi::node_pcdata || cur.type() == pugi::node_cdata) out += cur.value();
        if (cur.first_child()) {
            cur = cur.first_child();
            continue;
        }
        while (cur != node && !cur.next_sibling()) cur = cur.parent();
        if (cur == node) break;
        cur = cur.next_sibling();
    }
    return out;
}

bool hasElementChild(pugi::xml_node node) {
    for (pugi::xml_node c : node.children())
        if (c.type() == pugi::node_element) return true;
    return false;
}

struct StringWriter : pugi::xml_writer {
    std::string out;
    void write(const void* data, size_t size) override { out.append(static_cast<const char*>(data), size); }
};

class FrabXmlReader {
public:
    FrabXmlReader(std::string_view bytes, const std::string& file, const AgendaParseOptions& options)
        : m_bytes(bytes), m_file(file), m_options(options), m_lines(bytes) {}

    Agenda read() {
        // pugixml gets the text without a BOM so its offsets are ours minus m_base.
        std::string_view body = text::stripBom(m_bytes);
        m_base = m_bytes.size() - body.size();
        pugi::xml_parse_result result =
            m_doc.load_buffer(body.data(), body.size(), pugi::parse_default, pugi::encoding_utf8);
        if (result.status == pugi::status_no_document_element)
            throw FormatError(m_file, 0, "not a frab schedule: no <schedule> root element");
        if (!result) {
            std::string reason = std::string("XML syntax error: ") + result.description();
            if (size_t(result.offset) + 1 >= body.size()) reason += " at the end of the file (is it truncated?)";
            throw FormatError(m_file, lineAtOffset(result.offset), reason);
        }
        pugi::xml_node schedule = m_doc.document_element();
        if (std::string_view(schedule.name()) != "schedule")
            throw FormatError(m_file, lineOf(schedule),
                              std::string("not a frab schedule: the root element is <") + schedule.name() +
                                  ">, expected <schedule>");

        pugi::xml_node conference = schedule.child("conference");
        m_agenda.title = cap(text::trim(textOf(conference.child("title"))), "conference title", lineOf(conference));
        chooseZone(conference.child("time_zone_name"));
        m_agenda.readInZone = m_zone;

        size_t position = 0;
        for (pugi::xml_node day : schedule.children("day")) readDay(day, position++);
        if (m_agenda.sessions.empty()) throw FormatError(m_file, 0, "no sessions found");
        return std::move(m_agenda);
    }

private:
    int lineAtOffset(ptrdiff_t offset) const {
        return offset < 0 ? 0 : m_lines.lineAt(m_base + size_t(offset));
    }
    int lineOf(pugi::xml_node node) const { return node ? lineAtOffset(node.offset_debug()) : 0; }

    void warn(int line, const std::string& what) {
        m_agenda.warnings.push_back(line > 0 ? std::to_string(line) + ": " + what : what);
    }

    std::string cap(std::string value, const char* what, int line) {
        if (value.size() <= kMaxFieldBytes) return value;
        cutUtf8(value, kMaxFieldBytes);
        warn(line, std::string(what) + " is longer than 1 MiB; truncated");
        return value;
    }

    // The option wins, then the file's zone, then UTC for wall-clock times.
    void chooseZone(pugi::xml_node zoneNode) {
        std::string fileZone = text::trim(textOf(zoneNode));
        if (!fileZone.empty() && isKnownTimeZone(fileZone)) m_agenda.fileTimeZone = fileZone;
        if (!m_options.timeZone.empty()) {
            if (isKnownTimeZone(m_options.timeZone)) {
                m_zone = m_agenda.timeZone = m_options.timeZone;
                return;
            }
            warn(0, "unknown time zone " + quoteValue(m_options.timeZone) + " given as an option; ignored");
        }
        if (fileZone.empty()) {
            m_zone = "UTC";
            return;
        }
        if (isKnownTimeZone(fileZone)) {
            m_zone = m_agenda.timeZone = fileZone;
            return;
        }
        warn(lineOf(zoneNode), "unknown time zone " + quoteValue(fileZone) + "; times without an offset are read as UTC");
        m_zone = m_agenda.timeZone = "UTC";
    }

    void readDay(pugi::xml_node day, size_t position) {
        Day info;
        std::string dateText = text::trim(day.attribute("date").value());
        if (!dateText.empty()) {
            info.date = parseDate(dateText);
            if (!info.date)
                throw FormatError(m_file, lineOf(day),
                                  "unparseable <day date=...> " + quoteValue(dateText) + " (expected YYYY-MM-DD)");
        }
        // A frab day may run past midnight; its bounds tell which date "01:00" is on.
        std::string startText = text::trim(day.attribute("start").value());
        std::string endText = text::trim(day.attribute("end").value());
        if (hasOffset(startText)) info.start = parseIsoDateTime(startText, m_zone);
        if (hasOffset(endText)) info.end = parseIsoDateTime(endText, m_zone);
        noteOffsetOf(startText, info.start);
        noteOffsetOf(endText, info.end);
        addFileDay(m_agenda, text::trim(day.attribute("index").value()), position, info.date, startText, endText, m_zone);

        for (pugi::xml_node child : day.children()) {
            std::string_view name = child.name();
            if (name == "room") {
                // Every event without its own <room> gets a copy: keep that copy small.
                std::string room = text::trim(child.attribute("name").value());
                if (cutUtf8(room, kMaxInheritedRoomBytes)) {
                    warn(lineOf(child), "<room name=...> longer than " + std::to_string(kMaxInheritedRoomBytes) +
                                            " bytes; truncated");
                }
                for (pugi::xml_node event : child.children("event")) readEvent(event, info, room);
            } else if (name == "event") {
                readEvent(child, info, "");
            }
        }
    }

    struct Day {
        std::optional<LocalDateTime> date;
        std::optional<Instant> start;
        std::optional<Instant> end;
    };

    std::string richText(pugi::xml_node node, const char* what, int line) {
        std::string raw;
        if (hasElementChild(node)) {
            // Inline XHTML: print the markup back out and strip it like escaped HTML.
            StringWriter writer;
            for (pugi::xml_node c : node.children()) c.print(writer, "", pugi::format_raw);
            raw = writer.out;
        } else {
            raw = textOf(node);
        }
        return cap(looksLikeHtml(raw) ? text::stripHtml(raw) : text::trim(raw), what, line);
    }

    std::string field(pugi::xml_node event, const char* name, int line) {
        return cap(text::trim(textOf(event.child(name))), name, line);
    }

    void readEvent(pugi::xml_node event, const Day& day, const std::string& parentRoom) {
        AgendaSession s;
        s.line = lineOf(event);
        std::string guid = text::trim(event.attribute("guid").value());
        std::string id = text::trim(event.attribute("id").value());
        s.sourceId = !guid.empty() ? guid : id;
        std::string label = s.sourceId.empty() ? "event" : "event " + quoteValue(s.sourceId);

        s.title = field(event, "title", s.line);
        if (s.title.empty()) throw FormatError(m_file, s.line, label + " has no <title>");
        s.subtitle = field(event, "subtitle", s.line);
        s.abstract = richText(event.child("abstract"), "abstract", s.line);
        s.description = richText(event.child("description"), "description", s.line);
        s.room = field(event, "room", s.line);
        if (s.room.empty()) s.room = parentRoom;
        s.track = field(event, "track", s.line);
        s.type = field(event, "type", s.line);
        s.url = field(event, "url", s.line);
        s.language = field(event, "language", s.line);

        for (pugi::xml_node person : event.child("persons").children("person")) {
            AgendaSpeaker speaker;
            speaker.name = cap(text::collapseSpaces(textOf(person)), "person name", lineOf(person));
            speaker.sourceId = text::trim(person.attribute("id").value());
            if (speaker.name.empty()) {
                warn(lineOf(person), "<person> without a name; skipped");
                continue;
            }
            s.speakers.push_back(std::move(speaker));
        }

        s.startsAt = startOf(event, day, label, s.line);
        pugi::xml_node durationNode = event.child("duration");
        std::string durationText = text::trim(textOf(durationNode));
        int duration = 0;
        if (durationText.empty()) {
            warn(s.line, label + " has no <duration>; it ends when it starts");
        } else {
            std::optional<int> parsed = parseClockDuration(durationText);
            if (!parsed)
                throw FormatError(m_file, lineOf(durationNode),
                                  "unparseable <duration> " + quoteValue(durationText) + " (expected HH:MM or HH:MM:SS)");
            duration = *parsed;
        }
        s.endsAt = s.startsAt + duration;
        m_agenda.sessions.push_back(std::move(s));
    }

    void noteOffsetOf(const std::string& isoText, std::optional<Instant> at) {
        if (!at) return;
        if (auto offset = isoOffsetSeconds(isoText)) noteOffset(m_agenda, *at, *offset);
    }

    // <date> when it carries an offset; else the day's date plus <start> as
    // wall time in the agenda zone; else <date> read as wall time.
    Instant startOf(pugi::xml_node event, const Day& day, const std::string& label, int line) {
        pugi::xml_node dateNode = event.child("date");
        std::string dateText = text::trim(textOf(dateNode));
        std::optional<Instant> fromDate;
        if (!dateText.empty()) {
            fromDate = parseIsoDateTime(dateText, m_zone);
            if (!fromDate)
                throw FormatError(m_file, lineOf(dateNode),
                                  "unparseable <date> " + quoteValue(dateText) + " (expected an ISO 8601 date-time)");
            if (hasOffset(dateText)) {
                noteOffsetOf(dateText, fromDate);
                return *fromDate;
            }
        }

        pugi::xml_node startNode = event.child("start");
        std::string startText = text::trim(textOf(startNode));
        if (!startText.empty()) {
            std::optional<int> clock = parseClockDuration(startText);
            if (!clock || *clock >= 2 * kSecondsPerDay)
                throw FormatError(m_file, lineOf(startNode),
                                  "unparseable <start> " + quoteValue(startText) + " (expected HH:MM)");
            std::optional<LocalDateTime> date = day.date;
            if (!date && dateText.size() >= 10) date = parseDate(std::string_view(dateText).substr(0, 10));
            if (!date)
                throw FormatError(m_file, line, label + " has a <start> but no date (neither <date> nor <day date=...>)");
            Instant start = wallTime(*date, *clock, m_zone);
            ++m_agenda.wallClockTimes;
            // Before the day begins but inside it a date later: an after-midnight
            // slot, or a day labelled with its UTC date (wafer does that).
            if (day.start && day.end && start < *day.start) {
                Instant nextDay = wallTime(*date, *clock + kSecondsPerDay, m_zone);
                if (nextDay >= *day.start && nextDay <= *day.end) start = nextDay;
            }
            return start;
        }
        if (fromDate) {
            ++m_agenda.wallClockTimes;
            return *fromDate;
        }
        throw FormatError(m_file, line, label + " has no time (neither <date> nor <start>)");
    }

    std::string_view m_bytes;
    const std::string& m_file;
    const AgendaParseOptions& m_options;
    text::LineIndex m_lines;
    size_t m_base = 0;
    pugi::xml_document m_doc;
    Agenda m_agenda;
    std::string m_zone = "UTC";
};

}  // namespace

Agenda parseFrabXml(std::string_view bytes, const std::string& fileName, const AgendaParseOptions& options) {
    return FrabXmlReader(bytes, fileName, options).read();
}

bool sniffFrabXml(std::string_view head) {
    if (head.empty() || head.front() != '<') return false;
    std::string lower = text::lower(head.substr(0, 4096));
    return lower.find("<schedule") != std::string::npos || lower.find("<conference") != std::string::npos;
}

}  // namespace hallway
