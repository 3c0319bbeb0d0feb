// Small text helpers shared by the parsers, the store and the services.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace hallway::text {

// 1-based line number of byte `offset` in `bytes`.
int lineAt(std::string_view bytes, size_t offset);

// Line numbers for many offsets into one text: O(log n) per lookup instead of
// counting newlines from the start each time (which is quadratic over a file).
class LineIndex {
public:
    explicit LineIndex(std::string_view bytes);
    // 1-based line of byte `offset`.
    int lineAt(size_t offset) const;

private:
    std::vector<size_t> m_lineStarts;
};

// True when `bytes` is valid UTF-8 (a leading BOM is fine).
bool isValidUtf8(std::string_view bytes);

// Heuristic: NUL bytes or many control characters in the first 4 KiB.
bool looksBinary(std::string_view bytes);

std::string_view stripBom(std::string_view bytes);

std::string trim(std::string_view s);

// Collapses runs of whitespace (including newlines) into one space and trims.
std::string collapseSpaces(std::string_view s);

// The lines of a text box or stored list, each with spaces collapsed; blank
// lines stay (as "") so callers can name a line by its number.
std::vector<std::string> lines(std::string_view s);

// ASCII lower-case.
std::string lower(std::string_view s);

// Folds a word the way the search index (FTS5 unicode61, remove_diacritics)
// compares it, for ranking and highlighting its hits: ASCII, Latin-1 and
// Latin Extended-A, Greek and Cyrillic letters lower-cased, and accents
// dropped from Latin letters and Greek vowels ("José" -> "jose", "Άννα" ->
// "αννα"), and ø æ ß ł đ (and capitals) spelled as on an ASCII keyboard:
// o ae ss l d. Other characters are kept as they are. The index keeps ø
// and the rest as they are; sql::ftsTypedQuery asks for both spellings.
std::string searchFold(std::string_view word);

// The spellings of a folded word that the index may hold: "oystein" ->
// "oystein", "øystein"; "strasse" -> "strasse", "straße". Letters that
// transliterate (o l d ss ae) are swapped at most two at a time, and at most
// `limit` spellings come back, the word itself first.
std::vector<std::string> transliterationVariants(std::string_view folded, size_t limit = 8);

// Unicode Normalization Form C: "José" typed as e + combining accent becomes
// the one-character é, so names compare equal however they were typed.
// Invalid UTF-8 comes back unchanged.
std::string nfc(std::string_view s);

// The key used to deduplicate people by name: whitespace collapsed, ASCII
// case folded. "  Ana  Lima" and "ana lima" give the same key.
std::string nameKey(std::string_view name);

// Splits a speaker list such as "Ana Lima, Bo Chen & Cy Diaz" or "A; B and C"
// into trimmed, non-empty names.
std::vector<std::string> splitNames(std::string_view list);

// User text for one line of Markdown: line breaks become spaces, < > and an
// & that would start an entity are written as entities (no raw HTML or
// autolinks; "Q&A" stays as typed), and \ ` * _ [ ] are escaped with a
// backslash (no links, images, code or emphasis).
// markdownUnescape() reverses it.
std::string markdownInline(std::string_view s);
std::string markdownUnescape(std::string_view s);

// Removes HTML tags and decodes the common entities; keeps paragraph breaks
// as newlines. For descriptions that agendas ship as HTML.
std::string stripHtml(std::string_view html);

}  // namespace hallway::text
