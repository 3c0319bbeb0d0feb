// Files saved by old Mac tools end their lines with CR alone. Every text
// importer reads them as line breaks (converted once, with the encodings), so
// they import exactly like the same file with LF, and errors name the same lines.
#include <catch2/catch.hpp>

#include <algorithm>

#include "formats/agenda.h"
#include "formats/contacts.h"
#include "formats/encoding.h"
#include "test_support.h"

using namespace hallway;
using hallway::testing::readFile;
using hallway::testing::testData;

namespace {

// The file with every line break (LF or CRLF) made a lone CR.
std::string crOnly(const std::string& text) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
        out += text[i] == '\n' ? '\r' : text[i];
    }
    REQUIRE(out.find('\n') == std::string::npos);
    REQUIRE(out.find('\r') != std::string::npos);
    return out;
}

std::string agendaDigest(const Agenda& a) {
    std::string out = a.title + "|" + std::to_string(a.days.size()) + "\n";
    for (const auto& s : a.sessions) {
        out += s.sourceId + "|" + s.title + "|" + std::to_string(s.startsAt) + "|" + std::to_string(s.endsAt) + "|" +
               s.room + "|" + s.description + "|" + s.abstract + "|line " + std::to_string(s.line);
        for (const auto& sp : s.speakers) out += "|" + sp.name;
        out += "\n";
    }
    return out;
}

std::string contactsDigest(const ContactsFile& f) {
    std::string out = f.format + "\n";
    for (const auto& c : f.contacts) {
        out += c.fullName + "|" + c.company + "|" + c.role + "|" + c.note + "|line " + std::to_string(c.line);
        for (const auto& e : c.emails) out += "|" + e.value;
        for (const auto& p : c.phones) out += "|" + p.value;
        out += "\n";
    }
    return out;
}

std::string errorOf(const std::string& bytes, const std::string& name) {
    try {
        parseAgenda(bytes, name, "auto");
    } catch (const FormatError& e) {
        return e.what();
    }
    return "(no error)";
}

}  // namespace

TEST_CASE("CR-only text is told apart from LF and CRLF", "[encoding][cr]") {
    CHECK(encoding::hasCrOnlyLines("a\rb\r"));
    CHECK_FALSE(encoding::hasCrOnlyLines("a\r\nb\r\n"));
    CHECK_FALSE(encoding::hasCrOnlyLines("a\nb\n"));
    CHECK_FALSE(encoding::hasCrOnlyLines("one line"));
    std::string storage;
    CHECK(encoding::toUtf8("a\rb\r", storage, "f") == "a\nb\n");
    // UTF-16 with CR line ends: decoded, then the breaks made LF.
    std::string utf16("\xff\xfe" "a\0\r\0b\0", 8);
    CHECK(encoding::toUtf8(utf16, storage, "f") == "a\nb");
}

TEST_CASE("agendas with CR-only lines import like the same file with LF", "[agenda][cr]") {
    for (const char* file : {"ics/folded_utf8.ics", "ics/zones.ics", "frab/tricky.xml", "days/congress.xml",
                             "frab/c3voc.json", "csv/basic.csv", "csv/tabs.tsv", "sessionize/all_data.json"}) {
        DYNAMIC_SECTION(file) {
            std::string lf = readFile(testData(file));
            Agenda a = parseAgenda(lf, file, "auto");
            Agenda b = parseAgenda(crOnly(lf), file, "auto");
            CHECK(b.format == a.format);
            CHECK(!b.sessions.empty());
            CHECK(agendaDigest(b) == agendaDigest(a));
        }
    }
}

TEST_CASE("an error in a CR-only agenda names the same line as with LF", "[agenda][cr]") {
    for (const char* file : {"csv/unterminated_quote.csv", "frab/truncated.xml", "ics/bad_dtstart.ics"}) {
        DYNAMIC_SECTION(file) {
            std::string lf = readFile(testData(file));
            std::string error = errorOf(lf, file);
            CHECK(error != "(no error)");
            CHECK(errorOf(crOnly(lf), file) == error);
        }
    }
}

TEST_CASE("contacts with CR-only lines import like the same file with LF", "[contacts][cr]") {
    for (const char* file : {"contacts/vcard30.vcf", "contacts/vcard21_qp.vcf", "contacts/vcard40.vcf",
                             "contacts/google_new.csv", "contacts/thunderbird.csv",
                             "contacts/linkedin_connections.csv"}) {
        DYNAMIC_SECTION(file) {
            std::string lf = readFile(testData(file));
            ContactsFile a = parseContacts(lf, file, "auto");
            ContactsFile b = parseContacts(crOnly(lf), file, "auto");
            CHECK(!b.contacts.empty());
            CHECK(contactsDigest(b) == contactsDigest(a));
        }
    }
}
