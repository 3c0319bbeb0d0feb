// Right-to-left and Devanagari names drawn by ImGui, which lays glyphs left to
// right one by one: visualOrder puts them in drawing order and joins Arabic.
#include <catch2/catch.hpp>

#include <string>

#include "test_support.h"
#include "ui/glyph_watch.h"
#include "ui/text_shaping.h"

using namespace hallway::ui;

TEST_CASE("Hebrew is drawn right to left, Latin and CJK are left alone", "[ui][shaping]") {
    CHECK(visualOrder("שלום") == "םולש");
    CHECK_FALSE(needsShaping("Ana Lima"));
    CHECK_FALSE(needsShaping("田中 太郎, Zoë"));
    std::string buffer;
    CHECK(shaped("Ana Lima", buffer) == "Ana Lima");
    CHECK(buffer.empty());
    // A Latin name with a Hebrew one: the line stays left to right, the Hebrew word reversed.
    CHECK(visualOrder("Yael יעל") == "Yael לעי");
}

TEST_CASE("Arabic letters are joined into their presentation forms and reversed", "[ui][shaping]") {
    // سلام: initial seen, then lam and alef as their one ligature, isolated meem;
    // drawn right to left: meem, lam-alef, seen.
    CHECK(visualOrder("سلام") == "\uFEE1\uFEFC\uFEB3");
    // محمد: initial meem, medial hah, medial meem, final dal.
    CHECK(visualOrder("محمد") == "\uFEAA\uFEE4\uFEA4\uFEE3");
    CHECK(needsShaping("سلام"));
    // Digits inside an Arabic name keep their own order.
    CHECK(visualOrder("علي 42").find("42") != std::string::npos);
}

TEST_CASE("Devanagari's short i is drawn before its consonant cluster", "[ui][shaping]") {
    CHECK(visualOrder("कि") == "िक");
    CHECK(visualOrder("हिन्दी") == "िहन्दी");
    CHECK(visualOrder("स्त्रि") == "िस्त्र");  // before the whole cluster स्त्र
    CHECK(visualOrder("अनिल") == "अिनल");
}

TEST_CASE("the glyph watch asks for a rebuild only for codepoints the atlas lacks", "[ui][fonts]") {
    GlyphWatch watch;
    watch.setBuilt({0xAE40});
    watch.typed(U'a');
    watch.typed(U'é');
    watch.typed(0x4E2D);   // 中, common
    watch.typed(0xAE40);   // already built
    watch.typed(0x1F600);  // an emoji: never in this atlas
    CHECK_FALSE(watch.rebuildDue());
    watch.typed(0xBBFC);  // 민
    watch.scanned({0xAE40, 0x05D0});
    CHECK(watch.rebuildDue());
    CHECK(watch.wanted() == std::set<char32_t>{0x05D0, 0xAE40, 0xBBFC});
    watch.rebuilt();
    CHECK_FALSE(watch.rebuildDue());
    CHECK(watch.built().size() == 3);
}

TEST_CASE("the glyph memory keeps a database's codepoints and how far its notes were read", "[ui][fonts]") {
    hallway::testing::TempDir dir;
    const std::string cache = dir.file("fonts");
    CHECK(readGlyphMemory(cache, "/data/a.db").codepoints.empty());
    StoredCodepoints memory;
    memory.codepoints = {0x05D0, 0xAE40};
    memory.notesScannedTo = 4711;
    writeGlyphMemory(cache, "/data/a.db", memory);
    const StoredCodepoints back = readGlyphMemory(cache, "/data/a.db");
    CHECK(back.codepoints == memory.codepoints);
    CHECK(back.notesScannedTo == 4711);
    CHECK(readGlyphMemory(cache, "/data/b.db").notesScannedTo == 0);  // another database starts afresh
}
