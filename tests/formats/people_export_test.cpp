#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "core/atomic_file.h"
#include "formats/people_export.h"
#include "test_support.h"

using namespace hallway;

TEST_CASE("CSV cells are quoted and formulas neutralised", "[export]") {
    CHECK(csvCell("plain") == "plain");
    CHECK(csvCell("a,b") == "\"a,b\"");
    CHECK(csvCell("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(csvCell("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"");
    CHECK(csvCell("+1 555") == "'+1 555");
    CHECK(csvCell("-2") == "'-2");
    CHECK(csvCell("@SUM(A1)") == "'@SUM(A1)");
    CHECK(csvCell("line\nbreak") == "\"line\nbreak\"");
}

TEST_CASE("vCard 4.0 export escapes text and folds long lines on character boundaries", "[export]") {
    Person p;
    p.displayName = "Zoë Ångström";
    p.givenName = "Zoë";
    p.familyName = "Ångström";
    p.company = "Smith, Jones; and Partners";
    p.emails = {{"zoe@example.org", "work"}};
    p.howMet = std::string(60, 'x') + " — " + std::string(60, 'y');
    p.tags = {"rust", "wasm"};
    std::string card = peopleToVCard({p});
    CHECK(card.rfind("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Zoë Ångström\r\n", 0) == 0);
    CHECK(card.find("ORG:Smith\\, Jones\\; and Partners\r\n") != std::string::npos);
    CHECK(card.find("EMAIL;TYPE=work:zoe@example.org\r\n") != std::string::npos);
    CHECK(card.find("CATEGORIES:rust,wasm\r\n") != std::string::npos);
    // Every physical line fits in 75 octets and no UTF-8 sequence is split.
    size_t start = 0;
    while (start < card.size()) {
        size_t end = card.find("\r\n", start);
        REQUIRE(end != std::string::npos);
        CHECK(end - start <= 75);
        if (end > start) CHECK((static_cast<unsigned char>(card[start == 0 ? 0 : start]) & 0xC0) != 0x80);
        start = end + 2;
    }
    CHECK(card.substr(card.size() - 11) == "END:VCARD\r\n");
}

TEST_CASE("CSV export has a header and one row per person", "[export]") {
    Person p;
    p.displayName = "=cmd|' /C calc'!A0";
    p.emails = {{"a@x.org", ""}, {"b@x.org", ""}};
    std::string csv = peopleToCsv({p});
    CHECK(csv.rfind("name,given_name,family_name,company,role,emails,phones,urls,tags,how_met\r\n", 0) == 0);
    CHECK(csv.find("'=cmd|' /C calc'!A0,") != std::string::npos);
    CHECK(csv.find("\"a@x.org; b@x.org\"") != std::string::npos);
}

TEST_CASE("atomic writes replace the file whole and leave no temp file on failure", "[export]") {
    hallway::testing::TempDir dir;
    std::string path = dir.file("out.vcf");
    writeFileAtomically(path, "first", 0600);
    writeFileAtomically(path, "second", 0600);
    CHECK(hallway::testing::readFile(path) == "second");
    struct stat st {};
    REQUIRE(stat(path.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK_THROWS_WITH(writeFileAtomically(dir.file("missing/out.vcf"), "x"), Catch::Contains("missing/out.vcf"));
    int files = 0;
    for (auto& entry : std::filesystem::directory_iterator(dir.path())) {
        (void)entry;
        ++files;
    }
    CHECK(files == 1);
}
