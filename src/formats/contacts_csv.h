// Contact CSVs: LinkedIn's Connections.csv, Google Contacts and generic CSV
// with a header row. Their rows are in contactsFormats() (contacts.cpp).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "formats/contacts.h"

namespace hallway {

// LinkedIn's header: First Name, Last Name, URL, Company, Position, Connected On.
bool isLinkedInHeader(const std::vector<std::string>& fields);
// Google's old ("Given Name", "E-mail 1 - Type") or new ("First Name",
// "Middle Name", "Labels") header.
bool isGoogleHeader(const std::vector<std::string>& fields);

ContactsFile parseLinkedInCsv(std::string_view bytes, const std::string& fileName,
                              const ContactsParseOptions& options = {});
ContactsFile parseGoogleCsv(std::string_view bytes, const std::string& fileName,
                            const ContactsParseOptions& options = {});
ContactsFile parseContactsCsv(std::string_view bytes, const std::string& fileName, const ContactsParseOptions& options);

}  // namespace hallway
