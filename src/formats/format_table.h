// What the agenda and contacts format tables share: rows with a key (`name`),
// a `label` and space-separated `extensions`, looked up and listed the same
// way for both families.
#pragma once
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "core/text.h"

namespace hallway::format_table {

template <typename Row>
const Row* find(const std::vector<Row>& table, std::string_view key) {
    for (const Row& row : table)
        if (key == row.name) return &row;
    return nullptr;
}

// "auto" and every row's key, in table order: what --format accepts.
template <typename Row>
std::vector<std::string> keys(const std::vector<Row>& table) {
    std::vector<std::string> out{"auto"};
    for (const Row& row : table) out.emplace_back(row.name);
    return out;
}

// Every row's label, in table order.
template <typename Row>
std::vector<std::string> labels(const std::vector<Row>& table) {
    std::vector<std::string> out;
    for (const Row& row : table) out.emplace_back(row.label);
    return out;
}

// "a, b or c".
inline std::string joinedWithOr(const std::vector<std::string>& items) {
    std::string out;
    for (size_t i = 0; i < items.size(); ++i)
        out += (i == 0 ? "" : i + 1 == items.size() ? " or " : ", ") + items[i];
    return out;
}

// True when the file's name ends in one of the space-separated extensions,
// case aside (".CSV" is a CSV file too).
inline bool hasExtension(std::string_view fileName, std::string_view extensions) {
    const std::string name = text::lower(fileName);
    for (size_t start = 0; start < extensions.size();) {
        size_t end = std::min(extensions.find(' ', start), extensions.size());
        std::string_view ext = extensions.substr(start, end - start);
        if (!ext.empty() && name.size() >= ext.size() && name.compare(name.size() - ext.size(), ext.size(), ext) == 0)
            return true;
        start = end + 1;
    }
    return false;
}

}  // namespace hallway::format_table
