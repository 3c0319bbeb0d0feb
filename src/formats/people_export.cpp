#include "formats/people_export.h"

#include <cctype>

namespace hallway {
namespace {

// RFC 6350 3.4 text escaping. A CR, alone or before LF, is a line break
// too, so no value can end its line and start a property of its own.
std::string vcardEscape(std::string_view s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        switch (c) {
            case '\\': out += "\\\\"; break;
            case ',': out += "\\,"; break;
            case ';': out += "\\;"; break;
            case '\n': out += "\\n"; break;
            case '\r':
                if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
                out += "\\n";
                break;
            default:
                // Other control characters have no escape and no meaning in a card.
                if (static_cast<unsigned char>(c) >= 0x20 || c == '\t') out += c;
        }
    }
    return out;
}

// A TYPE parameter value: letters, digits, '-' and spaces only, so a label
// cannot close the parameter list or the line.
std::string paramValue(std::string_view s) {
    std::string out;
    for (char c : s)
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == ' ') out += c;
    return out;
}

// Folds at 75 octets, never inside a UTF-8 sequence.
void appendFolded(std::string& out, const std::string& line) {
    size_t start = 0;
    size_t limit = 75;
    while (line.size() - start > limit) {
        size_t cut = start + limit;
        while (cut > start && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
        out.append(line, start, cut - start);
        out += "\r\n ";
        start = cut;
        limit = 74;  // the leading space of a continuation counts
    }
    out.append(line, start, std::string::npos);
    out += "\r\n";
}

std::string joined(const std::vector<ContactDetail>& details) {
    std::string out;
    for (auto& d : details) out += (out.empty() ? "" : "; ") + d.value;
    return out;
}

}  // namespace

bool csvNeedsNeutralising(std::string_view v) {
    // Spreadsheets skip leading spaces, tabs and no-break spaces before they
    // look for a formula, so the check does too; and other control characters,
    // which the importer drops, so "\f'+2" comes back as it went out.
    size_t i = 0;
    while (i < v.size()) {
        if (v[i] == ' ' || static_cast<unsigned char>(v[i]) < 0x20) ++i;
        else if (v.compare(i, 2, "\xC2\xA0") == 0) i += 2;
        else break;
    }
    if (i == v.size()) return false;  // only blanks: nothing to run
    char c = v[i];
    // A leading apostrophe is doubled, so the importer's taking one off is exact.
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\'' || v[0] == '\t' || v[0] == '\r' || v[0] == '\n';
}

std::string csvCell(std::string_view value) {
    std::string v(value);
    if (csvNeedsNeutralising(v)) v.insert(v.begin(), '\'');
    if (v.find_first_of(",\"\r\n;") == std::string::npos) return v;
    std::string out = "\"";
    for (char c : v) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

std::string personToVCard(const Person& p, const VCardOptions& options) {
    std::string out;
    appendFolded(out, "BEGIN:VCARD");
    appendFolded(out, "VERSION:4.0");
    if (!options.uid.empty()) appendFolded(out, "UID:" + vcardEscape(options.uid));
    appendFolded(out, "FN:" + vcardEscape(p.displayName));
    appendFolded(out, "N:" + vcardEscape(p.familyName) + ";" + vcardEscape(p.givenName) + ";;;");
    if (!p.company.empty()) appendFolded(out, "ORG:" + vcardEscape(p.company));
    if (!p.role.empty()) appendFolded(out, "TITLE:" + vcardEscape(p.role));
    auto typed = [](const ContactDetail& d) {
        std::string label = paramValue(d.label);
        if (label.find(' ') != std::string::npos) label = "\"" + label + "\"";
        return label.empty() ? std::string() : ";TYPE=" + label;
    };
    for (auto& e : p.emails) appendFolded(out, "EMAIL" + typed(e) + ":" + vcardEscape(e.value));
    for (auto& t : p.phones) appendFolded(out, "TEL" + typed(t) + ";VALUE=text:" + vcardEscape(t.value));
    for (auto& u : p.urls) appendFolded(out, "URL" + typed(u) + ":" + vcardEscape(u.value));
    if (!p.tags.empty()) {
        std::string cats;
        for (auto& t : p.tags) cats += (cats.empty() ? "" : ",") + vcardEscape(t);
        appendFolded(out, "CATEGORIES:" + cats);
    }
    std::string note = options.withHowMet ? p.howMet : std::string();
    if (options.withFacts)
        for (auto& f : p.facts) note += (note.empty() ? "" : "\n") + f.text + (f.onDate ? " (" + *f.onDate + ")" : "");
    if (!note.empty()) appendFolded(out, "NOTE" + options.noteParams + ":" + vcardEscape(note));
    appendFolded(out, "END:VCARD");
    return out;
}

std::string peopleToVCard(const std::vector<Person>& people) {
    std::string out;
    for (const Person& p : people) out += personToVCard(p, {});
    return out;
}

std::string peopleToCsv(const std::vector<Person>& people) {
    std::string out = "name,given_name,family_name,company,role,emails,phones,urls,tags,how_met\r\n";
    for (const Person& p : people) {
        std::string tags;
        for (auto& t : p.tags) tags += (tags.empty() ? "" : "; ") + t;
        const std::string cells[] = {p.displayName, p.givenName, p.familyName, p.company,  p.role,
                                     joined(p.emails), joined(p.phones), joined(p.urls), tags, p.howMet};
        for (size_t i = 0; i < std::size(cells); ++i) out += (i ? "," : "") + csvCell(cells[i]);
        out += "\r\n";
    }
    return out;
}

}  // namespace hallway
