// Indico's JSON export of an event with its contributions.
// Its row is in agendaFormats() (agenda.cpp); the import reaches it there.
#pragma once
#include <string>
#include <string_view>

#include "formats/agenda.h"

namespace hallway {

// JSON with "results" and "contributions" or "_type". `head` as AgendaFormatInfo::sniff gets it.
bool sniffIndico(std::string_view head);
Agenda parseIndico(std::string_view bytes, const std::string& fileName, const AgendaParseOptions& options);

}  // namespace hallway
