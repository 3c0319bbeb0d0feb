// Inputs the fuzzers found; each must end in a result or a FormatError, never a crash.
#include <catch2/catch.hpp>

#include "formats/agenda.h"
#include "formats/ics.h"
#include "test_support.h"

using namespace hallway;

TEST_CASE("fuzz: an iCalendar component libical cannot name is no crash", "[fuzz][ics]") {
    // libical returned NULL for the component's kind name; building a message
    // from it threw std::logic_error (found by the CTest smoke pass).
    std::string bytes = hallway::testing::readFile(hallway::testing::testData("fuzz/ics-unnamed-component.ics"));
    REQUIRE_FALSE(bytes.empty());
    try {
        Agenda agenda = parseIcs(bytes, "fuzz.ics", {});
        CHECK(agenda.sessions.size() <= 10);
    } catch (const FormatError& e) {
        CHECK_THAT(e.what(), Catch::StartsWith("fuzz.ics"));
    }
}
