#include <catch2/catch.hpp>

#include "formats/contacts.h"

using namespace hallway;

namespace {

FormatError textError(const std::string& payload) {
    try {
        parseContactText(payload);
    } catch (const FormatError& e) {
        return e;
    }
    FAIL("expected a FormatError");
    throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("MECARD badge payload with escapes", "[contacts]") {
    ContactRecord r = parseContactText(
        "  \r\nMECARD:N:Lima,Ana;TEL:+351 912 345 678;EMAIL:Ana@X.org;ORG:Acme\\; Sons\\, Lda.;"
        "URL:https\\://ana.example/a\\,b;NOTE:Likes \\\\ backslashes\\: yes;BDAY:19900701;;\n  ");
    CHECK(r.fullName == "Ana Lima");
    CHECK(r.familyName == "Lima");
    CHECK(r.givenName == "Ana");
    CHECK(r.company == "Acme; Sons, Lda.");
    REQUIRE(r.phones.size() == 1);
    CHECK(r.phones[0].value == "+351 912 345 678");
    REQUIRE(r.emails.size() == 1);
    CHECK(r.emails[0].value == "ana@x.org");
    REQUIRE(r.urls.size() == 1);
    CHECK(r.urls[0].value == "https://ana.example/a,b");
    CHECK(r.note == "Likes \\ backslashes: yes");
    CHECK(r.birthday == std::optional<std::string>("1990-07-01"));
    CHECK(r.line == 1);
}

TEST_CASE("MECARD shapes: name in one piece, escaped comma in N, repeated fields", "[contacts]") {
    ContactRecord one = parseContactText("MECARD:N:Zoë Ångström;EMAIL:z@a.se;EMAIL:Z@A.SE;TEL:+46 8 1;TEL:+4681;;");
    CHECK(one.fullName == "Zoë Ångström");
    CHECK(one.givenName.empty());
    CHECK(one.emails.size() == 1);
    CHECK(one.phones.size() == 1);  // same digits

    ContactRecord comma = parseContactText("mecard:n:Smith\\, Jr.,John;title:Dev;;");
    CHECK(comma.familyName == "Smith, Jr.");
    CHECK(comma.givenName == "John");
    CHECK(comma.fullName == "John Smith, Jr.");
    CHECK(comma.role == "Dev");
}

TEST_CASE("Contact text: a single vCard", "[contacts]") {
    ContactRecord r = parseContactText(
        "\nBEGIN:VCARD\r\nVERSION:3.0\r\nN:Соколов;Дмитрий;;;\r\nEMAIL;TYPE=work:D@Example.ru\r\nEND:VCARD");
    CHECK(r.fullName == "Дмитрий Соколов");
    REQUIRE(r.emails.size() == 1);
    CHECK(r.emails[0].value == "d@example.ru");
    CHECK(r.emails[0].label == "work");
}

TEST_CASE("Contact text: a vCard folded inside a character", "[contacts]") {
    std::string payload = "BEGIN:VCARD\r\nFN:Zo\xC3\r\n \xAB \xC3\x85ngstr\xC3\xB6m\r\nEND:VCARD\r\n";
    CHECK(parseContactText(payload).fullName == "Zoë Ångström");
}

TEST_CASE("Contact text errors use the file name 'text'", "[contacts]") {
    FormatError junk = textError("https://example.org/not-a-card");
    CHECK(junk.file() == "text");
    CHECK(junk.line() == 0);
    CHECK(std::string(junk.what()) == "text: not a vCard or MECARD payload (expected BEGIN:VCARD or MECARD:)");
    CHECK(textError(" \n ").reason() == "empty payload");
    CHECK(textError(std::string("MECARD:N:A\0\0\0\0;;", 16)).reason() == "binary data, not a contact payload");
    CHECK(textError("MECARD:EMAIL:a@b.c;;").reason() == "MECARD has no name (N:)");
    CHECK(textError("MECARD:N:Jos\xE9;;").reason() == "payload is not valid UTF-8");
    CHECK(textError("BEGIN:VCARD\nFN:A\nEND:VCARD\nBEGIN:VCARD\nFN:B\nEND:VCARD\n").reason() ==
          "payload holds 2 vCards; expected one");
    FormatError unclosed = textError("BEGIN:VCARD\nFN:A\n");
    CHECK(unclosed.file() == "text");
    CHECK(unclosed.line() == 1);
    CHECK(unclosed.reason() == "BEGIN:VCARD has no END:VCARD");
}

TEST_CASE("A file of MECARD lines", "[contacts]") {
    ContactsFile file = parseContacts("MECARD:N:Lima,Ana;;\n\nnot a card\nMECARD:EMAIL:x@y.z;;\nMECARD:N:Chen,Bo;TEL:1;;\n",
                                      "badges.txt", "auto");
    CHECK(file.format == "mecard");
    REQUIRE(file.contacts.size() == 2);
    CHECK(file.contacts[0].fullName == "Ana Lima");
    CHECK(file.contacts[0].line == 1);
    CHECK(file.contacts[1].fullName == "Bo Chen");
    CHECK(file.contacts[1].line == 5);
    CHECK(file.warnings == std::vector<std::string>{"line 3: not a MECARD line; ignored",
                                                    "line 4: MECARD has no name (N:); skipped"});
}

TEST_CASE("A MECARD line over 1 MiB is cut with a warning", "[contacts]") {
    std::string note;
    while (note.size() < (size_t(3) << 19)) note += "ü";
    ContactsFile file = parseContacts("MECARD:N:Lima,Ana;NOTE:" + note + ";;\n", "badges.txt", "mecard");
    REQUIRE(file.contacts.size() == 1);
    CHECK(file.contacts[0].fullName == "Ana Lima");
    CHECK(file.contacts[0].note.size() <= (size_t(1) << 20));
    CHECK(file.contacts[0].note.size() > (size_t(1) << 20) - 40);
    CHECK(file.warnings == std::vector<std::string>{"line 1: MECARD is longer than 1 MiB; truncated"});
}
