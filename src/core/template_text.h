// Message templates with {placeholders}, for follow-up drafts.
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace hallway {

struct RenderedTemplate {
    std::string text;
    std::vector<std::string> unknown;  // placeholders with no value, in order, no duplicates
    std::vector<std::string> empty;    // known placeholders whose value was empty
};

// Replaces "{name}" with values.at(name). "{{" and "}}" are literal braces. An
// unknown placeholder is reported and left visible as "{name}" so the user sees
// what to fill in; it is never silently dropped. A "{" with no closing "}" on
// the same line is literal text.
//
// A placeholder name is [a-z0-9_]+ directly between the braces; anything else
// in braces ("{ x }", "{Name}", "{}", JSON) stays literal. "}}" is always an
// escape, so literal nested JSON must double its closing braces. A known name
// with an empty value renders as "" and is listed in `empty` (once, in order)
// so the caller can warn before sending. Values are inserted as is, never
// expanded again. Linear in the template's length.
RenderedTemplate renderTemplate(std::string_view templateText, const std::map<std::string, std::string>& values);

// Placeholder names used by a template, in order, no duplicates.
std::vector<std::string> templatePlaceholders(std::string_view templateText);

}  // namespace hallway
