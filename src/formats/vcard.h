// vCard 2.1, 3.0 and 4.0 contact files. Its row is in contactsFormats()
// (contacts.cpp); imports reach it there.
#pragma once
#include <string>
#include <string_view>

#include "formats/contacts.h"

namespace hallway {

// Starts with BEGIN:VCARD (any case). `head` as ContactsFormatInfo::sniff gets it.
bool sniffVCard(std::string_view head);
ContactsFile parseVCard(std::string_view bytes, const std::string& fileName, const ContactsParseOptions& options = {});

}  // namespace hallway
