// CSV agendas as spreadsheets export them.
// Its row is in agendaFormats() (agenda.cpp); the import reaches it there.
#pragma once
#include <string>
#include <string_view>

#include "formats/agenda.h"

namespace hallway {

// A first line with commas that names a title column. `head` as AgendaFormatInfo::sniff gets it.
bool sniffAgendaCsv(std::string_view head);
Agenda parseAgendaCsv(std::string_view bytes, const std::string& fileName, const AgendaParseOptions& options);

}  // namespace hallway
