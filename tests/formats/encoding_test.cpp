// Encodings settled before any parser: UTF-16 with and without a BOM, UTF-8
// with a BOM, vCard CHARSET= through iconv, and fields that cannot be read.
#include <catch2/catch.hpp>

#include "formats/agenda.h"
#include "formats/contacts.h"
#include "formats/encoding.h"
#include "test_support.h"

using namespace hallway;
using hallway::testing::readFile;
using hallway::testing::testData;

namespace {

std::string utf16le(const std::string& ascii) {
    std::string out;
    for (char c : ascii) {
        out.push_back(c);
        out.push_back('\0');
    }
    return out;
}

}  // namespace

TEST_CASE("encodings are told apart by BOM or by the NUL pattern", "[encoding]") {
    using encoding::Encoding;
    CHECK(encoding::detect("BEGIN:VCALENDAR") == Encoding::Utf8);
    CHECK(encoding::detect("\xEF\xBB\xBF<schedule>") == Encoding::Utf8Bom);
    CHECK(encoding::detect("\xFF\xFE<\0s\0" + std::string()) == Encoding::Utf16Le);
    CHECK(encoding::detect(std::string("\xFF\xFE<\0s\0", 6)) == Encoding::Utf16Le);
    CHECK(encoding::detect(std::string("\xFE\xFF\0<\0s", 6)) == Encoding::Utf16Be);
    CHECK(encoding::detect(utf16le("BEGIN:VCARD\r\n")) == Encoding::Utf16Le);
    CHECK(encoding::detect(std::string("\0B\0E\0G\0I\0N", 10)) == Encoding::Utf16Be);
    // A binary file with NULs on both sides is not UTF-16: it stays binary.
    CHECK(encoding::detect(std::string("\0\0\0\0\x01\x02\0\0", 8)) == Encoding::Utf8);
}

TEST_CASE("UTF-16 converts to UTF-8, astral characters included - broken UTF-16 names its line", "[encoding]") {
    std::string storage;
    // "é" U+00E9, then U+1F389 as the surrogate pair D83C DF89.
    std::string le("\xFF\xFE" "a\0\n\0\xE9\0\x3C\xD8\x89\xDF", 12);
    CHECK(encoding::toUtf8(le, storage, "f") == "a\n\xC3\xA9\xF0\x9F\x8E\x89");

    std::string lone("\xFF\xFE" "a\0\n\0b\0\n\0\x3C\xD8z\0", 14);
    try {
        encoding::toUtf8(lone, storage, "f.xml");
        FAIL("expected a FormatError");
    } catch (const FormatError& e) {
        CHECK(std::string(e.what()) == "f.xml:3: UTF-16 text has a broken character (a lone high surrogate)");
    }
    std::string odd("\xFF\xFE" "a\0b", 5);
    CHECK_THROWS_WITH(encoding::toUtf8(odd, storage, "f.xml"),
                      "f.xml:1: UTF-16 text ends in the middle of a character");
}

