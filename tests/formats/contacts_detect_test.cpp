#include <catch2/catch.hpp>

#include "formats/contacts.h"

using namespace hallway;

namespace {

FormatError detectError(const std::string& bytes, const std::string& name) {
    try {
        detectContactsFormat(bytes, name);
    } catch (const FormatError& e) {
        return e;
    }
    FAIL("expected a FormatError");
    throw std::logic_error("unreachable");
}

FormatError parseError(const std::string& bytes, const std::string& name) {
    try {
        parseContacts(bytes, name, "auto");
    } catch (const FormatError& e) {
        return e;
    }
    FAIL("expected a FormatError");
    throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("Contacts format names round-trip", "[contacts]") {
    for (const auto& f : contactsFormats()) CHECK(findContactsFormat(f.name) == &f);
    CHECK_FALSE(findContactsFormat("auto"));
    CHECK(contactsFormatChoices() == "auto, linkedin, vcard, google, csv or mecard");
    try {
        parseContacts("Name\nAna\n", "x.csv", "outlook");
        FAIL("expected std::invalid_argument");
    } catch (const std::invalid_argument& e) {
        CHECK(std::string(e.what()) ==
              "unknown contacts format 'outlook' (use auto, linkedin, vcard, google, csv or mecard)");
    }
}

TEST_CASE("Contacts detection looks at the content first", "[contacts]") {
    CHECK(detectContactsFormat("\xEF\xBB\xBF\r\n begin:vcard\r\n", "x.txt") == "vcard");
    CHECK(detectContactsFormat("MECARD:N:A,B;;", "x.csv") == "mecard");
    const std::string linkedIn = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n";
    CHECK(detectContactsFormat(linkedIn, "x.txt") == "linkedin");
    CHECK(detectContactsFormat("Notes:\n\"a,\nb\n\nc\"\n\n" + linkedIn, "x") == "linkedin");
    // Columns in another order and different case still read as LinkedIn.
    CHECK(detectContactsFormat("connected on,first name,last name,company,position,url\n", "x") ==
          "linkedin");
    CHECK(detectContactsFormat("Name,Given Name,Family Name,Group Membership\n", "x") == "google");
    CHECK(detectContactsFormat("First Name,Middle Name,Last Name,Organization Name,Labels\n", "x") ==
          "google");
    CHECK(detectContactsFormat("First Name,Last Name,Phone 1 - Label,Phone 1 - Value\n", "x") ==
          "google");
    CHECK(detectContactsFormat("Name;E-mail\nAna;a@x.org\n", "x") == "csv");
    CHECK(detectContactsFormat("Title,Speaker\n", "x.csv") == "csv");  // the parser explains
    CHECK(detectContactsFormat("\"unterminated\n", "x.csv") == "csv");
}

TEST_CASE("Contacts detection and input checks fail with a line", "[contacts]") {
    CHECK(detectError("   \n\t\n", "x.vcf").reason() == "file is empty");
    FormatError vcf = detectError("\n\nFN:Ana\n", "ana.vcf");
    CHECK(vcf.line() == 3);
    CHECK(vcf.reason() == "not a vCard file (it does not start with BEGIN:VCARD)");
    FormatError unknown = detectError("{\"name\": \"Ana\"}", "people.json");
    CHECK(unknown.line() == 1);
    CHECK(unknown.reason() ==
          "unknown contacts format (expected vCard, MECARD, LinkedIn Connections.csv, Google Contacts CSV "
          "or CSV with a header naming a name column)");

    CHECK(parseError("", "x.csv").reason() == "file is empty");
    CHECK(parseError(std::string("BEGIN:VCARD\0\0\0", 14), "x.vcf").reason() == "binary data, not a contacts file");
    FormatError latin1 = parseError("name,email\nAna,a@x.org\nJos\xE9,j@x.org\n", "x.csv");
    CHECK(latin1.line() == 3);
    CHECK(std::string(latin1.what()) == "x.csv:3: text is not valid UTF-8 (convert the file to UTF-8 first)");
    FormatError mecard = parseError("MECARD:N:Jos\xE9;;\n", "x.txt");
    CHECK(mecard.line() == 1);
}

TEST_CASE("A format chosen by the caller is used as is", "[contacts]") {
    ContactsFile file = parseContacts("First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAna,Lima,,,,,\n",
                                      "c.csv", "csv");
    CHECK(file.format == "csv");
    REQUIRE(file.contacts.size() == 1);
    CHECK(file.contacts[0].fullName == "Ana Lima");
    CHECK(file.warnings == std::vector<std::string>{"line 1: ignored columns: 'Connected On'"});
}
