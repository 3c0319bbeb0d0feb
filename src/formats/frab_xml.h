// Pentabarf / frab schedule XML (FOSDEM, CCC, DebConf/wafer, pretalx).
// Its row is in agendaFormats() (agenda.cpp); the import reaches it there.
#pragma once
#include <string>
#include <string_view>

#include "formats/agenda.h"

namespace hallway {

// A <schedule> or <conference> document. `head` as AgendaFormatInfo::sniff gets it.
bool sniffFrabXml(std::string_view head);
Agenda parseFrabXml(std::string_view bytes, const std::string& fileName, const AgendaParseOptions& options);

}  // namespace hallway
