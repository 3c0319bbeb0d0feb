// Sessionize exports ("All data", "Schedule grid", "Sessions").
// Its row is in agendaFormats() (agenda.cpp); the import reaches it there.
#pragma once
#include <string>
#include <string_view>

#include "formats/agenda.h"

namespace hallway {

// JSON with "sessions" or "startsAt". `head` as AgendaFormatInfo::sniff gets it.
bool sniffSessionize(std::string_view head);
Agenda parseSessionize(std::string_view bytes, const std::string& fileName, const AgendaParseOptions& options);

}  // namespace hallway
