// One libFuzzer entry point, compiled once per parser with HALLWAY_FUZZ_<NAME>
// defined (see CMakeLists.txt). A FormatError is the expected answer to bad
// bytes; any other exception, crash, leak or hang is a finding.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "formats/agenda.h"
#include "formats/contacts.h"
#include "formats/note_markers.h"
#include "formats/template_text.h"

using namespace hallway;

namespace {

void run(std::string_view bytes) {
#if defined(HALLWAY_FUZZ_FRAB_XML)
    parseFrabXml(bytes, "fuzz.xml", {});
#elif defined(HALLWAY_FUZZ_ICS)
    parseIcs(bytes, "fuzz.ics", {});
#elif defined(HALLWAY_FUZZ_FRAB_JSON)
    parseFrabJson(bytes, "fuzz.json", {});
#elif defined(HALLWAY_FUZZ_SESSIONIZE)
    parseSessionize(bytes, "fuzz.json", {});
#elif defined(HALLWAY_FUZZ_INDICO)
    parseIndico(bytes, "fuzz.json", {});
#elif defined(HALLWAY_FUZZ_AGENDA_CSV)
    parseAgendaCsv(bytes, "fuzz.csv", {});
#elif defined(HALLWAY_FUZZ_CONTACTS_CSV)
    // The first byte picks the CSV flavour, so one target covers all three
    // through parseContacts (detection, UTF-8 checks, then the parser).
    if (bytes.empty()) return;
    static const ContactsFormat kinds[] = {ContactsFormat::LinkedIn, ContactsFormat::GoogleCsv, ContactsFormat::Csv,
                                           ContactsFormat::Auto};
    ContactsFormat kind = kinds[static_cast<unsigned char>(bytes[0]) % 4];
    ContactsParseOptions options;
    if (kind == ContactsFormat::Csv) options.csvColumns = {{"Name", "name"}, {"Mail", "email"}, {"Org", "company"}};
    parseContacts(bytes.substr(1), "fuzz.csv", kind, options);
#elif defined(HALLWAY_FUZZ_VCARD)
    parseContacts(bytes, "fuzz.vcf", ContactsFormat::VCard);
#elif defined(HALLWAY_FUZZ_MECARD)
    parseContactText(bytes);
#elif defined(HALLWAY_FUZZ_NOTE_MARKERS)
    parseNoteMarkers(bytes, CalendarDate{2025, 2, 1});
    findDate(bytes, CalendarDate{2024, 12, 31});
#elif defined(HALLWAY_FUZZ_TEMPLATE)
    static const std::map<std::string, std::string> values{
        {"first_name", "Ana"}, {"name", "Ana Lima"}, {"event", "FOSDEM"}, {"company", "Acme"}, {"promise", "slides"}};
    renderTemplate(bytes, values);
    templatePlaceholders(bytes);
#else
#error "define one HALLWAY_FUZZ_<TARGET>"
#endif
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        run(std::string_view(reinterpret_cast<const char*>(data), size));
    } catch (const FormatError&) {
        // Refused with a message: what hostile input should get.
    }
    return 0;
}
