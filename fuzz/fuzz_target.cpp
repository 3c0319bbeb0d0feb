// One libFuzzer entry point, compiled once per parser with HALLWAY_FUZZ_<NAME>
// defined (see CMakeLists.txt). A FormatError is the expected answer to bad
// bytes; any other exception, crash, leak or hang is a finding.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include <cstdio>
#include <cstdlib>
#include <vector>

#include "core/note_markers.h"
#include "core/template_text.h"
#include "core/text.h"
#include "formats/agenda.h"
#include "formats/agenda_csv.h"
#include "formats/contacts.h"
#include "formats/followup_export.h"
#include "formats/frab_json.h"
#include "formats/frab_xml.h"
#include "formats/ical_export.h"
#include "formats/ics.h"
#include "formats/indico.h"
#include "formats/people_export.h"
#include "formats/sessionize.h"

#include <libical/ical.h>

using namespace hallway;

namespace {

// [SECTION] exporters: hostile values go out and come back; nothing may be
// added (an injected card, line or cell) or lost.

[[noreturn]] void finding(const char* what, const std::string& expected, const std::string& got) {
    std::fprintf(stderr, "round trip broke (%s): expected [%s] got [%s]\n", what, expected.c_str(), got.c_str());
    std::abort();
}

// Fields separated by 0x1F: name, company, email, url, how met, tag.
std::vector<std::string> fieldsOf(std::string_view bytes) {
    std::vector<std::string> out(6);
    size_t field = 0;
    for (char c : bytes) {
        if (c == '\x1f') {
            if (++field == out.size()) break;
        } else {
            out[field] += c;
        }
    }
    return out;
}

// What a value may come back as: whitespace runs compare as one space, and
// vCard drops control characters other than line breaks and tabs (CSV
// keeps them).
std::string comparable(const std::string& s, bool dropControls = true) {
    std::string kept;
    for (char c : s)
        if (!dropControls || static_cast<unsigned char>(c) >= 0x20 || c == '\n' || c == '\r' || c == '\t') kept += c;
    return text::collapseSpaces(kept);
}

Person hostilePerson(const std::vector<std::string>& f) {
    Person p;
    p.displayName = f[0];
    p.company = f[1];
    if (!f[2].empty()) p.emails.push_back({f[2], "work"});
    if (!f[3].empty()) p.urls.push_back({f[3], ""});
    p.howMet = f[4];
    if (!f[5].empty()) p.tags.push_back(f[5]);
    return p;
}

Person controlPerson() {
    Person p;
    p.displayName = "Zed Control";
    p.company = "Control Co";
    p.emails.push_back({"zed@control.example", ""});
    return p;
}

// Runs one export and its re-import; returns false when the input is not
// something an export can hold (no name, not UTF-8).
void roundTrip(std::string_view bytes, bool csv) {
    auto f = fieldsOf(bytes);
    for (auto& v : f)
        if (!text::isValidUtf8(v)) return;
    if (comparable(f[0]).empty()) return;
    std::string out = csv ? peopleToCsv({hostilePerson(f), controlPerson()})
                          : peopleToVCard({hostilePerson(f), controlPerson()});
    ContactsFile back = parseContacts(out, csv ? "fuzz.csv" : "fuzz.vcf", csv ? "csv" : "vcard");
    if (back.contacts.size() != 2) finding("number of people", "2", std::to_string(back.contacts.size()));
    const ContactRecord& first = back.contacts[0];
    const ContactRecord& control = back.contacts[1];
    if (comparable(first.fullName, !csv) != comparable(f[0], !csv)) finding("name", comparable(f[0], !csv), first.fullName);
    if (comparable(first.company, !csv) != comparable(f[1], !csv))
        finding("company", comparable(f[1], !csv), first.company);
    if (control.fullName != "Zed Control" || control.company != "Control Co" || control.emails.size() != 1 ||
        control.emails[0].value != "zed@control.example")
        finding("the next person", "Zed Control, Control Co", control.fullName + ", " + control.company);
    if (!csv) {
        // A line break in any value must stay inside its property.
        size_t cards = 0;
        for (size_t at = out.find("BEGIN:VCARD"); at != std::string::npos; at = out.find("BEGIN:VCARD", at + 1))
            if (at == 0 || out.compare(at - 2, 2, "\r\n") == 0) ++cards;
        if (cards != 2) finding("BEGIN:VCARD lines", "2", std::to_string(cards));
    } else {
        for (const auto& v : f) {
            std::string cell = csvCell(v);
            std::string_view unquoted = cell.size() > 1 && cell[0] == '"' ? std::string_view(cell).substr(1) : cell;
            if (csvNeedsNeutralising(v) && (unquoted.empty() || unquoted[0] != '\''))
                finding("formula left live", "a leading '", cell);
        }
    }
}

void markdownRoundTrip(std::string_view bytes) {
    std::string s(bytes);
    std::string out = text::markdownInline(s);
    for (size_t i = 0; i < out.size(); ++i) {
        char c = out[i];
        if (c == '\n' || c == '\r' || c == '<' || c == '>') finding("raw line break or tag", "escaped", out);
        if (c == '\\') {
            ++i;  // the escaped character
            continue;
        }
        if (c == '[' || c == ']' || c == '`' || c == '*' || c == '_') finding("live link or emphasis", "escaped", out);
    }
    std::string expected;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
        expected += s[i] == '\n' || s[i] == '\r' ? ' ' : s[i];
    }
    std::string back = text::markdownUnescape(out);
    if (back != expected) finding("markdown text", expected, back);
}

