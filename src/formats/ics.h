// iCalendar (RFC 5545) agendas, read with libical.
// Its row is in agendaFormats() (agenda.cpp); the import reaches it there.
#pragma once
#include <string>
#include <string_view>

#include "formats/agenda.h"

namespace hallway {

// Starts with BEGIN:VCALENDAR. `head` as AgendaFormatInfo::sniff gets it.
bool sniffIcs(std::string_view head);
Agenda parseIcs(std::string_view bytes, const std::string& fileName, const AgendaParseOptions& options);

}  // namespace hallway
