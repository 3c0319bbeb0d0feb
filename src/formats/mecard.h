// Files of MECARD badge payloads, one "MECARD:N:Lima,Ana;EMAIL:...;;" per
// line. Its row is in contactsFormats() (contacts.cpp).
#pragma once
#include <string>
#include <string_view>

#include "formats/contacts.h"

namespace hallway {

// Starts with MECARD: (any case). `head` as ContactsFormatInfo::sniff gets it.
bool sniffMeCard(std::string_view head);
ContactsFile parseMeCard(std::string_view bytes, const std::string& fileName, const ContactsParseOptions& options = {});

}  // namespace hallway
