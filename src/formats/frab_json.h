// frab / pretalx / c3voc schedule JSON.
// Its row is in agendaFormats() (agenda.cpp); the import reaches it there.
#pragma once
#include <string>
#include <string_view>

#include "formats/agenda.h"

namespace hallway {

// JSON with a "schedule" key, or c3voc's "schedule v2" events[] and persons[]. `head` as AgendaFormatInfo::sniff gets it.
bool sniffFrabJson(std::string_view head);
Agenda parseFrabJson(std::string_view bytes, const std::string& fileName, const AgendaParseOptions& options);

}  // namespace hallway
