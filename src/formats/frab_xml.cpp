#include "formats/agenda.h"

namespace hallway {

Agenda parseFrabXml(std::string_view, const std::string& fileName, const AgendaParseOptions&) {
    throw FormatError(fileName, 0, "this format is not supported yet");
}

}  // namespace hallway
