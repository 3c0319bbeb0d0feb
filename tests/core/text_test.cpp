#include <catch2/catch.hpp>

#include <algorithm>

#include "core/text.h"

using namespace hallway;

TEST_CASE("speaker lists split on commas, semicolons and joining words", "[text]") {
    using V = std::vector<std::string>;
    CHECK(text::splitNames("Ana Lima, Bo Chen & Cy Diaz") == V{"Ana Lima", "Bo Chen", "Cy Diaz"});
    CHECK(text::splitNames("A; B and C") == V{"A", "B", "C"});
    CHECK(text::splitNames("Jürgen Groß und Anna Weiß") == V{"Jürgen Groß", "Anna Weiß"});
    CHECK(text::splitNames("Sandy Anderson") == V{"Sandy Anderson"});  // "and" inside a word is not a separator
    CHECK(text::splitNames(" , ;  ").empty());
    std::string hostile;
    for (int i = 0; i < 200000; ++i) hostile += " & ";
    CHECK(text::splitNames(hostile).empty());  // linear: finishes at once
}

TEST_CASE("line index agrees with counting newlines", "[text]") {
    std::string s = "a\nbb\n\nccc";
    text::LineIndex index(s);
    for (size_t i = 0; i <= s.size(); ++i) CHECK(index.lineAt(i) == text::lineAt(s, i));
}

TEST_CASE("UTF-8 validation rejects overlongs, surrogates and truncation", "[text]") {
    CHECK(text::isValidUtf8("Ünïcödé 日本語 Ελληνικά 🎉"));
    CHECK_FALSE(text::isValidUtf8("\xC0\xAF"));          // overlong '/'
    CHECK_FALSE(text::isValidUtf8("\xED\xA0\x80"));      // surrogate
    CHECK_FALSE(text::isValidUtf8("caf\xC3"));           // cut mid-character
    CHECK_FALSE(text::isValidUtf8("caf\xE9"));           // Latin-1
}

TEST_CASE("HTML descriptions become plain text", "[text]") {
    CHECK(text::stripHtml("<p>Hello &amp; welcome</p><p>Second</p>") == "Hello & welcome\nSecond");
    CHECK(text::stripHtml("a<br/>b") == "a\nb");
}

TEST_CASE("search folding matches what the index folds: case and accents", "[text][search]") {
    CHECK(text::searchFold("José") == "jose");
    CHECK(text::searchFold("MÜLLER") == "muller");
    CHECK(text::searchFold("Dvořák") == "dvorak");
    CHECK(text::searchFold("Łukasz") == "lukasz");  // no accent to drop: spelled as typed on ASCII keys
    CHECK(text::searchFold("ØSTERGÅRD") == "ostergard");
    CHECK(text::searchFold("Straße") == "strasse");
    CHECK(text::searchFold("Ærøskøbing") == "aeroskobing");
    CHECK(text::searchFold("Đorđe") == "dorde");
    CHECK(text::searchFold("Άννα") == "αννα");
    CHECK(text::searchFold("ΣΩΚΡΆΤΗΣ") == "σωκρατησ");
    CHECK(text::searchFold("Анна ЁЖ") == "анна ёж");
    CHECK(text::searchFold("田中") == "田中");
    CHECK(text::searchFold("\xC3") == "\xC3");  // a cut sequence is kept, not read past
}

TEST_CASE("a text box splits into lines with spaces collapsed and blank lines kept", "[text]") {
    CHECK(text::lines("a  b\n\n  c\t d \n") == std::vector<std::string>{"a b", "", "c d", ""});
    CHECK(text::lines("one") == std::vector<std::string>{"one"});
    CHECK(text::lines("x\r\ny") == std::vector<std::string>{"x", "y"});  // CR is whitespace, collapsed away
    CHECK(text::lines("") == std::vector<std::string>{""});
}

TEST_CASE("the spellings the index may hold for a folded word", "[text][search]") {
    CHECK(text::transliterationVariants("rust") == std::vector<std::string>{"rust"});
    CHECK(text::transliterationVariants("oystein") == std::vector<std::string>{"oystein", "\xC3\xB8ystein"});
    auto strasse = text::transliterationVariants("strasse");
    CHECK(std::find(strasse.begin(), strasse.end(), "stra\xC3\x9F" "e") != strasse.end());
    auto aero = text::transliterationVariants("aeroskobing");
    CHECK(std::find(aero.begin(), aero.end(), "\xC3\xA6r\xC3\xB8skobing") != aero.end());  // two swaps
    // Long words stay bounded.
    CHECK(text::transliterationVariants("loldoldoldoldold").size() == 8);
    CHECK(text::transliterationVariants("loldoldoldoldold", 3).size() == 3);
}
