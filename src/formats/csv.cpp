#include "formats/csv.h"

#include "core/text.h"
#include "formats/agenda.h"  // FormatError

namespace hallway::csv {

bool Record::isBlank() const {
    for (const auto& f : fields)
        if (!text::trim(f).empty()) return false;
    return true;
}

Layout detectLayout(std::string_view bytes) {
    Layout layout;
    layout.body = bytes;
    size_t start = 0;
    int line = 1;
    while (start < bytes.size()) {
        size_t eol = bytes.find('\n', start);
        std::string_view row = bytes.substr(start, eol == std::string_view::npos ? std::string_view::npos : eol - start);
        std::string trimmed = text::trim(row);
        if (!trimmed.empty()) {
            if (text::lower(trimmed).rfind("sep=", 0) == 0 && trimmed.size() == 5) {
                layout.body.remove_prefix(eol == std::string_view::npos ? bytes.size() : eol + 1);
                layout.firstLine = line + 1;
                layout.separator = trimmed[4];
            } else if (row.find(',') != std::string_view::npos) {
                layout.separator = ',';
            } else if (row.find('\t') != std::string_view::npos) {
                layout.separator = '\t';
            } else if (row.find(';') != std::string_view::npos) {
                layout.separator = ';';
            }
            return layout;
        }
        if (eol == std::string_view::npos) break;
        start = eol + 1;
        ++line;
    }
    return layout;
}

void truncateUtf8(std::string& s, size_t max) {
    if (s.size() <= max) return;
    size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    s.resize(cut);
}

Reader::Reader(std::string_view body, char separator, const std::string& fileName, int firstLine)
    : m_s(body), m_sep(separator), m_file(fileName), m_line(firstLine) {}

void Reader::limitToHeader(size_t columns) {
    m_maxFields = columns;
    m_headerRead = true;
}

bool Reader::next(Record& out) {
    if (m_pos >= m_s.size()) return false;
    out.line = m_line;
    out.fields.clear();
    out.truncated.clear();
    std::string field;
    bool wasQuoted = false;
    bool blank = true;  // only spaces so far: an opening quote may still come
    bool inQuotes = false;
    bool cut = false;
    int quoteLine = 0;
    auto push = [&](char c) {
        if (field.size() < kMaxField + 4) field.push_back(c);  // a little over, so the cut is at a boundary
        else cut = true;
    };
    auto endField = [&] {
        if (field.size() > kMaxField) cut = true;
        if (cut) truncateUtf8(field, kMaxField);
        bool extra = out.fields.size() >= m_maxFields;
        // Spreadsheets pad rows with empty trailing cells; those are harmless.
        if (extra && text::trim(field).empty()) {
            field.clear();
            wasQuoted = cut = false;
            blank = true;
            return;
        }
        if (extra)
            throw FormatError(m_file, out.line,
                              m_headerRead ? "row has more fields than the header's " + std::to_string(m_maxFields) +
                                                 " columns (a separator inside an unquoted field?)"
                                           : "more than " + std::to_string(kMaxColumns) + " columns");
        if (cut) out.truncated.push_back(out.fields.size());
        out.fields.push_back(std::move(field));
        field.clear();
        wasQuoted = cut = false;
        blank = true;
    };
    while (m_pos < m_s.size()) {
        char c = m_s[m_pos];
        if (inQuotes) {
            if (c == '"') {
                if (m_pos + 1 < m_s.size() && m_s[m_pos + 1] == '"') {
                    push('"');
                    m_pos += 2;
                } else {
                    inQuotes = false;
                    ++m_pos;
                }
            } else if (c == '\r' && m_pos + 1 < m_s.size() && m_s[m_pos + 1] == '\n') {
                push('\n');
                m_pos += 2;
                ++m_line;
            } else {
                if (c == '\n') ++m_line;
                push(c);
                ++m_pos;
            }
            continue;
        }
        if (c == m_sep) {
            endField();
            ++m_pos;
        } else if (c == '\n' || (c == '\r' && m_pos + 1 < m_s.size() && m_s[m_pos + 1] == '\n')) {
            m_pos += c == '\n' ? 1 : 2;
            ++m_line;
            endField();
            return true;
        } else if (c == '"' && !wasQuoted && blank) {
            // Blanks before an opening quote are tolerated: `a, "b, c"`.
            field.clear();
            wasQuoted = inQuotes = true;
            blank = false;
            quoteLine = m_line;
            ++m_pos;
        } else {
            push(c);  // after a closing quote too: lenient, like spreadsheets
            if (c != ' ' && c != '\t') blank = false;
            ++m_pos;
        }
    }
    if (inQuotes)
        throw FormatError(m_file, quoteLine, "unterminated quote: the quoted field that opens here never closes");
    endField();
    return true;
}

std::vector<Record> readAll(std::string_view bytes, const std::string& fileName) {
    Reader reader(detectLayout(text::stripBom(bytes)), fileName);
    std::vector<Record> records;
    Record r;
    while (reader.next(r)) records.push_back(std::move(r));
    return records;
}

}  // namespace hallway::csv
