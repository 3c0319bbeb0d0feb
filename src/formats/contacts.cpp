// Contact files: format names, detection, the parseContacts entry point, the
// helpers every contact parser shares, and MECARD badge payloads.
#include "formats/contacts.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "core/text.h"
#include "formats/contacts_common.h"
#include "formats/contacts_csv.h"
#include "formats/csv.h"
#include "formats/encoding.h"
#include "formats/format_table.h"
#include "formats/mecard.h"
#include "formats/vcard.h"

namespace hallway {
namespace contacts {

void Diagnostics::warn(int line, const std::string& what) {
    if (++m_warnings <= kMaxWarnings) m_out.warnings.push_back("line " + std::to_string(line) + ": " + what);
}

void Diagnostics::skip(int line, const std::string& why) {
    if (m_firstSkip.empty()) m_firstSkip = "line " + std::to_string(line) + ": " + why;
    warn(line, why + "; skipped");
}

void Diagnostics::countRecord(int line) {
    if (++m_records > kMaxRecords)
        throw FormatError(m_file, line,
                          "more than " + std::to_string(kMaxRecords) + " contacts in one file (the limit); split the file");
}

void Diagnostics::finish() {
    if (m_out.contacts.empty())
        throw FormatError(m_file, 0, m_firstSkip.empty() ? "no contacts found"
                                                         : "no contacts found: every record was skipped (first: " +
                                                               m_firstSkip + ")");
    if (m_warnings > kMaxWarnings)
        m_out.warnings.push_back(std::to_string(m_warnings - kMaxWarnings) + " more warnings not shown");
}

bool startsWithNoCase(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) return false;
    for (size_t i = 0; i < prefix.size(); ++i)
        if (std::tolower((unsigned char)s[i]) != std::tolower((unsigned char)prefix[i])) return false;
    return true;
}

namespace {

std::string_view stripPrefixNoCase(std::string_view s, std::string_view prefix) {
    if (startsWithNoCase(s, prefix)) s.remove_prefix(prefix.size());
    return s;
}

void addPoint(std::vector<ContactPoint>& to, std::string value, std::string_view label) {
    if (value.empty()) return;
    to.push_back({std::move(value), normalizeLabel(label)});
}

// Keeps the first of each key; a later duplicate may still supply a missing label.
template <typename KeyFn>
void dedupe(std::vector<ContactPoint>& points, KeyFn key) {
    std::vector<ContactPoint> kept;
    std::unordered_map<std::string, size_t> seen;  // key -> index in kept
    kept.reserve(points.size());
    for (auto& p : points) {
        auto [found, added] = seen.emplace(key(p.value), kept.size());
        if (added) kept.push_back(std::move(p));
        else if (kept[found->second].label.empty()) kept[found->second].label = std::move(p.label);
    }
    points = std::move(kept);
}

std::string digitsOf(std::string_view s) {
    std::string out;
    for (char c : s)
        if (c >= '0' && c <= '9') out.push_back(c);
    return out;
}

std::string normalizeNewlines(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\r') {
            out.push_back('\n');
            if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
        } else {
            out.push_back(s[i]);
        }
    }
    return out;
}

int readNumber(std::string_view s, size_t pos, size_t digits) {
    if (pos + digits > s.size()) return -1;
    int v = 0;
    for (size_t i = pos; i < pos + digits; ++i) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

std::string twoDigits(int v) { return std::string(1, char('0' + v / 10)) + char('0' + v % 10); }

}  // namespace

void addEmail(ContactRecord& r, std::string_view value, std::string_view label) {
    std::string v = text::trim(value);
    v = text::trim(stripPrefixNoCase(v, "mailto:"));
    addPoint(r.emails, text::lower(v), label);
}

void addPhone(ContactRecord& r, std::string_view value, std::string_view label) {
    std::string v = text::trim(value);
    addPoint(r.phones, text::trim(stripPrefixNoCase(v, "tel:")), label);
}

void addUrl(ContactRecord& r, std::string_view value, std::string_view label) {
    std::string v = text::trim(value);
    if (v.empty()) return;
    if (isLinkedInUrl(v)) label = "linkedin";
    addPoint(r.urls, std::move(v), label);
}

void addTag(ContactRecord& r, std::string_view tag) {
    std::string t = text::collapseSpaces(tag);
    if (!t.empty()) r.tags.push_back(std::move(t));
}