// iCalendar: a session as a VEVENT and follow-ups as VTODOs with hostile
// values; libical must read back exactly the components and properties
// written, each value as it went out, and the next item untouched.

std::vector<std::string> icalFieldsOf(std::string_view bytes) {
    std::vector<std::string> out(7);  // title, room, speaker, abstract, url, draft, person
    size_t field = 0;
    for (char c : bytes) {
        if (c == '\x1f') {
            if (++field == out.size()) break;
        } else {
            out[field] += c;
        }
    }
    return out;
}

struct IcalDoc {
    icalcomponent* cal = nullptr;
    explicit IcalDoc(const std::string& text) : cal(icalparser_parse_string(text.c_str())) {}
    ~IcalDoc() {
        if (cal) icalcomponent_free(cal);
    }
};

int propertyCount(icalcomponent* c, icalproperty_kind kind) {
    int n = 0;
    for (icalproperty* p = icalcomponent_get_first_property(c, kind); p; p = icalcomponent_get_next_property(c, kind)) ++n;
    return n;
}

std::vector<icalcomponent*> componentsOf(icalcomponent* c, icalcomponent_kind kind) {
    std::vector<icalcomponent*> out;
    for (icalcomponent* x = icalcomponent_get_first_component(c, kind); x; x = icalcomponent_get_next_component(c, kind))
        out.push_back(x);
    return out;
}

std::string textOf(icalcomponent* c, icalproperty_kind kind) {
    icalproperty* p = icalcomponent_get_first_property(c, kind);
    if (!p) return "";
    const char* v = nullptr;
    switch (kind) {
        case ICAL_SUMMARY_PROPERTY: v = icalproperty_get_summary(p); break;
        case ICAL_DESCRIPTION_PROPERTY: v = icalproperty_get_description(p); break;
        case ICAL_LOCATION_PROPERTY: v = icalproperty_get_location(p); break;
        case ICAL_URL_PROPERTY: v = icalproperty_get_url(p); break;
        default: break;
    }
    return v ? v : "";
}

// Lines that begin a property or component: a value that broke its line would add one.
size_t lineCount(const std::string& text, std::string_view start) {
    size_t n = 0;
    for (size_t at = text.find(start); at != std::string::npos; at = text.find(start, at + 1))
        if (at == 0 || text[at - 1] == '\n') ++n;
    return n;
}

