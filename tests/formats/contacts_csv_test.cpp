#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "core/text.h"
#include "formats/contacts.h"
#include "formats/csv.h"

using namespace hallway;

namespace {

std::string readData(const std::string& name) {
    std::ifstream in(std::string(HALLWAY_TEST_DATA_DIR) + "/contacts/" + name, std::ios::binary);
    REQUIRE(in);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

FormatError csvError(const std::string& text, const ContactsParseOptions& options = {}) {
    try {
        parseContacts(text, "people.csv", "csv", options);
    } catch (const FormatError& e) {
        return e;
    }
    FAIL("expected a FormatError");
    throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("Google Contacts CSV, the old export", "[contacts]") {
    ContactsFile file = parseContacts(readData("google_old.csv"), "contacts.csv", "auto");
    CHECK(file.format == "google");
    REQUIRE(file.contacts.size() == 2);

    const ContactRecord& ana = file.contacts[0];
    CHECK(ana.line == 2);
    CHECK(ana.fullName == "Ana Lima");
    CHECK(ana.givenName == "Ana");
    CHECK(ana.familyName == "Lima");
    CHECK(ana.company == "Acme, Lda.");
    CHECK(ana.role == "Engineer");
    CHECK(ana.note == "Speaker, Lisbon 2024.\nLikes: CRDTs");
    CHECK(ana.tags == std::vector<std::string>{"Speakers", "Lisbon 2024"});
    CHECK(ana.birthday == std::optional<std::string>("1990-07-01"));
    // " ::: " joins several values in one cell; "ANA@X.ORG" repeats ana@x.org.
    REQUIRE(ana.emails.size() == 2);
    CHECK(ana.emails[0].value == "ana.lima@work.example");
    CHECK(ana.emails[0].label == "work");
    CHECK(ana.emails[1].value == "ana@x.org");
    CHECK(ana.emails[1].label == "work");
    REQUIRE(ana.phones.size() == 2);
    CHECK(ana.phones[0].value == "+351 912 345 678");
    CHECK(ana.phones[0].label == "mobile");
    CHECK(ana.phones[1].value == "+351 21 000 0000");
    CHECK(ana.phones[1].label == "work");
    REQUIRE(ana.urls.size() == 1);
    CHECK(ana.urls[0].value == "https://www.linkedin.com/in/analima");
    CHECK(ana.urls[0].label == "linkedin");

    const ContactRecord& bo = file.contacts[1];
    CHECK(bo.line == 4);  // Ana's notes span two lines
    CHECK(bo.fullName == "Bo X. Chen");
    CHECK(bo.tags.empty());  // only "* myContacts"
    REQUIRE(bo.phones.size() == 1);
    CHECK(bo.phones[0].value == "+1 555 0100");
    CHECK(bo.birthday == std::optional<std::string>("--12-24"));

    CHECK(file.warnings == std::vector<std::string>{"line 5: row has no name; skipped"});
}

TEST_CASE("Google Contacts CSV, the new export", "[contacts]") {
    ContactsFile file = parseContacts(readData("google_new.csv"), "contacts.csv", "auto");
    CHECK(file.format == "google");
    CHECK(file.warnings.empty());
    REQUIRE(file.contacts.size() == 2);

    const ContactRecord& e = file.contacts[0];
    CHECK(e.line == 2);
    CHECK(e.fullName == "Ελένη Παπαδοπούλου");
    CHECK(e.company == "Acme, Inc.");
    CHECK(e.role == "Head of Research");
    CHECK(e.note == "Keynote, day 2");
    CHECK(e.tags == std::vector<std::string>{"Athens 2024", "starred"});
    REQUIRE(e.emails.size() == 1);
    CHECK(e.emails[0].value == "eleni@acme.example");
    CHECK(e.emails[0].label == "work");
    REQUIRE(e.phones.size() == 1);
    CHECK(e.phones[0].value == "+30 690 000 0001");
    CHECK(e.phones[0].label == "mobile");
    REQUIRE(e.urls.size() == 1);
    CHECK(e.urls[0].value == "https://eleni.example/blog");
    CHECK(e.urls[0].label == "blog");

    const ContactRecord& z = file.contacts[1];
    CHECK(z.line == 4);  // the address above spans two lines
    CHECK(z.fullName == "Zoë Maria Ångström");
    CHECK(z.givenName == "Zoë");
    CHECK(z.familyName == "Ångström");
    CHECK(z.birthday == std::optional<std::string>("1988-02-29"));
    CHECK(z.tags.empty());
    CHECK(z.emails.empty());
}

TEST_CASE("Generic CSV with a column map, sep= line and several emails per cell", "[contacts]") {
    std::string csv =
        "sep=;\n"
        "Nome;Apelido;Empresa;Cargo;Correio;Telemóvel;Perfil;Etiquetas;Observações;Website\n"
        "Ana;Lima;Acme, Lda.;Engenheira;\"Ana@X.org; ana@work.example ,ANA@x.org\";+351 912 345 678;"
        "https://www.linkedin.com/in/analima;oradores, Lisboa;\"Conheci no corredor;\nfalámos de CRDTs\";https://ana.example\n"
        ";;Sem Nome;;x@y.z;;;;;\n";
    ContactsParseOptions options;
    options.csvColumns = {{"nome", "first_name"}, {"APELIDO", "last_name"}, {"Empresa", "company"},
                          {"Cargo", "role"},      {"Correio", "email"},     {"Telemóvel", "phone"},
                          {"Perfil", "url"},      {"Etiquetas", "tags"},    {"Observações", "note"},
                          {"Fax", "phone"}};
    ContactsFile file = parseContacts(csv, "pessoas.csv", "auto", options);
    CHECK(file.format == "csv");
    REQUIRE(file.contacts.size() == 1);
    const ContactRecord& a = file.contacts[0];
    CHECK(a.line == 3);
    CHECK(a.fullName == "Ana Lima");
    CHECK(a.givenName == "Ana");
    CHECK(a.familyName == "Lima");
    CHECK(a.company == "Acme, Lda.");
    CHECK(a.role == "Engenheira");
    REQUIRE(a.emails.size() == 2);
    CHECK(a.emails[0].value == "ana@x.org");
    CHECK(a.emails[1].value == "ana@work.example");
    REQUIRE(a.phones.size() == 1);
    CHECK(a.phones[0].value == "+351 912 345 678");
    REQUIRE(a.urls.size() == 2);
    CHECK(a.urls[0].value == "https://www.linkedin.com/in/analima");
    CHECK(a.urls[0].label == "linkedin");
    CHECK(a.urls[1].value == "https://ana.example");  // "Website" is known without the map
    CHECK(a.urls[1].label.empty());
    CHECK(a.tags == std::vector<std::string>{"oradores", "Lisboa"});
    CHECK(a.note == "Conheci no corredor;\nfalámos de CRDTs");
    CHECK(file.warnings == std::vector<std::string>{"line 2: column map names 'Fax', which the header does not have",
                                                    "line 5: row has no name; skipped"});
}

TEST_CASE("Generic CSV by its header spellings", "[contacts]") {
    std::string csv =
        "Full Name,Job Title,Organisation,E-Mail,Work Phone,Mobile,LinkedIn,Tags,Notes,Shoe Size\n"
        "  Bo   Chen ,Speaker,Chen & Co,bo@chen.example,+1 555 0100,+1 555 0199,https://example.org/bo,a;b,hi,44\n";
    ContactsFile file = parseContacts(csv, "list.csv", "auto");
    CHECK(file.format == "csv");
    REQUIRE(file.contacts.size() == 1);
    const ContactRecord& b = file.contacts[0];
    CHECK(b.fullName == "Bo Chen");
    CHECK(b.givenName.empty());
    CHECK(b.role == "Speaker");
    CHECK(b.company == "Chen & Co");
    REQUIRE(b.emails.size() == 1);
    CHECK(b.emails[0].value == "bo@chen.example");
    REQUIRE(b.phones.size() == 2);
    CHECK(b.phones[0].label == "work");
    CHECK(b.phones[1].value == "+1 555 0199");
    CHECK(b.phones[1].label == "mobile");
    REQUIRE(b.urls.size() == 1);
    CHECK(b.urls[0].label == "linkedin");  // the column says so
    CHECK(b.tags == std::vector<std::string>{"a", "b"});
    CHECK(b.note == "hi");
    CHECK(file.warnings == std::vector<std::string>{"line 1: ignored columns: 'Shoe Size'"});
}

TEST_CASE("Generic CSV errors", "[contacts]") {
    SECTION("no name column names the header") {
        FormatError e = csvError("Email,Company\nana@x.org,Acme\n");
        CHECK(e.line() == 1);
        CHECK(e.reason() == "missing a name column: need 'name', or 'first name' and 'last name' (header has: Email, Company)");
    }
    SECTION("the header line counts the sep= line") {
        FormatError e = csvError("sep=;\nEmail;Company\n");
        CHECK(e.line() == 2);
    }
    SECTION("a map to an unknown field") {
        ContactsParseOptions options;
        options.csvColumns = {{"Nome", "nickname"}};
        FormatError e = csvError("Nome\nAna\n", options);
        CHECK(e.line() == 0);
        CHECK(e.reason() == "column map: 'Nome' maps to unknown field 'nickname' (use one of: name, first_name, "
                            "last_name, company, role, email, phone, url, tags, note)");
    }
    SECTION("a header and nothing else") {
        FormatError e = csvError("name,email\n\n");
        CHECK(e.reason() == "no contacts found");
    }
    SECTION("a text file with no contact header is not guessed") {
        try {
            parseContacts("hello there\nhow are you\n", "notes.txt", "auto");
            FAIL("expected a FormatError");
        } catch (const FormatError& e) {
            CHECK(e.line() == 1);
            CHECK(e.reason().find("unknown contacts format") == 0);
        }
    }
}

TEST_CASE("Shared CSV reader: layout, records and their lines", "[csv]") {
    SECTION("separator choice") {
        CHECK(csv::detectLayout("a,b;c\n").separator == ',');
        CHECK(csv::detectLayout("\n\na\tb;c\n").separator == '\t');
        CHECK(csv::detectLayout("a;b\n").separator == ';');
        CHECK(csv::detectLayout("a\n").separator == ',');
        csv::Layout hinted = csv::detectLayout("\nSEP=|\na|b\n");
        CHECK(hinted.separator == '|');
        CHECK(hinted.firstLine == 3);
        CHECK(hinted.body == "a|b\n");
    }
    SECTION("readAll keeps blank records and start lines") {
        auto records = csv::readAll("\xEF\xBB\xBFh1,h2\r\n\"x\r\ny\",\"say \"\"hi\"\"\"\r\n\r\nlast,row", "t.csv");
        REQUIRE(records.size() == 4);
        CHECK(records[0].fields == std::vector<std::string>{"h1", "h2"});
        CHECK(records[1].line == 2);
        CHECK(records[1].fields == std::vector<std::string>{"x\ny", "say \"hi\""});
        CHECK(records[2].line == 4);
        CHECK(records[2].isBlank());
        CHECK(records[3].line == 5);
        CHECK(records[3].fields == std::vector<std::string>{"last", "row"});
    }
    SECTION("limitToHeader drops padding, rejects real extra fields") {
        std::string file = "f.csv";
        csv::Reader reader("a,b\n1,2,,\n1,2,3\n", ',', file);
        csv::Record r;
        REQUIRE(reader.next(r));
        reader.limitToHeader(r.fields.size());
        REQUIRE(reader.next(r));
        CHECK(r.fields.size() == 2);
        CHECK(reader.line() == 3);
        try {
            reader.next(r);
            FAIL("expected a FormatError");
        } catch (const FormatError& e) {
            CHECK(std::string(e.what()) ==
                  "f.csv:3: row has more fields than the header's 2 columns (a separator inside an unquoted field?)");
        }
    }
    SECTION("truncateUtf8 cuts before a split character") {
        std::string s = "aé";  // 'é' is two bytes
        csv::truncateUtf8(s, 2);
        CHECK(s == "a");
        std::string t = "abc";
        csv::truncateUtf8(t, 5);
        CHECK(t == "abc");
    }
}

TEST_CASE("Thunderbird's address book CSV: primary and secondary emails, phones, organisation, job title",
          "[contacts]") {
    std::string bytes = readData("thunderbird.csv");
    CHECK(looksLikeContacts(bytes, "abook.csv"));  // dropped on the app, it goes to contacts
    ContactsFile file = parseContacts(bytes, "abook.csv", "auto");
    CHECK(file.format == "csv");
    REQUIRE(file.contacts.size() == 2);
    const ContactRecord& ines = file.contacts[0];
    CHECK(ines.fullName == "Ines Duarte");
    CHECK(ines.company == "Tejo Systems");
    CHECK(ines.role == "Release manager");
    REQUIRE(ines.emails.size() == 2);
    CHECK(ines.emails[0].value == "ines@duarte.example");
    CHECK(ines.emails[1].value == "ines.duarte@home.example");
    REQUIRE(ines.phones.size() == 2);
    CHECK(ines.phones[0].label == "work");
    CHECK(ines.phones[1].label == "mobile");
    REQUIRE(ines.urls.size() == 1);
    CHECK(ines.urls[0].value == "https://duarte.example");
    CHECK(ines.note == "Met at the packaging BoF");
    CHECK(file.contacts[1].emails.at(0).value == "karl@berg.example");
    CHECK(file.contacts[1].company == "Nordlicht GmbH");
}

TEST_CASE("Outlook CSV: Title is the honorific, Job Title the role", "[contacts]") {
    std::string bytes = readData("outlook.csv");
    CHECK(looksLikeContacts(bytes, "outlook.csv"));
    ContactsFile file = parseContacts(bytes, "outlook.csv", "auto");
    REQUIRE(file.contacts.size() == 2);
    const ContactRecord& amara = file.contacts[0];
    CHECK(amara.fullName == "Amara Okafor");
    CHECK(amara.role == "Principal scientist");
    CHECK(amara.company == "Savanna Labs");
    REQUIRE(amara.emails.size() == 2);
    CHECK(amara.emails[0].value == "amara@savanna.example");
    CHECK(amara.emails[1].value == "amara.okafor@mail.example");
    REQUIRE(amara.phones.size() == 2);
    CHECK(amara.phones[0].label == "work");
    CHECK(amara.tags == std::vector<std::string>{"Speakers", "Lagos"});
    CHECK(file.contacts[1].role.empty());  // "Ms." is not a role
    bool honorificIgnored = std::any_of(file.warnings.begin(), file.warnings.end(), [](const std::string& w) {
        return w.find("ignored columns: 'Title'") != std::string::npos;
    });
    CHECK(honorificIgnored);

    // A plain "Title" column without "Job Title" is still the role.
    ContactsFile plain = parseContacts("Name,Title\nBo Chen,CTO\n", "p.csv", "csv");
    CHECK(plain.contacts.at(0).role == "CTO");
}
