// Helpers the JSON agenda parsers share (frab/pretalx JSON, Sessionize, Indico).
#pragma once
#include <nlohmann/json.hpp>
#include <string>

namespace hallway::agenda {

// The kind of a JSON value in words, for "expected a list, found text".
inline const char* jsonTypeName(const nlohmann::json& v) {
    if (v.is_string()) return "text";
    if (v.is_boolean()) return "true/false";
    if (v.is_number()) return "a number";
    if (v.is_array()) return "a list";
    if (v.is_object()) return "an object";
    return "null";
}

// "[json.exception.parse_error.101] parse error at line 3, column 5: syntax
// error ..." -> "syntax error ...": the line is reported separately.
inline std::string jsonErrorDetail(const std::string& what) {
    size_t close = what.find("] ");
    std::string rest = what.rfind("[json.exception.", 0) == 0 && close != std::string::npos ? what.substr(close + 2) : what;
    if (rest.rfind("parse error", 0) == 0) {
        size_t colon = rest.find(": ");
        if (colon != std::string::npos) rest = rest.substr(colon + 2);
    }
    // "last read: '...'" can quote a whole runaway string.
    if (rest.size() > 200) rest = rest.substr(0, 200) + "...";
    return rest;
}

}  // namespace hallway::agenda