TEST_CASE("every agenda format reads UTF-16 and UTF-8 with a BOM", "[encoding][agenda]") {
    SECTION("frab XML in UTF-16LE with a BOM") {
        Agenda a = parseAgenda(readFile(testData("encoding/frab_utf16le_bom.xml")), "f.xml", "auto");
        CHECK(a.format == "frab-xml");
        CHECK(a.title == "Fjordkonferansen");
        REQUIRE(a.sessions.size() == 2);
        CHECK(a.sessions[0].title == "\xC3\x85pning og velkomst");
        CHECK(a.sessions[0].room == "Sal \xC3\x98");
        CHECK(a.sessions[0].speakers.at(0).name == "\xC3\x98ystein Br\xC3\xA5ten");
        CHECK(a.sessions[1].title == "Emoji in names \xF0\x9F\x8E\x89 and other astral characters");
        CHECK(a.sessions[0].line == 7);  // lines count as in the file
    }
    SECTION("iCalendar in UTF-16BE without a BOM") {
        Agenda a = parseAgenda(readFile(testData("encoding/ics_utf16be_nobom.ics")), "f.ics", "auto");
        CHECK(a.format == "ics");
        CHECK(a.title == "Stra\xC3\x9F" "e der Talks");
        REQUIRE(a.sessions.size() == 1);
        CHECK(a.sessions[0].title == "Gr\xC3\xBC\xC3\x9F" "e aus K\xC3\xB6ln");
        CHECK(a.sessions[0].room == "Saal \xC3\x9C");
    }
    SECTION("Sessionize JSON in UTF-16LE without a BOM") {
        Agenda a = parseAgenda(readFile(testData("encoding/sessionize_utf16le_nobom.json")), "s.json",
                               "auto", {"Europe/Vienna", {}});
        CHECK(a.format == "sessionize");
        REQUIRE(a.sessions.size() == 1);
        CHECK(a.sessions[0].title == "\xC3\x9Cn\xC3\xAF" "c\xC3\xB6" "d\xC3\xA9 talk");
        CHECK(a.sessions[0].speakers.at(0).name == "\xC3\x86gir \xC3\x9E\xC3\xB3rsson");
    }
    SECTION("CSV in UTF-8 with a BOM") {
        Agenda a = parseAgenda(readFile(testData("encoding/csv_utf8_bom.csv")), "c.csv", "auto");
        CHECK(a.format == "csv");
        REQUIRE(a.sessions.size() == 1);
        CHECK(a.sessions[0].title == "Caf\xC3\xA9 chat");
        CHECK(a.sessions[0].speakers.at(0).name == "Zo\xC3\xAB Faure");
    }
}

TEST_CASE("vCard charsets: Shift_JIS, quoted UTF-8, 2.1 without one, a field that cannot be read", "[encoding][contacts]") {
    ContactsFile file = parseContacts(readFile(testData("encoding/charsets.vcf")), "phone.vcf", "auto");
    REQUIRE(file.contacts.size() == 4);
    const ContactRecord& taro = file.contacts[0];
    CHECK(taro.fullName == "\xE5\xB1\xB1\xE7\x94\xB0\xE5\xA4\xAA\xE9\x83\x8E");  // 山田太郎, quoted-printable
    CHECK(taro.familyName == "\xE5\xB1\xB1\xE7\x94\xB0");                         // 山田
    CHECK(taro.company == "\xE6\x9D\xB1\xE4\xBA\xAC\xE9\x9B\xBB\xE6\xA9\x9F");    // 東京電機
    CHECK(file.contacts[1].fullName == "Zo\xC3\xAB Faure");  // CHARSET="UTF-8", quotes and all
    CHECK(file.contacts[2].fullName == "J\xC3\xBCrgen M\xC3\xBCller");  // 2.1 with no charset: Windows-1252
    CHECK(file.contacts[2].company == "Stra\xC3\x9F" "enbau GmbH");
    // One bad byte in one field of a 3.0 card: that field is kept with U+FFFD,
    // the rest of the card and the file import, and the warning names both.
    const ContactRecord& ana = file.contacts[3];
    CHECK(ana.company == "Caf\xEF\xBF\xBD Central");
    CHECK(ana.role == "Barista");
    REQUIRE(ana.emails.size() == 1);
    REQUIRE(file.warnings.size() == 1);
    CHECK(file.warnings[0] == "line 22: card 'Ana Lima': ORG is not valid UTF-8; the bytes that could not be read "
                              "are shown as \xEF\xBF\xBD");
}

TEST_CASE("contacts read UTF-16 too, and an unknown charset is named", "[encoding][contacts]") {
    ContactsFile file =
        parseContacts(readFile(testData("encoding/cards_utf16le_bom.vcf")), "outlook.vcf", "auto");
    REQUIRE(file.contacts.size() == 1);
    CHECK(file.contacts[0].fullName == "\xC3\x98ystein Br\xC3\xA5ten");

    ContactsFile odd = parseContacts("BEGIN:VCARD\nVERSION:3.0\nFN;CHARSET=X-KLINGON:Worf\nEND:VCARD\n", "k.vcf",
                                     "auto");
    REQUIRE(odd.contacts.size() == 1);
    CHECK(odd.contacts[0].fullName == "Worf");
    CHECK(odd.warnings == std::vector<std::string>{
                              "line 3: card 'Worf': FN names charset 'x-klingon', which is unknown; read as UTF-8"});
}
