// The app words the services' structured errors with its own controls,
// never with the CLI's options.
#include <catch2/catch.hpp>

#include <stdexcept>

#include "services/service_errors.h"
#include "ui/service_words.h"

using namespace hallway;

TEST_CASE("the app words an ambiguous mention with its picker and lists the candidates", "[ui][words]") {
    UnresolvedPerson several("ana", true, UnresolvedPerson::Kind::Several,
                             {{3, "Ana Lima", "Acme", ""}, {4, "Ana Souza", "", ""}});
    const std::string said = ui::appMessage(several);
    CHECK(said == "@ana could be Ana Lima, Ana Souza; pick one from the list under it, or write more of the name");
    CHECK(ui::candidateLines(several) == std::vector<std::string>{"Ana Lima \u00b7 Acme", "Ana Souza"});

    UnresolvedPerson twins("ana-lima", true, UnresolvedPerson::Kind::SameName,
                           {{3, "Ana Lima", "Acme", ""}, {5, "Ana Lima", "Initech", ""}});
    CHECK(ui::appMessage(twins).find("pick the right one with Add person") != std::string::npos);

    UnresolvedPerson nobody("zed", true, UnresolvedPerson::Kind::Nobody, {});
    CHECK(ui::appMessage(nobody).find("Add person") != std::string::npos);
    CHECK(ui::candidateLines(nobody).empty());
    for (const auto* e : {&several, &twins, &nobody}) CHECK(ui::appMessage(*e).find("--") == std::string::npos);
}

TEST_CASE("the app words an unknown zone and a guessed zone with the Import dialog's zone field", "[ui][words]") {
    UnknownTimeZone zone("agenda.json", "Europe/Lisbn");
    const std::string said = ui::appMessage(zone);
    CHECK(said.find("agenda.json") == 0);
    CHECK(said.find("Europe/Lisbn") != std::string::npos);
    CHECK(said.find("zone field") != std::string::npos);
    CHECK(said.find("--tz") == std::string::npos);

    ZoneDecision guessed;
    guessed.note = "the agenda names no time zone; times are read in Europe/Berlin, the computer's zone";
    guessed.warn = guessed.guessed = true;
    CHECK(ui::zoneNoteForApp(guessed) == guessed.note + "; choose another in the Import dialog's zone field");
    CHECK(ui::zoneNoteForApp(guessed, true) == guessed.note + "; if that is wrong, choose another above");
    ZoneDecision fromEvent;
    fromEvent.note = "the agenda names no time zone; its times are read in the event's zone, Europe/Lisbon";
    CHECK(ui::zoneNoteForApp(fromEvent) == fromEvent.note);  // not a guess: nothing to choose

    CHECK(std::string(ui::appMessage(std::runtime_error("disk full"))) == "disk full");
}
