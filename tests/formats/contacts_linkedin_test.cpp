#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "formats/contacts.h"
#include "formats/contacts_csv.h"

using namespace hallway;

namespace {

std::string readData(const std::string& name) {
    std::ifstream in(std::string(HALLWAY_TEST_DATA_DIR) + "/contacts/" + name, std::ios::binary);
    REQUIRE(in);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

bool hasWarning(const ContactsFile& file, const std::string& text) {
    return std::find(file.warnings.begin(), file.warnings.end(), text) != file.warnings.end();
}

FormatError linkedInError(const std::string& text) {
    try {
        parseContacts(text, "Connections.csv", "auto");
    } catch (const FormatError& e) {
        return e;
    }
    FAIL("expected a FormatError");
    throw std::logic_error("unreachable");
}

const std::string kHeader = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n";

}  // namespace

TEST_CASE("LinkedIn export with its Notes preamble, quoted commas and several scripts", "[contacts]") {
    ContactsFile file = parseContacts(readData("linkedin_connections.csv"), "Connections.csv", "auto");
    CHECK(file.format == "linkedin");
    REQUIRE(file.contacts.size() == 6);

    const ContactRecord& eleni = file.contacts[0];
    CHECK(eleni.line == 7);
    CHECK(eleni.fullName == "Ελένη Παπαδοπούλου");
    CHECK(eleni.givenName == "Ελένη");
    CHECK(eleni.familyName == "Παπαδοπούλου");
    CHECK(eleni.company == "Acme, Inc.");
    CHECK(eleni.role == "Head of Research");
    CHECK(eleni.emails.empty());
    REQUIRE(eleni.urls.size() == 1);
    CHECK(eleni.urls[0].value == "https://www.linkedin.com/in/eleni-papadopoulou-1a2b3c");
    CHECK(eleni.urls[0].label == "linkedin");
    CHECK(eleni.connectedOn == std::optional<std::string>("2024-03-12"));
    CHECK_FALSE(eleni.birthday);

    const ContactRecord& dmitry = file.contacts[1];
    CHECK(dmitry.line == 8);
    CHECK(dmitry.fullName == "Дмитрий Соколов");
    REQUIRE(dmitry.emails.size() == 1);
    CHECK(dmitry.emails[0].value == "dmitry.sokolov@example.ru");
    CHECK(dmitry.emails[0].label.empty());
    CHECK(dmitry.company == "ООО \"Ромашка\"");
    CHECK(dmitry.role == "Инженер");
    CHECK(dmitry.connectedOn == std::optional<std::string>("2023-02-01"));

    const ContactRecord& taro = file.contacts[2];
    CHECK(taro.fullName == "太郎 山田");
    CHECK(taro.familyName == "山田");
    CHECK(taro.company == "株式会社サンプル");
    CHECK(taro.emails.empty());
    CHECK(taro.connectedOn == std::optional<std::string>("2021-01-07"));

    const ContactRecord& zoe = file.contacts[3];
    CHECK(zoe.line == 10);
    CHECK(zoe.fullName == "Zoë Ångström");
    REQUIRE(zoe.emails.size() == 1);
    CHECK(zoe.emails[0].value == "zoe@angstrom.example");
    CHECK(zoe.company == "Ångström, Nilsson & Co");
    CHECK(zoe.role == "CTO, Co-founder");
    CHECK(zoe.connectedOn == std::optional<std::string>("2024-02-29"));  // a leap day

    // Row 11 has no name; row 12's slashed date is ambiguous and not guessed.
    CHECK(hasWarning(file, "line 11: row has no first or last name; skipped"));
    const ContactRecord& ana = file.contacts[4];
    CHECK(ana.line == 12);
    CHECK(ana.fullName == "Ana Lima");
    CHECK_FALSE(ana.connectedOn);
    CHECK(hasWarning(file, "line 12: Connected On '03/12/2024' is not a date (expected 12 Mar 2024); ignored"));

    const ContactRecord& bo = file.contacts[5];
    CHECK(bo.fullName == "Bo");
    CHECK(bo.familyName.empty());
    CHECK(bo.company == "Solo");
    CHECK(bo.connectedOn == std::optional<std::string>("2024-03-12"));  // "12-Mar-24" after a spreadsheet
    CHECK(file.warnings.size() == 2);
}

TEST_CASE("LinkedIn dates: the forms that are certain", "[contacts]") {
    auto connected = [](const std::string& date) {
        ContactsFile f = parseLinkedInCsv(kHeader + "Ana,Lima,,,,,\"" + date + "\"\n", "c.csv");
        REQUIRE(f.contacts.size() == 1);
        return f.contacts[0].connectedOn;
    };
    CHECK(connected("12 Mar 2024") == std::optional<std::string>("2024-03-12"));
    CHECK(connected("1 March 2024") == std::optional<std::string>("2024-03-01"));
    CHECK(connected("05 sep 2019") == std::optional<std::string>("2019-09-05"));
    CHECK(connected("12-Mar-2024") == std::optional<std::string>("2024-03-12"));
    CHECK(connected("12-Mar-24") == std::optional<std::string>("2024-03-12"));
    CHECK(connected("2024-03-12") == std::optional<std::string>("2024-03-12"));
    CHECK_FALSE(connected("29 Feb 2023"));
    CHECK_FALSE(connected("31 Apr 2024"));
    CHECK_FALSE(connected("12 Mar-2024"));
    CHECK_FALSE(connected("3/12/24"));
    CHECK_FALSE(connected("12 Foo 2024"));
    CHECK_FALSE(connected("12 Mar 20245"));
    CHECK_FALSE(connected(""));
}

TEST_CASE("LinkedIn: BOM, CRLF, unquoted preamble and several emails in one cell", "[contacts]") {
    std::string csv = "\xEF\xBB\xBFNotes:\r\nSome text, with a comma\r\n\r\n" +
                      std::string("First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n") +
                      "Ana,Lima,linkedin.com/in/analima,\"Ana@X.org; ana@x.org,ana@work.example\",Acme,Dev,12 Mar 2024\r\n";
    ContactsFile file = parseContacts(csv, "Connections.csv", "auto");
    CHECK(file.format == "linkedin");
    REQUIRE(file.contacts.size() == 1);
    const ContactRecord& ana = file.contacts[0];
    CHECK(ana.line == 5);
    REQUIRE(ana.emails.size() == 2);
    CHECK(ana.emails[0].value == "ana@x.org");
    CHECK(ana.emails[1].value == "ana@work.example");
    REQUIRE(ana.urls.size() == 1);
    CHECK(ana.urls[0].value == "linkedin.com/in/analima");
    CHECK(ana.urls[0].label == "linkedin");
    CHECK(ana.role == "Dev");
}

TEST_CASE("LinkedIn errors name the line", "[contacts]") {
    SECTION("unterminated quote names the line where it opens") {
        FormatError e = linkedInError(kHeader + "Ana,Lima,,,Acme,,12 Mar 2024\nBo,Chen,,,\"Open,,\n\nmore\n");
        CHECK(e.line() == 3);
        CHECK(e.reason().find("unterminated quote") == 0);
    }
    SECTION("a row wider than the header") {
        FormatError e = linkedInError(kHeader + "Ana,Lima,,,Acme, Inc,Dev,12 Mar 2024\n");
        CHECK(e.line() == 2);
        CHECK(e.reason().find("row has more fields than the header's 7 columns") == 0);
    }
    SECTION("bytes that are not UTF-8 name the first bad line") {
        FormatError e = linkedInError(kHeader + "Ana,Lima,,,,,\nJos\xE9,Silva,,,,,\n");
        CHECK(e.line() == 3);
        CHECK(e.reason() == "text is not valid UTF-8 (convert the file to UTF-8 first)");
    }
    SECTION("every row skipped") {
        FormatError e = linkedInError(kHeader + ",,https://www.linkedin.com/in/x,,,,\n");
        CHECK(e.line() == 0);
        CHECK(e.reason() == "no contacts found: every record was skipped (first: line 2: row has no first or last name)");
        CHECK(std::string(e.what()) ==
              "Connections.csv: no contacts found: every record was skipped (first: line 2: row has no first or last name)");
    }
    SECTION("the header is not among the first lines") {
        std::string csv;
        for (int i = 0; i < 12; ++i) csv += "preamble " + std::to_string(i) + "\n";
        try {
            parseLinkedInCsv(csv + kHeader + "Ana,Lima,,,,,\n", "c.csv");
            FAIL("expected a FormatError");
        } catch (const FormatError& caught) {
            CHECK(caught.line() == 0);
            CHECK(caught.reason().find("no LinkedIn header (First Name,Last Name,URL") == 0);
        }
    }
}

TEST_CASE("LinkedIn bounds: record limit and huge fields", "[contacts]") {
    SECTION("more than 100000 rows") {
        std::string csv = kHeader;
        csv.reserve(1300000);
        for (int i = 0; i < 100001; ++i) csv += "A,B,,,,,\n";
        FormatError e = linkedInError(csv);
        CHECK(e.line() == 100002);
        CHECK(e.reason() == "more than 100000 contacts in one file (the limit); split the file");
    }
    SECTION("exactly 100000 rows are fine") {
        std::string csv = kHeader;
        for (int i = 0; i < 100000; ++i) csv += "A,B,,,,,\n";
        ContactsFile file = parseContacts(csv, "c.csv", "linkedin");
        CHECK(file.contacts.size() == 100000);
        CHECK(file.contacts.back().line == 100001);
    }
    SECTION("a 1.5 MiB company is cut at 1 MiB on a character boundary") {
        std::string big;
        while (big.size() < (size_t(3) << 19)) big += "Ωμέγα ";
        ContactsFile file = parseContacts(kHeader + "Ana,Lima,,,\"" + big + "\",,\n", "c.csv", "linkedin");
        REQUIRE(file.contacts.size() == 1);
        CHECK(file.contacts[0].company.size() <= (size_t(1) << 20));
        CHECK(file.contacts[0].company.size() > (size_t(1) << 20) - 8);
        CHECK(file.contacts[0].company.rfind("Ωμέγα Ωμέγα", 0) == 0);
        CHECK(hasWarning(file, "line 2: column 'Company' is longer than 1 MiB; truncated"));
    }
}