bool finishRecord(ContactRecord& r) {
    r.fullName = text::collapseSpaces(r.fullName);
    r.givenName = text::collapseSpaces(r.givenName);
    r.familyName = text::collapseSpaces(r.familyName);
    r.company = text::collapseSpaces(r.company);
    r.role = text::collapseSpaces(r.role);
    r.note = text::trim(normalizeNewlines(r.note));
    if (r.fullName.empty()) r.fullName = text::collapseSpaces(r.givenName + " " + r.familyName);

    for (auto& e : r.emails) e.value = text::lower(e.value);
    dedupe(r.emails, [](const std::string& v) { return v; });
    dedupe(r.phones, [](const std::string& v) {
        std::string d = digitsOf(v);
        return d.empty() ? text::lower(v) : d;
    });
    dedupe(r.urls, [](const std::string& v) { return v; });

    std::vector<std::string> tags;
    std::unordered_set<std::string> seenTags;
    for (auto& t : r.tags)
        if (seenTags.insert(text::nameKey(t)).second) tags.push_back(std::move(t));
    r.tags = std::move(tags);
    return !r.fullName.empty();
}

std::string normalizeLabel(std::string_view label) {
    std::string l(label.substr(0, 257));
    csv::truncateUtf8(l, 256);
    l = text::trim(l);
    std::string_view v = l;
    if (!v.empty() && v.front() == '*') v.remove_prefix(1);  // Google marks the primary entry with '*'
    if (v.size() >= 8 && v.substr(0, 4) == "_$!<" && v.substr(v.size() - 4) == ">!$_")  // Apple's built-in labels
        v = v.substr(4, v.size() - 8);
    std::string out = text::lower(text::collapseSpaces(v));
    csv::truncateUtf8(out, 64);  // a label is a word or two, not a paragraph
    if (out == "cell" || out == "cellular" || out == "mobile phone") return "mobile";
    if (out == "business") return "work";
    return out;
}

bool isLinkedInUrl(std::string_view url) {
    std::string u = text::lower(text::trim(url.substr(0, 512)));
    std::string_view s = u;
    size_t scheme = s.find("://");
    if (scheme != std::string_view::npos) s.remove_prefix(scheme + 3);
    std::string_view host = s.substr(0, s.find_first_of("/?#:"));
    auto endsWith = [&](std::string_view suffix) {
        return host.size() >= suffix.size() && host.substr(host.size() - suffix.size()) == suffix &&
               (host.size() == suffix.size() || host[host.size() - suffix.size() - 1] == '.');
    };
    return endsWith("linkedin.com") || endsWith("lnkd.in");
}

bool isValidDate(int year, int month, int day) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return day <= days[month - 1] + (month == 2 && leap ? 1 : 0);
}

std::optional<std::string> parseBirthday(std::string_view value) {
    std::string v = text::trim(value);
    std::string_view s = v;
    s = s.substr(0, s.find('T'));
    if (s.size() >= 2 && s.substr(0, 2) == "--") {
        s.remove_prefix(2);
        int month = readNumber(s, 0, 2);
        int day = s.size() == 4 ? readNumber(s, 2, 2) : (s.size() == 5 && s[2] == '-' ? readNumber(s, 3, 2) : -1);
        if (!isValidDate(2000, month, day)) return std::nullopt;  // 2000: Feb 29 is a fine birthday
        return "--" + twoDigits(month) + "-" + twoDigits(day);
    }
    int year = readNumber(s, 0, 4), month = -1, day = -1;
    if (s.size() == 8) {
        month = readNumber(s, 4, 2);
        day = readNumber(s, 6, 2);
    } else if (s.size() == 10 && s[4] == '-' && s[7] == '-') {
        month = readNumber(s, 5, 2);
        day = readNumber(s, 8, 2);
    }
    if (!isValidDate(year, month, day)) return std::nullopt;
    return std::string(s.substr(0, 4)) + "-" + twoDigits(month) + "-" + twoDigits(day);
}

bool capField(std::string& s) {
    if (s.size() <= kMaxField) return false;
    csv::truncateUtf8(s, kMaxField);
    return true;
}

std::string headerKey(std::string_view header) {
    std::string s = text::lower(header);
    for (char& c : s)
        if (c == '_') c = ' ';
    return text::collapseSpaces(s);
}

std::string classifyCsvHeader(const std::vector<std::string>& fields) {
    for (const auto& f : contactsFormats())
        if (!f.fallback && f.header && f.header(fields)) return f.name;
    return {};
}

namespace {

// Splits at `sep` where it is not escaped by a backslash; parts keep their escapes.
std::vector<std::string_view> splitUnescaped(std::string_view s, char sep) {
    std::vector<std::string_view> parts;
    size_t start = 0;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\') {
            ++i;
        } else if (s[i] == sep) {
            parts.push_back(s.substr(start, i - start));
            start = i + 1;
        }
    }
    parts.push_back(s.substr(start));
    return parts;
}

// MECARD escapes: a backslash makes the next character literal.
std::string unescapeMeCard(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size()) ++i;
        out.push_back(s[i]);
    }
    return out;
}

