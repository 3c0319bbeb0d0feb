// Small helpers shared by the store's repositories.
#pragma once
#include <cctype>
#include <string>

#include "store/sqlite.h"

namespace hallway::sql {

// Resets a cached statement when a step throws or a loop ends early.
struct ResetOnExit {
    Statement& stmt;
    ~ResetOnExit() { stmt.reset(); }
};

// Words of user text as quoted FTS5 prefix terms ("rust wasm" -> "rust"* "wasm"*):
// punctuation can never break the query syntax, and every word must match.
inline std::string ftsPrefixQuery(const std::string& input) {
    std::string out, word;
    auto flush = [&] {
        if (word.empty()) return;
        std::string escaped;
        for (char c : word) escaped += c == '"' ? std::string("\"\"") : std::string(1, c);
        if (!out.empty()) out += ' ';
        out += '"' + escaped + "\"*";
        word.clear();
    };
    for (char c : input) {
        unsigned char u = static_cast<unsigned char>(c);
        if (u >= 0x80 || std::isalnum(u)) word += c;
        else flush();
    }
    flush();
    return out;
}

}  // namespace hallway::sql
