// Text encodings, settled once before any parser runs: every importer gets
// UTF-8 without a byte order mark, whatever the file came in.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace hallway::encoding {

enum class Encoding { Utf8, Utf8Bom, Utf16Le, Utf16Be };

// "UTF-8", "UTF-8 with BOM", "UTF-16LE", "UTF-16BE".
const char* encodingName(Encoding e);

// From the byte order mark, else from the NUL pattern of the first bytes
// (text that is mostly ASCII has a NUL in every other byte in UTF-16),
// else UTF-8.
Encoding detect(std::string_view bytes);

// True when text ends its lines with CR alone (old Mac tools): a CR and no LF.
bool hasCrOnlyLines(std::string_view text);

// The file's text as UTF-8 without a BOM, lines ending in LF where the file
// ended them with CR alone. UTF-8 input with LF or CRLF is returned as a view
// into `bytes` (no copy); UTF-16 and CR-only text are converted into `storage`. Throws
// FormatError (formats/agenda.h) naming the line of an unpaired surrogate
// or a cut-off last character.
std::string_view toUtf8(std::string_view bytes, std::string& storage, const std::string& fileName);

// `bytes` in the named charset (as a vCard CHARSET= or a MIME label writes
// it: "SHIFT_JIS", "\"utf-8\"", "ISO-8859-15") converted to UTF-8 with
// glibc's iconv. nullopt when the charset is unknown or the bytes are not
// valid in it.
std::optional<std::string> convertCharset(std::string_view bytes, std::string_view charset);

// True when iconv knows the charset.
bool knownCharset(std::string_view charset);

// Windows-1252 (the superset of Latin-1 that Windows writes) to UTF-8; never fails.
std::string fromWindows1252(std::string_view bytes);

// Invalid UTF-8 sequences replaced by U+FFFD; valid text comes back unchanged.
std::string replaceInvalidUtf8(std::string_view bytes);

}  // namespace hallway::encoding