size_t findUnescaped(std::string_view s, char c) {
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\') ++i;
        else if (s[i] == c) return i;
    }
    return std::string_view::npos;
}

}  // namespace

ContactRecord parseMeCardPayload(std::string_view payload, int line) {
    ContactRecord r;
    r.line = line;
    std::string_view body = payload;
    size_t colon = body.find(':');
    body.remove_prefix(colon == std::string_view::npos ? body.size() : colon + 1);  // past "MECARD:"
    for (std::string_view field : splitUnescaped(body, ';')) {
        size_t sep = findUnescaped(field, ':');
        if (sep == std::string_view::npos) continue;  // empty fields, the ";;" terminator
        std::string key = text::lower(text::trim(field.substr(0, sep)));
        std::string_view raw = field.substr(sep + 1);
        std::string value = unescapeMeCard(raw);
        if (key == "n") {
            auto parts = splitUnescaped(raw, ',');
            if (parts.size() >= 2) {
                r.familyName = unescapeMeCard(parts[0]);
                r.givenName = unescapeMeCard(parts[1]);
            } else {
                r.fullName = value;  // "N:Ana Lima" names the whole person
            }
        } else if (key == "tel" || key == "tel-av") {
            addPhone(r, value, "");
        } else if (key == "email") {
            addEmail(r, value, "");
        } else if (key == "url") {
            addUrl(r, value, "");
        } else if (key == "org") {
            r.company = value;
        } else if (key == "title") {
            r.role = value;
        } else if (key == "note") {
            r.note += (r.note.empty() ? "" : "\n") + value;
        } else if (key == "bday") {
            r.birthday = parseBirthday(value);
        }
    }
    capField(r.note);
    return r;
}

}  // namespace contacts

const std::vector<ContactsFormatInfo>& contactsFormats() {
    static const std::vector<ContactsFormatInfo> table = {
        {.name = "linkedin", .label = "LinkedIn", .expected = "LinkedIn Connections.csv", .source = "linkedin",
         .extensions = ".csv", .header = isLinkedInHeader, .parse = parseLinkedInCsv},
        {.name = "vcard", .label = "vCard", .expected = "vCard", .source = "vcard", .extensions = ".vcf .vcard",
         .sniff = sniffVCard, .parse = parseVCard},
        {.name = "google", .label = "Google Contacts", .expected = "Google Contacts CSV", .source = "google",
         .extensions = ".csv", .header = isGoogleHeader, .parse = parseGoogleCsv},
        {.name = "csv", .label = "CSV", .expected = "CSV with a header naming a name column", .source = "csv",
         .extensions = ".csv .tsv", .header = contacts::hasNameColumn, .parse = parseContactsCsv, .fallback = true},
        {.name = "mecard", .label = "MECARD", .expected = "MECARD", .source = "badge", .extensions = ".txt",
         .sniff = sniffMeCard, .parse = parseMeCard},
    };
    return table;
}

const ContactsFormatInfo* findContactsFormat(std::string_view name) {
    return format_table::find(contactsFormats(), name);
}

std::vector<std::string> contactsFormatKeys() { return format_table::keys(contactsFormats()); }

std::string contactsFormatChoices() { return format_table::joinedWithOr(contactsFormatKeys()); }

std::string contactsFormatLabels() {
    return format_table::joinedWithOr(format_table::labels(contactsFormats()));
}

namespace {

// "vCard, MECARD, LinkedIn Connections.csv, ... or CSV with a header naming a
// name column": what detection tries, in its order (sniffs, CSV headers, fallback).
std::string expectedContactsFormats() {
    std::vector<std::string> sniffed, headed, fallbacks;
    for (const auto& f : contactsFormats())
        (f.sniff ? sniffed : f.fallback ? fallbacks : headed).emplace_back(f.expected);
    sniffed.insert(sniffed.end(), headed.begin(), headed.end());
    sniffed.insert(sniffed.end(), fallbacks.begin(), fallbacks.end());
    return format_table::joinedWithOr(sniffed);
}

}  // namespace

