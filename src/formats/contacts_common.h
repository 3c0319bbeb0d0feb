// Helpers shared by the contact parsers (contacts.cpp, vcard.cpp,
// contacts_csv.cpp). Not part of the public interface in contacts.h.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "formats/contacts.h"

namespace hallway::contacts {

// More records than this in one file is an error, not an address book.
constexpr size_t kMaxRecords = 100000;
constexpr size_t kMaxWarnings = 200;
// Fields longer than this are cut (on a UTF-8 boundary) with a warning.
constexpr size_t kMaxField = size_t(1) << 20;

// Collects "line N: what" warnings, showing the first kMaxWarnings and
// counting the rest; remembers the first skipped record for the final error.
class Diagnostics {
public:
    Diagnostics(ContactsFile& out, const std::string& fileName) : m_out(out), m_file(fileName) {}

    void warn(int line, const std::string& what);
    void skip(int line, const std::string& why);  // warns "why; skipped"

    // Counts one more record; throws FormatError at `line` past kMaxRecords.
    void countRecord(int line);

    // Throws when nothing was kept, appends the "more warnings" summary.
    void finish();

private:
    ContactsFile& m_out;
    const std::string& m_file;
    size_t m_warnings = 0;
    size_t m_records = 0;
    std::string m_firstSkip;
};

// Throws FormatError naming the first line that is not UTF-8 (formats/agenda.h).
using hallway::requireUtf8;

// Values are trimmed; empty ones are ignored. Duplicates are removed later.
void addEmail(ContactRecord& r, std::string_view value, std::string_view label);
void addPhone(ContactRecord& r, std::string_view value, std::string_view label);
void addUrl(ContactRecord& r, std::string_view value, std::string_view label);
void addTag(ContactRecord& r, std::string_view tag);

// Lower-cases emails, dedupes emails (case-insensitively), phones (on their
// digits), URLs and tags, collapses spaces in names and builds fullName from
// the parts when it is missing. False when the record has no name at all.
bool finishRecord(ContactRecord& r);

// Label words as exporters write them ("* Work", "CELL", "_$!<Home>!$_") to
// one lower-case word ("work", "mobile", "home").
std::string normalizeLabel(std::string_view label);

// A URL whose host is linkedin.com.
bool isLinkedInUrl(std::string_view url);

// Birthdays: "1985-04-12", "19850412", "--04-12", "--0412", optionally with a
// time after 'T'. Returns "YYYY-MM-DD" or "--MM-DD"; nullopt when malformed.
std::optional<std::string> parseBirthday(std::string_view value);

// Valid calendar date (Gregorian, leap years included).
bool isValidDate(int year, int month, int day);

// Cuts to kMaxField at a character boundary; true when it had to.
bool capField(std::string& s);

// The key of the format whose header test (ContactsFormatInfo::header) the
// record passes first, fallbacks aside; empty when none does (callers decide
// whether it is a generic CSV).
std::string classifyCsvHeader(const std::vector<std::string>& fields);

// True when a header has a column only address books write (Thunderbird's
// "Primary Email", Outlook's "E-mail Address", ...), so the file is contacts.
bool hasAddressBookColumn(const std::vector<std::string>& fields);

// True when a header has a column the generic CSV parser reads as a name.
bool hasNameColumn(const std::vector<std::string>& fields);

// True when `s` starts with `prefix`, ASCII case ignored ("BEGIN:VCARD").
bool startsWithNoCase(std::string_view s, std::string_view prefix);

// A header cell compared loosely: lower-case, '_' as space, spaces collapsed.
std::string headerKey(std::string_view header);

// LinkedIn may put up to this many records (a "Notes:" paragraph) before the header.
constexpr int kMaxPreambleRecords = 10;

// MECARD payload to a record (name not checked). `line` goes into the record.
ContactRecord parseMeCardPayload(std::string_view payload, int line);

}  // namespace hallway::contacts
