// Contact CSVs: LinkedIn's Connections.csv, Google Contacts exports (the old
// "Given Name / E-mail 1 - Type" header and the new "First Name / E-mail 1 -
// Label" one) and generic CSV with a header row. All read through csv::Reader.
#include "formats/contacts_csv.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <map>
#include <optional>
#include <set>

#include "core/text.h"
#include "formats/contacts_common.h"
#include "formats/csv.h"
#include "formats/people_export.h"

namespace hallway {
namespace contacts {
namespace {

enum Field { Name, FirstName, LastName, Company, Role, Email, Phone, Url, Tags, NoteField, FieldCount };

constexpr std::array<const char*, FieldCount> kFieldNames = {
    "name", "first_name", "last_name", "company", "role", "email", "phone", "url", "tags", "note"};

// Header spellings, compared after genericKey().
const std::vector<std::pair<const char*, Field>>& synonyms() {
    static const std::vector<std::pair<const char*, Field>> list = {
        {"name", Name}, {"full name", Name}, {"fullname", Name}, {"display name", Name}, {"contact", Name},
        {"contact name", Name}, {"first name", FirstName}, {"firstname", FirstName}, {"given name", FirstName},
        {"forename", FirstName}, {"last name", LastName}, {"lastname", LastName}, {"surname", LastName},
        {"family name", LastName}, {"company", Company}, {"company name", Company}, {"organization", Company},
        {"organisation", Company}, {"organization name", Company}, {"org", Company}, {"employer", Company},
        {"role", Role}, {"title", Role}, {"job title", Role}, {"jobtitle", Role}, {"position", Role},
        {"job", Role}, {"occupation", Role}, {"email", Email}, {"e mail", Email}, {"emails", Email},
        {"email address", Email}, {"e mail address", Email}, {"mail", Email}, {"work email", Email},
        {"home email", Email}, {"e mail 2 address", Email}, {"e mail 3 address", Email}, {"phone", Phone},
        {"phones", Phone}, {"mobile", Phone}, {"tel", Phone}, {"telephone", Phone}, {"phone number", Phone},
        {"mobile phone", Phone}, {"cell", Phone}, {"cell phone", Phone}, {"work phone", Phone},
        {"business phone", Phone}, {"home phone", Phone}, {"url", Url}, {"website", Url}, {"web site", Url},
        {"web page", Url}, {"homepage", Url}, {"linkedin", Url}, {"linkedin url", Url},
        {"linkedin profile", Url}, {"profile url", Url}, {"tags", Tags}, {"tag", Tags}, {"labels", Tags},
        {"categories", Tags}, {"groups", Tags}, {"note", NoteField}, {"notes", NoteField}, {"comment", NoteField},
        {"comments", NoteField},
        // Thunderbird's address book export.
        {"primary email", Email}, {"secondary email", Email}, {"mobile number", Phone},
        {"web page 1", Url}, {"web page 2", Url},
        // Outlook's (and Google's "Outlook CSV"): numbered second phones.
        {"business phone 2", Phone}, {"home phone 2", Phone},
        // Hallway's own export.
        {"urls", Url}, {"how met", NoteField}};
    return list;
}

// Columns only address books write, never agendas: Thunderbird's and Outlook's exports.
bool isAddressBookKey(const std::string& key) {
    return key == "primary email" || key == "secondary email" || key == "e mail address" ||
           key == "e mail 2 address" || key == "business phone" || key == "mobile number";
}

// The ' an export put before a would-be formula (csvCell) comes off.
std::string withoutNeutraliser(std::string v) {
    if (v.size() > 1 && v[0] == '\'' && csvNeedsNeutralising(std::string_view(v).substr(1))) v.erase(0, 1);
    return v;
}

// headerKey() with '-' read as a space: "E-Mail" and "e mail" match.
std::string genericKey(std::string_view header) {
    std::string s = headerKey(header);
    for (char& c : s)
        if (c == '-') c = ' ';
    return text::collapseSpaces(s);
}

std::optional<Field> fieldFromHeader(const std::string& key) {
    for (const auto& [name, field] : synonyms())
        if (key == name) return field;
    return std::nullopt;
}

std::optional<Field> fieldFromName(std::string_view name) {
    for (int f = 0; f < FieldCount; ++f)
        if (name == kFieldNames[size_t(f)]) return Field(f);
    return std::nullopt;
}

bool isMultiValued(Field f) { return f == Email || f == Phone || f == Url || f == Tags; }

// Splits a cell at any of `seps` and at Google's " ::: "; trimmed, non-empty parts.
std::vector<std::string> splitCell(std::string_view cell, std::string_view seps) {
    std::vector<std::string> out;
    size_t start = 0;
    auto emit = [&](size_t end) {
        std::string part = text::trim(cell.substr(start, end - start));
        if (!part.empty()) out.push_back(std::move(part));
    };
    for (size_t i = 0; i < cell.size(); ++i) {
        if (cell.compare(i, 5, " ::: ") == 0) {
            emit(i);
            i += 4;
            start = i + 1;
        } else if (seps.find(cell[i]) != std::string_view::npos) {
            emit(i);
            start = i + 1;
        }
    }
    emit(cell.size());
    return out;
}

std::string headerList(const std::vector<std::string>& headers) {
    std::string found;
    for (size_t i = 0; i < headers.size() && i < 30; ++i) {
        std::string h = headers[i].substr(0, 60);
        csv::truncateUtf8(h, 60);
        found += (i ? ", " : "") + h;
    }
    if (headers.size() > 30) found += ", ...";
    return found;
}

std::string quoted(std::string_view s) {
    std::string q(s.substr(0, 64));
    csv::truncateUtf8(q, 60);
    return "'" + q + (s.size() > q.size() ? "...'" : "'");
}

// A header row read, and the reader positioned after it.
struct Table {
    csv::Record header;
    std::vector<std::string> headers;  // as written, spaces collapsed
    std::map<std::string, size_t> byKey;  // headerKey -> first column with it