std::string detectContactsFormat(std::string_view rawBytes, const std::string& fileName) {
    std::string converted;
    std::string_view bytes = encoding::toUtf8(rawBytes, converted, fileName);
    std::string_view body = text::stripBom(bytes);
    size_t first = body.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) throw FormatError(fileName, 0, "file is empty");
    std::string_view head = body.substr(first, 64);
    for (const auto& f : contactsFormats())
        if (f.sniff && f.sniff(head)) return f.name;
    if (format_table::hasExtension(fileName, ".vcf .vcard"))
        throw FormatError(fileName, text::lineAt(body, first), "not a vCard file (it does not start with BEGIN:VCARD)");

    // LinkedIn and Google write commas; LinkedIn puts a "Notes:" paragraph first.
    const ContactsFormatInfo* fallback = nullptr;
    for (const auto& f : contactsFormats())
        if (f.fallback && !fallback) fallback = &f;
    const bool fallbackName = fallback && format_table::hasExtension(fileName, fallback->extensions);
    try {
        csv::Reader reader(body, ',', fileName);
        csv::Record record;
        int seen = 0;
        while (seen <= contacts::kMaxPreambleRecords && reader.next(record)) {
            if (record.isBlank()) continue;
            ++seen;
            std::string f = contacts::classifyCsvHeader(record.fields);
            if (!f.empty()) return f;
        }
        // A generic CSV names its columns on its first line.
        csv::Reader generic(csv::detectLayout(body), fileName);
        while (fallback && generic.next(record)) {
            if (record.isBlank()) continue;
            if (fallback->header(record.fields)) return fallback->name;
            break;
        }
    } catch (const FormatError&) {
        if (fallbackName) return fallback->name;  // let the parser report the problem with its line
    }
    if (fallbackName) return fallback->name;
    throw FormatError(fileName, text::lineAt(body, first),
                      "unknown contacts format (expected " + expectedContactsFormats() + ")");
}

bool looksLikeContacts(std::string_view bytes, const std::string& fileName) {
    if (format_table::hasExtension(fileName, ".vcf .vcard")) return true;
    try {
        if (!findContactsFormat(detectContactsFormat(bytes, fileName))->fallback) return true;
        // A generic CSV is contacts only when it has address-book columns
        // (Thunderbird's and Outlook's exports); agendas come as CSV too.
        std::string converted;
        std::string_view body = encoding::toUtf8(bytes, converted, fileName);
        csv::Reader reader(csv::detectLayout(body), fileName);
        csv::Record header;
        while (reader.next(header))
            if (!header.isBlank()) return contacts::hasAddressBookColumn(header.fields);
        return false;
    } catch (const FormatError&) {
        return false;
    }
}

ContactsFile parseContacts(std::string_view rawBytes, const std::string& fileName, std::string_view formatName,
                           const ContactsParseOptions& options) {
    const ContactsFormatInfo* format = nullptr;
    if (formatName != "auto") {
        format = findContactsFormat(formatName);
        if (!format)
            throw std::invalid_argument("unknown contacts format '" + std::string(formatName) + "' (use " +
                                        contactsFormatChoices() + ")");
    }
    // Every parser below sees UTF-8 without a BOM, whatever the file came in.
    std::string converted;
    std::string_view bytes = encoding::toUtf8(rawBytes, converted, fileName);
    if (text::trim(bytes.substr(0, 65536)).empty() && text::trim(bytes).empty())
        throw FormatError(fileName, 0, "file is empty");
    if (text::looksBinary(bytes)) throw FormatError(fileName, 0, "binary data, not a contacts file");
    if (!format) format = findContactsFormat(detectContactsFormat(bytes, fileName));
    // Each parser checks UTF-8 itself: vCard per value after unfolding and
    // decoding (folds may split a character; CHARSET= may name Latin-1).
    ContactsFile file = format->parse(bytes, fileName, options);
    file.format = format->name;
    return file;
}

ContactRecord parseContactText(std::string_view rawPayload) {
    const std::string file = "text";
    std::string converted;
    std::string_view payload = encoding::toUtf8(rawPayload, converted, file);
    std::string trimmed = text::trim(text::stripBom(payload));
    if (trimmed.empty()) throw FormatError(file, 0, "empty payload");
    if (text::looksBinary(trimmed)) throw FormatError(file, 0, "binary data, not a contact payload");
    // vCard checks UTF-8 per value after unfolding (a fold may split a character).
    if (contacts::startsWithNoCase(trimmed, "begin:vcard")) {
        ContactsFile cards = parseVCard(trimmed, file);
        if (cards.contacts.size() != 1)
            throw FormatError(file, 0,
                              "payload holds " + std::to_string(cards.contacts.size()) + " vCards; expected one");
        return std::move(cards.contacts.front());
    }
    if (!text::isValidUtf8(trimmed)) throw FormatError(file, 0, "payload is not valid UTF-8");
    if (contacts::startsWithNoCase(trimmed, "mecard:")) {
        if (trimmed.size() > contacts::kMaxField) throw FormatError(file, 0, "MECARD payload is longer than 1 MiB");
        ContactRecord r = contacts::parseMeCardPayload(trimmed, 1);
        if (!contacts::finishRecord(r)) throw FormatError(file, 0, "MECARD has no name (N:)");
        return r;
    }
    throw FormatError(file, 0, "not a vCard or MECARD payload (expected BEGIN:VCARD or MECARD:)");
}

}  // namespace hallway
