#include "core/template_text.h"

#include <unordered_set>

namespace hallway {

namespace {

bool isNameChar(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }

// Length of the placeholder "{name}" starting at `pos` (which holds '{'), or 0
// when the brace does not open one. Only [a-z0-9_]+ directly followed by '}'
// counts, so "{ x }", "{Name}", "{}" and JSON stay literal text.
size_t placeholderLength(std::string_view s, size_t pos) {
    size_t j = pos + 1;
    while (j < s.size() && isNameChar(s[j])) ++j;
    if (j == pos + 1 || j >= s.size() || s[j] != '}') return 0;
    return j + 1 - pos;
}

// Walks the template once, calling `literal` for plain text and `placeholder`
// for each name. Shared by rendering and listing so both read "{" the same way.
// Linear: a failed placeholder scan stops at the first non-name byte, and the
// bytes it looked at contain no '{', so they are never scanned again as a name.
template <class Literal, class Placeholder>
void walkTemplate(std::string_view s, Literal&& literal, Placeholder&& placeholder) {
    size_t i = 0;
    size_t plainStart = 0;
    auto flush = [&](size_t end) {
        if (end > plainStart) literal(s.substr(plainStart, end - plainStart));
    };
    while (i < s.size()) {
        char c = s[i];
        if (c != '{' && c != '}') { ++i; continue; }
        if (i + 1 < s.size() && s[i + 1] == c) {  // "{{" or "}}": one literal brace
            flush(i);
            literal(s.substr(i, 1));
            i += 2;
            plainStart = i;
            continue;
        }
        if (c == '{') {
            if (size_t len = placeholderLength(s, i)) {
                flush(i);
                placeholder(s.substr(i + 1, len - 2));
                i += len;
                plainStart = i;
                continue;
            }
        }
        ++i;  // a lone brace is literal
    }
    flush(s.size());
}

}  // namespace

RenderedTemplate renderTemplate(std::string_view templateText, const std::map<std::string, std::string>& values) {
    RenderedTemplate out;
    out.text.reserve(templateText.size());
    std::unordered_set<std::string> seenUnknown, seenEmpty;
    walkTemplate(
        templateText, [&](std::string_view lit) { out.text.append(lit); },
        [&](std::string_view name) {
            std::string key(name);
            auto it = values.find(key);
            if (it == values.end()) {
                // Left visible so the draft shows what still needs filling in.
                out.text.push_back('{');
                out.text.append(name);
                out.text.push_back('}');
                if (seenUnknown.insert(key).second) out.unknown.push_back(key);
                return;
            }
            if (it->second.empty() && seenEmpty.insert(key).second) out.empty.push_back(key);
            out.text.append(it->second);  // values are inserted as is, never expanded again
        });
    return out;
}

std::vector<std::string> templatePlaceholders(std::string_view templateText) {
    std::vector<std::string> names;
    std::unordered_set<std::string> seen;
    walkTemplate(
        templateText, [](std::string_view) {},
        [&](std::string_view name) {
            std::string key(name);
            if (seen.insert(key).second) names.push_back(std::move(key));
        });
    return names;
}

}  // namespace hallway