void icalRoundTrip(std::string_view bytes) {
    auto f = icalFieldsOf(bytes);
    for (auto& v : f)
        if (!text::isValidUtf8(v) || v.find('\0') != std::string::npos) return;

    Event event;
    event.timeZone = "Europe/Berlin";
    Session s;
    s.id = 7;
    s.title = f[0];
    s.room = f[1];
    if (!f[2].empty()) s.speakers.push_back(f[2]);
    s.abstract = f[3];
    s.url = f[4];
    s.startsAt = 1738573200;  // 2025-02-03 09:00 UTC
    s.endsAt = s.startsAt + 1800;
    std::string out = sessionToICalendar(s, event, true);
    if (lineCount(out, "BEGIN:VEVENT") != 1) finding("BEGIN:VEVENT lines", "1", std::to_string(lineCount(out, "BEGIN:VEVENT")));
    if (lineCount(out, "END:VCALENDAR") != 1) finding("END:VCALENDAR lines", "1", out);
    {
        IcalDoc doc(out);
        if (!doc.cal) finding("libical parse of the VEVENT", "a calendar", out);
        auto events = componentsOf(doc.cal, ICAL_VEVENT_COMPONENT);
        if (events.size() != 1) finding("VEVENTs", "1", std::to_string(events.size()));
        icalcomponent* ev = events[0];
        if (propertyCount(ev, ICAL_SUMMARY_PROPERTY) != 1) finding("SUMMARY count", "1", out);
        if (propertyCount(ev, ICAL_DESCRIPTION_PROPERTY) > 1) finding("DESCRIPTION count", "at most 1", out);
        if (propertyCount(ev, ICAL_LOCATION_PROPERTY) > 1 || propertyCount(ev, ICAL_URL_PROPERTY) > 1)
            finding("LOCATION/URL count", "at most 1", out);
        if (propertyCount(ev, ICAL_ATTENDEE_PROPERTY) + propertyCount(ev, ICAL_X_PROPERTY) != 0)
            finding("injected property", "none", out);
        if (componentsOf(ev, ICAL_VALARM_COMPONENT).size() != 1) finding("VALARMs", "1", out);
        std::string title = text::trim(icalText(s.title)).empty() ? "Untitled session" : icalText(s.title);
        // Whitespace at the ends of a value is libical's to keep or drop: compared as comparable() does.
        if (comparable(textOf(ev, ICAL_SUMMARY_PROPERTY)) != comparable(title))
            finding("SUMMARY", title, textOf(ev, ICAL_SUMMARY_PROPERTY));
        if (!text::trim(icalText(s.room)).empty() &&
            comparable(textOf(ev, ICAL_LOCATION_PROPERTY)) != comparable(icalText(s.room)))
            finding("LOCATION", icalText(s.room), textOf(ev, ICAL_LOCATION_PROPERTY));
        if (!icalUri(s.url).empty() && textOf(ev, ICAL_URL_PROPERTY) != icalUri(s.url))
            finding("URL", icalUri(s.url), textOf(ev, ICAL_URL_PROPERTY));
    }
    // Hallway's own importer reads it back as one session with its title.
    try {
        Agenda back = parseIcs(out, "fuzz-export.ics", {});
        if (back.sessions.size() != 1) finding("sessions read back", "1", std::to_string(back.sessions.size()));
        std::string title = text::trim(icalText(s.title)).empty() ? "Untitled session" : icalText(s.title);
        if (comparable(back.sessions[0].title) != comparable(title))
            finding("title read back", comparable(title), back.sessions[0].title);
    } catch (const FormatError& e) {
        finding("re-import of the VEVENT", "no error", e.what());
    }

    FollowUp hostile;
    hostile.kind = "thank_you";
    hostile.dueDate = "2025-02-04";
    hostile.dedupeKey = f[0];
    hostile.personName = f[6];
    hostile.draft = f[5];
    hostile.reason = f[3];
    FollowUp control;
    control.kind = "promise";
    control.dueDate = "2025-02-05";
    control.dedupeKey = "control";
    control.personName = "Zed Control";
    control.draft = "Subject: Hi\n\nThe slides.";
    std::string todos = followUpsToICalendar({hostile, control});
    if (lineCount(todos, "BEGIN:VTODO") != 2) finding("BEGIN:VTODO lines", "2", todos);
    IcalDoc doc(todos);
    if (!doc.cal) finding("libical parse of the VTODOs", "a calendar", todos);
    auto items = componentsOf(doc.cal, ICAL_VTODO_COMPONENT);
    if (items.size() != 2) finding("VTODOs", "2", std::to_string(items.size()));
    for (icalcomponent* todo : items)
        if (propertyCount(todo, ICAL_SUMMARY_PROPERTY) != 1 || propertyCount(todo, ICAL_DESCRIPTION_PROPERTY) > 1 ||
            propertyCount(todo, ICAL_UID_PROPERTY) != 1 || propertyCount(todo, ICAL_DUE_PROPERTY) != 1)
            finding("VTODO properties", "one each", todos);
    std::string description = hostile.draft.empty() ? hostile.reason : hostile.draft;
    if (text::trim(icalText(description)).empty()) description.clear();
    if (comparable(textOf(items[0], ICAL_DESCRIPTION_PROPERTY)) != comparable(icalText(description)))
        finding("VTODO DESCRIPTION", icalText(description), textOf(items[0], ICAL_DESCRIPTION_PROPERTY));
    if (textOf(items[1], ICAL_SUMMARY_PROPERTY).find("Zed Control") == std::string::npos ||
        textOf(items[1], ICAL_DESCRIPTION_PROPERTY) != control.draft)
        finding("the next VTODO", control.draft, textOf(items[1], ICAL_DESCRIPTION_PROPERTY));
}

