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

enum class ContactsFormat { Auto, LinkedIn, VCard, GoogleCsv, Csv, MeCard };

// "auto", "linkedin", "vcard", "google", "csv", "mecard".
const char* contactsFormatName(ContactsFormat format);
// Inverse; throws std::invalid_argument naming the choices.
ContactsFormat contactsFormatFromName(std::string_view name);

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
    ContactsFormat format = ContactsFormat::Auto;
    std::vector<ContactRecord> contacts;
    std::vector<std::string> warnings;  // "line N: what" for skipped or odd records
};

struct ContactsParseOptions {
    // Generic CSV: header (case-insensitive) -> one of: name, first_name,
    // last_name, company, role, email, phone, url, tags, note.
    CsvColumnMap csvColumns;
};

// Content first, extension second. Throws FormatError when nothing fits.
ContactsFormat detectContactsFormat(std::string_view bytes, const std::string& fileName);

// True when the file is unmistakably contacts: vCard (content or a .vcf/.vcard
// name), MECARD, or LinkedIn's or Google's CSV header. A file dropped on the
// app goes to the contacts importer then; a generic CSV is not claimed, since
// agendas come as CSV too.
bool looksLikeContacts(std::string_view bytes, const std::string& fileName);

// Rejects empty, binary and non-UTF-8 input (naming the line), then parses.
ContactsFile parseContacts(std::string_view bytes, const std::string& fileName, ContactsFormat format,
                           const ContactsParseOptions& options = {});

ContactsFile parseLinkedInCsv(std::string_view bytes, const std::string& fileName);
ContactsFile parseVCard(std::string_view bytes, const std::string& fileName);
ContactsFile parseGoogleCsv(std::string_view bytes, const std::string& fileName);
ContactsFile parseContactsCsv(std::string_view bytes, const std::string& fileName, const ContactsParseOptions& options);

// A badge QR payload: one vCard or a "MECARD:N:Lima,Ana;EMAIL:ana@x.org;;" text.
// Throws FormatError (file name "text") when it is neither.
ContactRecord parseContactText(std::string_view payload);

}  // namespace hallway