    static constexpr size_t kAbsent = size_t(-1);

    std::string cell(const csv::Record& r, const std::string& key) const { return cellAt(r, column(key)); }
    // For per-row loops: look the column up once, read it by index.
    size_t column(const std::string& key) const {
        auto found = byKey.find(key);
        return found == byKey.end() ? kAbsent : found->second;
    }
    static std::string cellAt(const csv::Record& r, size_t column) {
        if (column >= r.fields.size()) return {};
        return withoutNeutraliser(text::trim(r.fields[column]));
    }
    bool has(const std::string& key) const { return byKey.count(key) > 0; }
};

void readHeader(Table& t, csv::Reader& reader) {
    for (const auto& h : t.header.fields) t.headers.push_back(text::collapseSpaces(h));
    for (size_t i = 0; i < t.headers.size(); ++i) t.byKey.emplace(headerKey(t.headers[i]), i);
    reader.limitToHeader(t.header.fields.size());
}

// Skips up to kMaxPreambleRecords non-blank records until a header of the
// format keyed `want` (and of no format before it in the table) comes.
bool findHeader(csv::Reader& reader, Table& t, std::string_view want) {
    int seen = 0;
    while (seen <= kMaxPreambleRecords && reader.next(t.header)) {
        if (t.header.isBlank()) continue;
        ++seen;
        if (classifyCsvHeader(t.header.fields) == want) {
            readHeader(t, reader);
            return true;
        }
    }
    return false;
}

void warnTruncated(Diagnostics& diag, const Table& t, const csv::Record& r) {
    for (size_t i : r.truncated)
        diag.warn(r.line, "column " + quoted(i < t.headers.size() ? t.headers[i] : std::to_string(i + 1)) +
                              " is longer than 1 MiB; truncated");
}

int monthFromName(std::string_view name) {
    static const char* months[] = {"january", "february", "march",     "april",   "may",      "june",
                                   "july",    "august",   "september", "october", "november", "december"};
    std::string n = text::lower(name);
    if (n.size() < 3) return 0;
    for (int m = 0; m < 12; ++m) {
        std::string_view full = months[m];
        if (n == full || (n.size() == 3 && full.substr(0, 3) == n) || (n == "sept" && m == 8)) return m + 1;
    }
    return 0;
}

// LinkedIn writes "12 Mar 2024"; a spreadsheet round trip gives "12-Mar-24".
// ISO dates are read too. Slashed dates are day/month ambiguous: not guessed.
std::optional<std::string> parseLinkedInDate(std::string_view value) {
    std::string v = text::trim(value);
    if (auto iso = parseBirthday(v); iso && iso->size() == 10 && v.size() == 10) return iso;
    size_t i = 0;
    int day = 0;
    while (i < v.size() && i < 2 && v[i] >= '0' && v[i] <= '9') day = day * 10 + (v[i++] - '0');
    if (i == 0 || i >= v.size() || (v[i] != ' ' && v[i] != '-')) return std::nullopt;
    char sep = v[i++];
    size_t monthStart = i;
    while (i < v.size() && std::isalpha((unsigned char)v[i])) ++i;
    int month = monthFromName(std::string_view(v).substr(monthStart, i - monthStart));
    if (month == 0 || i >= v.size() || v[i] != sep) return std::nullopt;
    ++i;
    size_t yearStart = i;
    int year = 0;
    while (i < v.size() && v[i] >= '0' && v[i] <= '9' && i - yearStart < 4) year = year * 10 + (v[i++] - '0');
    size_t digits = i - yearStart;
    if (i != v.size() || (digits != 2 && digits != 4)) return std::nullopt;
    if (digits == 2) year += 2000;  // LinkedIn started in 2003
    if (!isValidDate(year, month, day)) return std::nullopt;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return std::string(buf);
}

const char* kLinkedInHeader = "First Name,Last Name,URL,Email Address,Company,Position,Connected On";

// "Labels"/"Group Membership": Google's system group is not a tag, and its
// '*' marks system groups ("* starred").
void addGoogleTags(ContactRecord& r, std::string_view cell) {
    for (auto& label : splitCell(cell, "")) {
        std::string key = text::lower(label);
        key.erase(std::remove(key.begin(), key.end(), ' '), key.end());
        if (key == "*mycontacts") continue;
        std::string_view t = label;
        if (!t.empty() && t.front() == '*') t.remove_prefix(1);
        addTag(r, t);
    }
}

struct NumberedColumn {
    int number = 0;
    int label = -1;
    int value = -1;
};

// Google's "E-mail 2 - Label" / "E-mail 2 - Value" pairs for one kind, in number order.
std::vector<NumberedColumn> numberedColumns(const Table& t, std::string_view kind) {
    std::map<int, NumberedColumn> byNumber;
    for (size_t i = 0; i < t.headers.size(); ++i) {
        std::string key = headerKey(t.headers[i]);
        if (key.size() <= kind.size() + 1 || key.compare(0, kind.size(), kind) != 0 || key[kind.size()] != ' ')
            continue;
        size_t p = kind.size() + 1;
        int n = 0;
        size_t start = p;
        while (p < key.size() && p - start < 4 && key[p] >= '0' && key[p] <= '9') n = n * 10 + (key[p++] - '0');
        if (p == start || key.compare(p, 3, " - ") != 0) continue;
        std::string attr = key.substr(p + 3);
        NumberedColumn& c = byNumber[n];
        c.number = n;
        if (attr == "value") c.value = int(i);
        else if (attr == "type" || attr == "label") c.label = int(i);
    }
    std::vector<NumberedColumn> out;
    for (auto& [n, c] : byNumber)
        if (c.value >= 0) out.push_back(c);
    return out;
}

std::string cellAt(const csv::Record& r, int column) {
    if (column < 0 || size_t(column) >= r.fields.size()) return {};
    return withoutNeutraliser(text::trim(r.fields[size_t(column)]));
}

std::string firstOf(const Table& t, const csv::Record& r, std::initializer_list<const char*> keys) {
    for (const char* k : keys)
        if (t.has(k)) return t.cell(r, k);
    return {};
}

}  // namespace

bool hasAddressBookColumn(const std::vector<std::string>& fields) {
    for (const auto& f : fields)
        if (isAddressBookKey(genericKey(f.substr(0, 100)))) return true;
    return false;
}

bool hasNameColumn(const std::vector<std::string>& fields) {
    for (const auto& f : fields) {
        auto field = fieldFromHeader(genericKey(f.substr(0, 100)));
        if (field && (*field == Name || *field == FirstName || *field == LastName)) return true;
    }
    return false;
}

}  // namespace contacts

using namespace contacts;

namespace {
std::set<std::string> headerKeys(const std::vector<std::string>& fields) {
    std::set<std::string> keys;
    for (const auto& f : fields) keys.insert(headerKey(f.substr(0, 100)));
    return keys;
}
}  // namespace

bool isLinkedInHeader(const std::vector<std::string>& fields) {
    const std::set<std::string> keys = headerKeys(fields);
    auto has = [&](const char* k) { return keys.count(k) > 0; };
    return has("first name") && has("last name") && has("url") && has("company") && has("position") &&
           has("connected on");
}

bool isGoogleHeader(const std::vector<std::string>& fields) {
    const std::set<std::string> keys = headerKeys(fields);
    auto has = [&](const char* k) { return keys.count(k) > 0; };
    bool numbered = false;  // Google's "E-mail 1 - Value" style columns
    for (const auto& k : keys)
        for (const char* prefix : {"e-mail 1 - ", "phone 1 - ", "website 1 - ", "organization 1 - "})
            if (k.rfind(prefix, 0) == 0) numbered = true;
    bool oldNames = has("given name") && has("family name");
    bool newNames = has("first name") && has("last name");
    if ((oldNames || newNames) && numbered) return true;
    if (oldNames && has("group membership")) return true;
    return newNames && has("middle name") && has("labels") && has("organization name");
}

ContactsFile parseLinkedInCsv(std::string_view bytes, const std::string& fileName, const ContactsParseOptions&) {
    requireUtf8(bytes, fileName);
    ContactsFile out;
    Diagnostics diag(out, fileName);
    csv::Reader reader(text::stripBom(bytes), ',', fileName);
    Table t;
    if (!findHeader(reader, t, "linkedin"))
        throw FormatError(fileName, 0,
                          std::string("no LinkedIn header (") + kLinkedInHeader + ") in the first lines");
    const size_t first = t.column("first name"), last = t.column("last name"), url = t.column("url"),
                 email = t.column("email address"), company = t.column("company"), position = t.column("position"),
                 connectedOn = t.column("connected on");
    out.contacts.reserve(std::min<size_t>(size_t(std::count(bytes.begin(), bytes.end(), '\n')), kMaxRecords));
    csv::Record r;
    while (reader.next(r)) {
        if (r.isBlank()) continue;
        diag.countRecord(r.line);
        warnTruncated(diag, t, r);
        ContactRecord c;
        c.line = r.line;
        c.givenName = Table::cellAt(r, first);
        c.familyName = Table::cellAt(r, last);
        if (c.givenName.empty() && c.familyName.empty()) {
            diag.skip(r.line, "row has no first or last name");
            continue;
        }
        addUrl(c, Table::cellAt(r, url), "linkedin");
        for (auto& e : splitCell(Table::cellAt(r, email), ";,")) addEmail(c, e, "");
        c.company = Table::cellAt(r, company);
        c.role = Table::cellAt(r, position);
        std::string connected = Table::cellAt(r, connectedOn);
        if (!connected.empty()) {
            c.connectedOn = parseLinkedInDate(connected);
            if (!c.connectedOn)
                diag.warn(r.line, "Connected On " + quoted(connected) + " is not a date (expected 12 Mar 2024); ignored");
        }
        finishRecord(c);
        out.contacts.push_back(std::move(c));
    }
    diag.finish();
    return out;
}

ContactsFile parseGoogleCsv(std::string_view bytes, const std::string& fileName, const ContactsParseOptions&) {
    requireUtf8(bytes, fileName);
    ContactsFile out;
    Diagnostics diag(out, fileName);
    csv::Reader reader(text::stripBom(bytes), ',', fileName);
    Table t;
    if (!findHeader(reader, t, "google"))
        throw FormatError(fileName, 0,
                          "no Google Contacts header (Name, Given Name, ... E-mail 1 - Value or First Name, "
                          "Middle Name, Last Name, ... Labels) in the first lines");
    auto emails = numberedColumns(t, "e-mail");
    auto phones = numberedColumns(t, "phone");
    auto sites = numberedColumns(t, "website");
    csv::Record r;
    while (reader.next(r)) {
        if (r.isBlank()) continue;
        diag.countRecord(r.line);
        warnTruncated(diag, t, r);
        ContactRecord c;
        c.line = r.line;
        c.givenName = firstOf(t, r, {"given name", "first name"});
        c.familyName = firstOf(t, r, {"family name", "last name"});
        c.fullName = t.cell(r, "name");
        if (c.fullName.empty())
            c.fullName = text::collapseSpaces(c.givenName + " " + firstOf(t, r, {"additional name", "middle name"}) +
                                              " " + c.familyName);
        c.company = firstOf(t, r, {"organization name", "organization 1 - name"});
        c.role = firstOf(t, r, {"organization title", "organization 1 - title"});
        c.note = t.cell(r, "notes");
        for (const auto& col : emails)
            for (auto& e : splitCell(cellAt(r, col.value), "")) addEmail(c, e, cellAt(r, col.label));
        for (const auto& col : phones)
            for (auto& p : splitCell(cellAt(r, col.value), "")) addPhone(c, p, cellAt(r, col.label));
        for (const auto& col : sites)
            for (auto& u : splitCell(cellAt(r, col.value), "")) addUrl(c, u, cellAt(r, col.label));
        addGoogleTags(c, firstOf(t, r, {"labels", "group membership"}));
        std::string birthday = t.cell(r, "birthday");
        if (!birthday.empty()) {
            c.birthday = parseBirthday(birthday);
            if (!c.birthday) diag.warn(r.line, "Birthday " + quoted(birthday) + " is not a date; ignored");
        }
        if (!finishRecord(c)) {
            diag.skip(r.line, "row has no name");
            continue;
        }
        out.contacts.push_back(std::move(c));
    }
    diag.finish();
    return out;
}

ContactsFile parseContactsCsv(std::string_view bytes, const std::string& fileName, const ContactsParseOptions& options) {
    requireUtf8(bytes, fileName);
    ContactsFile out;
    Diagnostics diag(out, fileName);

    // The user's map is checked before the file, so a typo fails fast.
    std::map<std::string, std::pair<std::string, Field>> userMap;  // genericKey -> (as given, field)
    for (const auto& [from, to] : options.csvColumns) {
        auto field = fieldFromName(text::lower(text::trim(to)));
        if (!field) {
            std::string known;
            for (auto name : kFieldNames) known += std::string(known.empty() ? "" : ", ") + name;
            throw FormatError(fileName, 0,
                              "column map: '" + from + "' maps to unknown field '" + to + "' (use one of: " + known + ")");
        }
        userMap[genericKey(from)] = {from, *field};
    }

    csv::Reader reader(csv::detectLayout(text::stripBom(bytes)), fileName);
    Table t;
    bool haveHeader = false;
    while (reader.next(t.header))
        if (!t.header.isBlank()) {
            haveHeader = true;
            break;
        }
    if (!haveHeader) throw FormatError(fileName, 0, "no contacts found");
    readHeader(t, reader);
    int headerLine = t.header.line;

    // Columns per field; multi-valued fields may take several.
    std::array<std::vector<size_t>, FieldCount> columns;
    std::vector<std::string> labels(t.headers.size());  // "work" for a "Work Email" column
    std::vector<bool> used(t.headers.size(), false);
    auto assign = [&](Field f, size_t column) {
        if (!columns[f].empty() && !isMultiValued(f)) {
            diag.warn(headerLine, "columns " + quoted(t.headers[columns[f][0]]) + " and " + quoted(t.headers[column]) +
                                      " both read as " + kFieldNames[f] + "; using " + quoted(t.headers[columns[f][0]]));
            return;
        }
        columns[f].push_back(column);
    };
    for (const auto& [key, entry] : userMap) {
        bool found = false;
        for (size_t i = 0; i < t.headers.size(); ++i) {
            if (genericKey(t.headers[i]) != key) continue;
            found = used[i] = true;
            assign(entry.second, i);
        }
        if (!found) diag.warn(headerLine, "column map names " + quoted(entry.first) + ", which the header does not have");
    }
    // Outlook writes the honorific ("Dr.") as "Title" beside "Job Title";
    // with both, "Title" is not the role.
    bool haveJobTitle = std::any_of(t.headers.begin(), t.headers.end(), [](const std::string& h) {
        std::string k = genericKey(h);
        return k == "job title" || k == "jobtitle";
    });
    std::string ignored;
    for (size_t i = 0; i < t.headers.size(); ++i) {
        if (used[i] || t.headers[i].empty()) continue;
        std::string key = genericKey(t.headers[i]);
        if (haveJobTitle && key == "title") {
            ignored += (ignored.empty() ? "" : ", ") + quoted(t.headers[i]);
            continue;
        }
        if (auto f = fieldFromHeader(key)) {
            assign(*f, i);
            if (key.find("linkedin") != std::string::npos) labels[i] = "linkedin";
            else if (key.find("work") != std::string::npos || key.find("business") != std::string::npos) labels[i] = "work";
            else if (key.find("home") != std::string::npos) labels[i] = "home";
            else if (key.find("mobile") != std::string::npos || key.find("cell") != std::string::npos) labels[i] = "mobile";
        } else {
            ignored += (ignored.empty() ? "" : ", ") + quoted(t.headers[i]);
        }
    }
    if (!ignored.empty()) diag.warn(headerLine, "ignored columns: " + ignored);
    if (columns[Name].empty() && columns[FirstName].empty() && columns[LastName].empty())
        throw FormatError(fileName, headerLine,
                          "missing a name column: need 'name', or 'first name' and 'last name' (header has: " +
                              headerList(t.headers) + ")");

    auto one = [&](const csv::Record& r, Field f) {
        return columns[f].empty() ? std::string() : cellAt(r, int(columns[f][0]));
    };
    csv::Record r;
    while (reader.next(r)) {
        if (r.isBlank()) continue;
        diag.countRecord(r.line);
        warnTruncated(diag, t, r);
        ContactRecord c;
        c.line = r.line;
        c.fullName = one(r, Name);
        c.givenName = one(r, FirstName);
        c.familyName = one(r, LastName);
        c.company = one(r, Company);
        c.role = one(r, Role);
        c.note = one(r, NoteField);
        for (size_t col : columns[Email])
            for (auto& e : splitCell(cellAt(r, int(col)), ";,\n")) addEmail(c, e, labels[col]);
        for (size_t col : columns[Phone])
            for (auto& p : splitCell(cellAt(r, int(col)), ";\n")) addPhone(c, p, labels[col]);
        for (size_t col : columns[Url])
            for (auto& u : splitCell(cellAt(r, int(col)), ";\n")) addUrl(c, u, labels[col]);
        for (size_t col : columns[Tags])
            for (auto& tag : splitCell(cellAt(r, int(col)), ",;\n")) addTag(c, tag);
        if (!finishRecord(c)) {
            diag.skip(r.line, "row has no name");
            continue;
        }
        out.contacts.push_back(std::move(c));
    }
    diag.finish();
    return out;
}

}  // namespace hallway
