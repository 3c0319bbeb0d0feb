// CSV as spreadsheets write it (RFC 4180 plus the usual leniencies), shared by
// the agenda and contact parsers. One pass over the text, records carry the
// line they start on, and the work stays bounded on hostile input.
//
// Usage:
//   csv::Layout layout = csv::detectLayout(text::stripBom(bytes));
//   csv::Reader reader(layout, fileName);
//   csv::Record r;
//   while (reader.next(r)) { ... }  // call limitToHeader() after the header
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace hallway::csv {

// Longer fields are cut at a UTF-8 character boundary and reported.
constexpr size_t kMaxField = size_t(1) << 20;
// More columns than this is an error rather than a table.
constexpr size_t kMaxColumns = 256;

struct Record {
    int line = 0;                     // 1-based physical line where the record starts
    std::vector<std::string> fields;  // unquoted, doubled quotes undone, CRLF inside quotes as "\n"
    std::vector<size_t> truncated;    // indexes of fields that were cut at kMaxField

    // True when every field is empty after trimming (a blank line, ",,,").
    bool isBlank() const;
};

// Where the records begin and which separator splits them.
struct Layout {
    std::string_view body;  // the text after any "sep=" line
    char separator = ',';
    int firstLine = 1;      // line number of body's first byte
};

// Excel's "sep=;" hint line is honoured and skipped. Otherwise the first
// non-blank line decides: a comma wins, else a tab, else a semicolon, else a
// comma. Pass the text without its BOM (text::stripBom).
Layout detectLayout(std::string_view bytes);

// Splits the body into records. Throws FormatError for an unterminated quote
// (naming the line where it opens) and for a row wider than allowed (naming
// the record's first line). Keeps references to `body` and `fileName`.
class Reader {
public:
    Reader(std::string_view body, char separator, const std::string& fileName, int firstLine = 1);
    Reader(const Layout& layout, const std::string& fileName)
        : Reader(layout.body, layout.separator, fileName, layout.firstLine) {}

    // After the header: data rows may not have more non-empty fields than the
    // header has columns (empty trailing cells that spreadsheets pad with are dropped).
    void limitToHeader(size_t columns);

    // Reads the next record into `out`; false at the end of the text.
    bool next(Record& out);

    // Line number where the next record would start.
    int line() const { return m_line; }

private:
    std::string_view m_s;
    char m_sep;
    const std::string& m_file;
    int m_line;
    size_t m_pos = 0;
    size_t m_maxFields = kMaxColumns;
    bool m_headerRead = false;
};

// Every record of `bytes` (BOM skipped, layout detected), blank ones included.
// Without a header limit: rows may be up to kMaxColumns wide.
std::vector<Record> readAll(std::string_view bytes, const std::string& fileName);

// Cuts `s` to at most `max` bytes at a UTF-8 character boundary.
void truncateUtf8(std::string& s, size_t max);

}  // namespace hallway::csv
