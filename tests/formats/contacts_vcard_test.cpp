#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>

#include "core/text.h"
#include "formats/contacts.h"
#include "formats/vcard.h"

using namespace hallway;

namespace {

std::string readData(const std::string& name) {
    std::ifstream in(std::string(HALLWAY_TEST_DATA_DIR) + "/contacts/" + name, std::ios::binary);
    REQUIRE(in);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

FormatError vcardError(const std::string& text) {
    try {
        parseContacts(text, "c.vcf", "auto");
    } catch (const FormatError& e) {
        return e;
    }
    FAIL("expected a FormatError");
    throw std::logic_error("unreachable");
}

ContactRecord oneCard(const std::string& body) {
    ContactsFile file = parseContacts("BEGIN:VCARD\r\nVERSION:3.0\r\n" + body + "END:VCARD\r\n", "c.vcf",
                                      "auto");
    REQUIRE(file.contacts.size() == 1);
    return file.contacts[0];
}

}  // namespace

TEST_CASE("vCard 2.1: quoted-printable, ISO-8859-1 and soft line breaks", "[contacts]") {
    ContactsFile file = parseContacts(readData("vcard21_qp.vcf"), "old-phone.vcf", "auto");
    CHECK(file.format == "vcard");
    CHECK(file.warnings.empty());
    REQUIRE(file.contacts.size() == 2);

    const ContactRecord& j = file.contacts[0];
    CHECK(j.line == 1);
    CHECK(j.fullName == "Dr. Jürgen Müller");
    CHECK(j.familyName == "Müller");
    CHECK(j.givenName == "Jürgen");
    CHECK(j.company == "Bäckerei Größe GmbH");  // raw Latin-1 bytes, converted
    CHECK(j.role == "Geschäftsführer");
    // The soft breaks join the value; =0D=0A is a real line break; =80 is the euro sign (Windows-1252).
    CHECK(j.note == "Erste Zeile\nZweite Zeile: schöne Grüße, ein langer Text, der weich umbrochen wird. Preis: 5 €");
    // The two spellings of one address merge; the duplicate supplies the label.
    REQUIRE(j.emails.size() == 1);
    CHECK(j.emails[0].value == "juergen.mueller@example.de");
    CHECK(j.emails[0].label == "home");
    // "+49-30-123 4567" has the same digits as the first number.
    REQUIRE(j.phones.size() == 2);
    CHECK(j.phones[0].value == "+49 30 1234567");
    CHECK(j.phones[0].label == "work");
    CHECK(j.phones[1].value == "+49 (170) 765-4321");
    CHECK(j.phones[1].label == "mobile");
    REQUIRE(j.urls.size() == 1);
    CHECK(j.urls[0].value == "http://www.baeckerei-groesse.example/");
    CHECK(j.urls[0].label.empty());

    const ContactRecord& e = file.contacts[1];
    CHECK(e.line == 21);
    CHECK(e.fullName == "Élodie Dupré");  // soft break between =C3 and =A9 of one character
    CHECK(e.familyName == "Dupré");        // bare QUOTED-PRINTABLE parameter
    CHECK(e.givenName == "Élodie");
    REQUIRE(e.emails.size() == 1);
    CHECK(e.emails[0].value == "elodie@example.fr");
}

TEST_CASE("vCard 3.0: folds inside UTF-8, escapes, typed points, categories, a folded photo", "[contacts]") {
    std::string bytes = readData("vcard30.vcf");
    CHECK_FALSE(text::isValidUtf8(bytes));  // the folds split characters; unfolded it is fine
    ContactsFile file = parseContacts(bytes, "eleni.vcf", "auto");
    CHECK(file.warnings.empty());
    REQUIRE(file.contacts.size() == 1);
    const ContactRecord& c = file.contacts[0];
    CHECK(c.fullName == "Ελένη Παπαδοπούλου");
    CHECK(c.givenName == "Eleni");
    CHECK(c.familyName == "Papadopoulou");
    CHECK(c.company == "Acme, Inc.");
    CHECK(c.role == "Head of Research, EMEA");

    REQUIRE(c.emails.size() == 3);
    CHECK(c.emails[0].value == "eleni@acme.example");
    CHECK(c.emails[0].label == "work");
    CHECK(c.emails[1].value == "eleni.p@mail.example");
    CHECK(c.emails[1].label == "home");
    CHECK(c.emails[2].value == "eleni@conf.example");
    CHECK(c.emails[2].label == "conference");  // item1.X-ABLabel

    REQUIRE(c.phones.size() == 2);
    CHECK(c.phones[0].value == "+30 690 000 0001");
    CHECK(c.phones[0].label == "mobile");
    CHECK(c.phones[1].value == "+30 210 000 0002");
    CHECK(c.phones[1].label == "work");

    REQUIRE(c.urls.size() == 3);
    CHECK(c.urls[0].value == "https://acme.example/people/eleni");
    CHECK(c.urls[0].label == "work");
    CHECK(c.urls[1].value == "https://www.linkedin.com/in/eleni-papadopoulou-1a2b3c");
    CHECK(c.urls[1].label == "linkedin");
    CHECK(c.urls[2].value == "https://twitter.com/eleni");
    CHECK(c.urls[2].label == "twitter");

    CHECK(c.tags == std::vector<std::string>{"Speakers", "Athens 2024"});
    CHECK(c.note == "Met at the hallway track.\nAsked about CRDTs, sync; offline-first. Path C:\\data. Ωραία συζήτη");
    CHECK(c.birthday == std::optional<std::string>("1985-04-12"));
}

TEST_CASE("vCard 4.0: quoted TYPE lists, PREF ordering, tel: URIs", "[contacts]") {
    ContactsFile file = parseContacts(readData("vcard40.vcf"), "zoe.vcf", "auto");
    CHECK(file.warnings.empty());
    REQUIRE(file.contacts.size() == 1);
    const ContactRecord& z = file.contacts[0];
    CHECK(z.fullName == "Zoë Ångström");
    CHECK(z.company == "Ångström, Nilsson & Co");
    CHECK(z.role == "CTO");  // TITLE wins over ROLE
    REQUIRE(z.emails.size() == 2);
    CHECK(z.emails[0].value == "zoe@angstrom.example");  // PREF=1 first
    CHECK(z.emails[0].label == "work");
    CHECK(z.emails[1].value == "zoe@home.example");
    CHECK(z.emails[1].label == "home");
    REQUIRE(z.phones.size() == 2);
    CHECK(z.phones[0].value == "+46-8-123-456");
    CHECK(z.phones[0].label == "work");  // "work,voice": voice says nothing
    CHECK(z.phones[1].value == "+46-70-123-4567");
    CHECK(z.phones[1].label == "mobile");
    REQUIRE(z.urls.size() == 2);
    CHECK(z.urls[0].value == "https://zoe.example");
    CHECK(z.urls[0].label == "home");
    CHECK(z.urls[1].value == "https://se.linkedin.com/in/zoe-angstrom");
    CHECK(z.urls[1].label == "linkedin");
    CHECK(z.birthday == std::optional<std::string>("--04-12"));
    CHECK(z.tags == std::vector<std::string>{"Speakers", "Stockholm"});
}

TEST_CASE("vCard file with several cards, one without a name", "[contacts]") {
    ContactsFile file = parseContacts(readData("multi.vcf"), "all.vcf", "auto");
    REQUIRE(file.contacts.size() == 3);
    CHECK(file.contacts[0].line == 1);
    CHECK(file.contacts[0].fullName == "Дмитрий Соколов");
    CHECK(file.contacts[0].givenName == "Дмитрий");
    CHECK(file.contacts[1].line == 13);
    CHECK(file.contacts[1].fullName == "Bo");  // from N's given name alone
    REQUIRE(file.contacts[1].phones.size() == 1);
    CHECK(file.contacts[1].phones[0].value == "+1 555 0100");
    CHECK(file.contacts[2].line == 18);
    CHECK(file.contacts[2].fullName == "山田 太郎");  // FN as written wins over N's order
    CHECK(file.contacts[2].familyName == "山田");
    CHECK(file.contacts[2].givenName == "太郎");
    CHECK_FALSE(file.contacts[2].birthday);
    CHECK(file.warnings ==
          std::vector<std::string>{"line 8: card has no FN or N; skipped", "line 23: BDAY '1990-02-30' is not a date; ignored"});
}

TEST_CASE("vCard errors name the BEGIN line or the property line", "[contacts]") {
    SECTION("a card whose END is missing before the next card") {
        FormatError e = vcardError(readData("missing_end.vcf"));
        CHECK(e.line() == 6);
        CHECK(e.reason() == "BEGIN:VCARD has no END:VCARD (another BEGIN:VCARD starts at line 11)");
        CHECK(std::string(e.what()) == "c.vcf:6: BEGIN:VCARD has no END:VCARD (another BEGIN:VCARD starts at line 11)");
    }
    SECTION("a card whose END is missing at the end of the file") {
        FormatError e = vcardError("BEGIN:VCARD\nFN:A\nEND:VCARD\n\nBEGIN:VCARD\nFN:B\nNOTE:x\n");
        CHECK(e.line() == 5);
        CHECK(e.reason() == "BEGIN:VCARD has no END:VCARD");
    }
    SECTION("a QP soft break before END does not swallow END") {
        ContactRecord c = oneCard("FN:Ana\r\nNOTE;ENCODING=QUOTED-PRINTABLE:ends with=\r\n");
        CHECK(c.note == "ends with=");
    }
    SECTION("no card at all") {
        try {
            parseVCard("\n\nFN:Ana\n", "c.vcf");
            FAIL("expected a FormatError");
        } catch (const FormatError& caught) {
            CHECK(caught.line() == 3);
            CHECK(caught.reason() == "no BEGIN:VCARD found; not a vCard file");
        }
    }
    SECTION("a .vcf that is not a vCard") {
        FormatError e = vcardError("FN:Ana\n");
        CHECK(e.line() == 1);
        CHECK(e.reason() == "not a vCard file (it does not start with BEGIN:VCARD)");
    }
}

TEST_CASE("vCard details: charsets, escapes, groups, AGENT, odd lines", "[contacts]") {
    SECTION("Windows-1252, KOI8-R and Shift_JIS through iconv") {
        ContactsFile file = parseContacts(
            "BEGIN:VCARD\nFN;CHARSET=windows-1252:\x93Smart\x94 Ana\nORG;CHARSET=KOI8-R:\xF0\xD2\xC9\nTITLE;CHARSET=Shift_JIS:Boss\nEND:VCARD\n",
            "c.vcf", "auto");
        REQUIRE(file.contacts.size() == 1);
        CHECK(file.contacts[0].fullName == "\u201CSmart\u201D Ana");
        CHECK(file.contacts[0].company == "\u041F\u0440\u0438");  // "При"
        CHECK(file.contacts[0].role == "Boss");
        CHECK(file.warnings.empty());
    }
    SECTION("escapes in N, ORG and CATEGORIES") {
        ContactRecord c = oneCard("N:O\\;Brien;Se\\,an;;;\r\nORG:A\\;B;C\r\nCATEGORIES:a\\,b,c\r\nNOTE:x\\\\ny\\Nz\r\n");
        CHECK(c.familyName == "O;Brien");
        CHECK(c.givenName == "Se,an");
        CHECK(c.fullName == "Se,an O;Brien");
        CHECK(c.company == "A;B");
        CHECK(c.tags == std::vector<std::string>{"a,b", "c"});
        CHECK(c.note == "x\\ny\nz");
    }
    SECTION("lower-case names, tab folding, LF only, group on TEL") {
        ContactRecord c = oneCard("fn:Ana\n\t Lima\nwork.tel;type=work:+351 21\n 000\nwork.X-ABLABEL:_$!<Work>!$_\n");
        CHECK(c.fullName == "Ana Lima");
        REQUIRE(c.phones.size() == 1);
        CHECK(c.phones[0].value == "+351 21000");
        CHECK(c.phones[0].label == "work");
    }
    SECTION("an AGENT card inside a card is not a second contact") {
        ContactsFile file = parseContacts(
            "BEGIN:VCARD\nVERSION:2.1\nFN:Boss\nAGENT:\nBEGIN:VCARD\nVERSION:2.1\nFN:Assistant\nEND:VCARD\nEMAIL:boss@x.org\nEND:VCARD\n",
            "c.vcf", "auto");
        REQUIRE(file.contacts.size() == 1);
        CHECK(file.contacts[0].fullName == "Boss");
        REQUIRE(file.contacts[0].emails.size() == 1);
        CHECK(file.contacts[0].emails[0].value == "boss@x.org");
    }
    SECTION("junk lines warn, the card survives") {
        ContactsFile file = parseContacts("BEGIN:VCARD\nFN:Ana\nthis is not a property\nEND:VCARD\nstray text\nEND:VCARD\n",
                                          "c.vcf", "auto");
        REQUIRE(file.contacts.size() == 1);
        CHECK(file.warnings == std::vector<std::string>{"line 3: line is not a NAME:value property; ignored",
                                                        "line 5: text outside BEGIN:VCARD ... END:VCARD; ignored",
                                                        "line 6: END:VCARD without BEGIN:VCARD; ignored"});
    }
    SECTION("base64 text values are not decoded") {
        ContactsFile file = parseContacts("BEGIN:VCARD\nFN:Ana\nNOTE;ENCODING=b:aGVsbG8=\nEND:VCARD\n", "c.vcf",
                                          "auto");
        REQUIRE(file.contacts.size() == 1);
        CHECK(file.contacts[0].note.empty());
        CHECK(file.warnings == std::vector<std::string>{"line 3: card 'Ana': NOTE is base64-encoded; ignored"});
    }
    SECTION("2.1 photo with unindented base64 lines") {
        ContactRecord c = oneCard("FN:Ana\r\nPHOTO;BASE64;JPEG:/9j/4AAQ\r\nSkZJRgABAQ+/\r\nAAAA==\r\n\r\nTEL:123\r\n");
        REQUIRE(c.phones.size() == 1);
        CHECK(c.phones[0].value == "123");
    }
}

TEST_CASE("vCard bounds: folded megabytes, many parameters, many cards", "[contacts]") {
    auto start = std::chrono::steady_clock::now();
    SECTION("a 6 MB photo in 80,000 folded lines is skipped") {
        std::string card = "BEGIN:VCARD\r\nFN:Ana\r\nPHOTO;ENCODING=b;TYPE=JPEG:";
        for (int i = 0; i < 80000; ++i) card += " QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAx\r\n";
        card += "EMAIL:ana@x.org\r\nEND:VCARD\r\n";
        ContactsFile file = parseContacts(card, "c.vcf", "auto");
        REQUIRE(file.contacts.size() == 1);
        CHECK(file.contacts[0].emails.size() == 1);
        CHECK(file.warnings.empty());
    }
    SECTION("a 1.5 MiB folded note is cut at 1 MiB on a character boundary") {
        std::string card = "BEGIN:VCARD\nFN:Ana\nNOTE:";
        std::string chunk;
        while (chunk.size() < 70) chunk += "ж";
        for (size_t n = 0; n * 71 < (size_t(3) << 19); ++n) card += chunk + "\n ";
        card += "end\nEND:VCARD\n";
        ContactsFile file = parseContacts(card, "c.vcf", "auto");
        REQUIRE(file.contacts.size() == 1);
        const std::string& note = file.contacts[0].note;
        CHECK(note.size() <= (size_t(1) << 20));
        CHECK(note.size() > (size_t(1) << 20) - 8);
        CHECK(text::isValidUtf8(note));
        CHECK(file.warnings == std::vector<std::string>{"line 3: card 'Ana': NOTE value is longer than 1 MiB; truncated"});
    }
    SECTION("100,000 parameters on one line") {
        std::string line = "EMAIL";
        for (int i = 0; i < 100000; ++i) line += ";TYPE=work";
        ContactRecord c = oneCard("FN:Ana\r\n" + line + ":ana@x.org\r\n");
        REQUIRE(c.emails.size() == 1);
        CHECK(c.emails[0].label == "work");
    }
    SECTION("more than 100000 cards") {
        std::string many;
        many.reserve(3000000);
        for (int i = 0; i < 100001; ++i) many += "BEGIN:VCARD\nFN:A\nEND:VCARD\n";
        FormatError e = vcardError(many);
        CHECK(e.line() == 300001);
        CHECK(e.reason() == "more than 100000 contacts in one file (the limit); split the file");
    }
    SECTION("warnings stop at 200") {
        std::string cards;
        for (int i = 0; i < 300; ++i) cards += "BEGIN:VCARD\nEMAIL:x@y.z\nEND:VCARD\n";
        cards += "BEGIN:VCARD\nFN:Kept\nEND:VCARD\n";
        ContactsFile file = parseContacts(cards, "c.vcf", "auto");
        REQUIRE(file.contacts.size() == 1);
        CHECK(file.warnings.size() == 201);
        CHECK(file.warnings.front() == "line 1: card has no FN or N; skipped");
        CHECK(file.warnings.back() == "100 more warnings not shown");
    }
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(20));
}
