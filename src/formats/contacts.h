// Contact parsers: LinkedIn's Connections.csv, vCard 2.1/3.0/4.0, Google
// Contacts CSV, generic CSV and MECARD badge payloads. Bytes in, records out;
// they never touch the database (the people service writes them).
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "formats/agenda.h"  // FormatError, CsvColumnMap

namespace hallway {

// The formats: one row each in contactsFormats() (contacts.cpp), named by
// their key ("linkedin", "vcard", ...), which --format takes and
// ContactsFile::format holds.
struct ContactsFormatInfo;
// The row of that key; nullptr when no format has it ("auto" included).
const ContactsFormatInfo* findContactsFormat(std::string_view name);
// "auto" and every key, in table order: what --format accepts.
std::vector<std::string> contactsFormatKeys();
// "auto, linkedin, ... or mecard": the choices for --format, in table order.
std::string contactsFormatChoices();
// "LinkedIn, vCard, ... or MECARD": every label, for help.
std::string contactsFormatLabels();

struct ContactPoint {
    std::string value;  // email address, phone number or URL, trimmed
    std::string label;  // "work", "home", "linkedin", ... lower-case; may be empty
};

struct ContactRecord {
    int line = 0;  // 1-based line where the record starts
    std::string fullName;    // never empty after parsing (built from parts if needed)
    std::string givenName;
    std::string familyName;
    std::string company;
    std::string role;        // job title / position
    // Points keep file order, except that vCard's preferred ones (PREF=1,
    // TYPE=pref) come first. A label may join several words: "work,mobile".
    std::vector<ContactPoint> emails;  // lower-cased, deduplicated
    std::vector<ContactPoint> phones;
    std::vector<ContactPoint> urls;    // a LinkedIn profile URL gets label "linkedin"
    std::vector<std::string> tags;     // vCard CATEGORIES, Google "Labels"/"Group Membership"
    std::string note;
    std::optional<std::string> connectedOn;  // YYYY-MM-DD (LinkedIn "Connected On")
    std::optional<std::string> birthday;     // YYYY-MM-DD or --MM-DD
};

struct ContactsFile {
    std::string format;  // the key of its row in contactsFormats(), set by parseContacts
    std::vector<ContactRecord> contacts;
    std::vector<std::string> warnings;  // "line N: what" for skipped or odd records
};

struct ContactsParseOptions {
    // Generic CSV: header (case-insensitive) -> one of: name, first_name,
    // last_name, company, role, email, phone, url, tags, note.
    CsvColumnMap csvColumns;
};

// Content first, extension second; returns the format's key. Throws
// FormatError when nothing fits.
std::string detectContactsFormat(std::string_view bytes, const std::string& fileName);

// True when the file is unmistakably contacts: vCard (content or a .vcf/.vcard
// name), MECARD, or LinkedIn's or Google's CSV header. A file dropped on the
// app goes to the contacts importer then; a generic CSV is not claimed, since
// agendas come as CSV too.
bool looksLikeContacts(std::string_view bytes, const std::string& fileName);

// Rejects empty, binary and non-UTF-8 input (naming the line), then parses
// with the format of key `format`, detecting it when "auto";
// std::invalid_argument for an unknown key.
ContactsFile parseContacts(std::string_view bytes, const std::string& fileName, std::string_view format,
                           const ContactsParseOptions& options = {});

// One row per contacts format: detection, dispatch, the CLI's --format
// choices, its help and shell completion, the app's and the people table's
// names for it all come from here. Adding a format is a row plus its files
// (its parser and its sniff or header test, declared in its own header).
struct ContactsFormatInfo {
    const char* name;        // its key: what --format takes and ContactsFile::format holds
    const char* label;       // for messages: "Google Contacts"
    const char* expected;    // in "unknown contacts format (expected ...)": "Google Contacts CSV"
    const char* source;      // Person::source of the people it brings: "google", "badge"
    const char* extensions;  // typical file names, space-separated: ".vcf .vcard"
    // True when the trimmed start of the text (at most 64 bytes) is this
    // format: for formats that announce themselves (BEGIN:VCARD). Null for CSVs.
    bool (*sniff)(std::string_view head) = nullptr;
    // True when a CSV record is this format's header row. Null for the others.
    bool (*header)(const std::vector<std::string>& fields) = nullptr;
    ContactsFile (*parse)(std::string_view bytes, const std::string& fileName, const ContactsParseOptions& options);
    // Tried after every other format: its header test on the first record, or
    // its extensions (generic CSV).
    bool fallback = false;
};
// In detection order within each test: sniffs, then CSV headers, then fallbacks.
const std::vector<ContactsFormatInfo>& contactsFormats();

// A badge QR payload: one vCard or a "MECARD:N:Lima,Ana;EMAIL:ana@x.org;;" text.
// Throws FormatError (file name "text") when it is neither.
ContactRecord parseContactText(std::string_view payload);

}  // namespace hallway
