// iCalendar exports without ATTENDEE name their speakers on the first line of
// DESCRIPTION, in the event's language: "Intervenants : A, B", "Referent: A".
#include <catch2/catch.hpp>

#include <map>

#include "formats/agenda.h"
#include "test_support.h"

using namespace hallway;
using hallway::testing::readFile;
using hallway::testing::testData;

TEST_CASE("ics: speaker lines in French, German, Spanish, Italian and Dutch", "[ics][speakers]") {
    Agenda agenda = parseAgenda(readFile(testData("ics/speaker_languages.ics")), "speaker_languages.ics",
                                "ics");
    std::map<std::string, std::vector<std::string>> want = {
        {"fr-1", {"Camille Martin"}},                  // the French space before the colon
        {"fr-2", {"Léa Dubois", "Hugo Bernard"}},
        {"fr-3", {"Inès Petit", "Noé Roux"}},           // inclusive form, no-break space, "et"
        {"fr-4", {"Chloé Laurent"}},
        {"de-1", {"Jonas Weber"}},
        {"de-2", {"Mia Schulz"}},
        {"de-3", {"Lukas Wagner", "Emma Becker"}},
        {"de-4", {"Paul Hoffmann"}},
        {"de-5", {"Hannah Koch"}},
        {"de-6", {"Lena Richter", "Tim Klein"}},        // the colon inside "Referent:innen" is not the label's
        {"es-1", {"Lucía García"}},
        {"es-2", {"Mateo López", "Sofía Martínez"}},
        {"it-1", {"Giulia Rossi"}},
        {"it-2", {"Marco Bianchi", "Sara Romano"}},
        {"nl-1", {"Daan de Vries"}},
        {"nl-2", {"Sanne Jansen", "Bram Visser"}},
        {"no-1", {}},                                   // "Note:" is no speaker label
        {"no-2", {}},                                   // nor is "Agenda :"
    };
    REQUIRE(agenda.sessions.size() == want.size());
    for (const auto& s : agenda.sessions) {
        INFO(s.sourceId);
        std::vector<std::string> names;
        for (const auto& sp : s.speakers) names.push_back(sp.name);
        CHECK(names == want.at(s.sourceId));
    }
}