void run(std::string_view bytes) {
#if defined(HALLWAY_FUZZ_FRAB_XML)
    parseFrabXml(bytes, "fuzz.xml", {});
#elif defined(HALLWAY_FUZZ_ICS)
    parseIcs(bytes, "fuzz.ics", {});
#elif defined(HALLWAY_FUZZ_FRAB_JSON)
    parseFrabJson(bytes, "fuzz.json", {});
#elif defined(HALLWAY_FUZZ_SESSIONIZE)
    parseSessionize(bytes, "fuzz.json", {});
#elif defined(HALLWAY_FUZZ_INDICO)
    parseIndico(bytes, "fuzz.json", {});
#elif defined(HALLWAY_FUZZ_AGENDA_CSV)
    parseAgendaCsv(bytes, "fuzz.csv", {});
#elif defined(HALLWAY_FUZZ_CONTACTS_CSV)
    // The first byte picks the CSV flavour, so one target covers all three
    // through parseContacts (detection, UTF-8 checks, then the parser).
    if (bytes.empty()) return;
    static const std::string_view kinds[] = {"linkedin", "google", "csv", "auto"};
    std::string_view kind = kinds[static_cast<unsigned char>(bytes[0]) % 4];
    ContactsParseOptions options;
    if (kind == "csv") options.csvColumns = {{"Name", "name"}, {"Mail", "email"}, {"Org", "company"}};
    parseContacts(bytes.substr(1), "fuzz.csv", kind, options);
#elif defined(HALLWAY_FUZZ_VCARD)
    parseContacts(bytes, "fuzz.vcf", "vcard");
#elif defined(HALLWAY_FUZZ_MECARD)
    parseContactText(bytes);
#elif defined(HALLWAY_FUZZ_NOTE_MARKERS)
    parseNoteMarkers(bytes, CalendarDate{2025, 2, 1});
    findDate(bytes, CalendarDate{2024, 12, 31});
#elif defined(HALLWAY_FUZZ_TEMPLATE)
    static const std::map<std::string, std::string> values{
        {"first_name", "Ana"}, {"name", "Ana Lima"}, {"event", "FOSDEM"}, {"company", "Acme"}, {"promise", "slides"}};
    renderTemplate(bytes, values);
    templatePlaceholders(bytes);
#elif defined(HALLWAY_FUZZ_VCARD_EXPORT)
    roundTrip(bytes, false);
#elif defined(HALLWAY_FUZZ_CSV_EXPORT)
    roundTrip(bytes, true);
#elif defined(HALLWAY_FUZZ_MARKDOWN_EXPORT)
    markdownRoundTrip(bytes);
#elif defined(HALLWAY_FUZZ_ICS_EXPORT)
    icalRoundTrip(bytes);
#else
#error "define one HALLWAY_FUZZ_<TARGET>"
#endif
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        run(std::string_view(reinterpret_cast<const char*>(data), size));
    } catch (const FormatError&) {
        // Refused with a message: what hostile input should get.
    }
    return 0;
}
