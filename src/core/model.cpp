#include "core/model.h"

#include <cctype>

#include "core/text.h"

namespace hallway {

const char* targetPriorityName(TargetPriority p) {
    switch (p) {
        case TargetPriority::Must: return "must";
        case TargetPriority::Should: return "should";
        case TargetPriority::Nice: return "nice";
    }
    return "should";
}

const char* targetStatusName(TargetStatus s) {
    switch (s) {
        case TargetStatus::NotYet: return "not_yet";
        case TargetStatus::Met: return "met";
        case TargetStatus::Missed: return "missed";
    }
    return "not_yet";
}

std::optional<TargetPriority> targetPriorityFromName(const std::string& name) {
    for (auto p : {TargetPriority::Must, TargetPriority::Should, TargetPriority::Nice})
        if (name == targetPriorityName(p)) return p;
    return std::nullopt;
}

std::optional<TargetStatus> targetStatusFromName(const std::string& name) {
    if (name == "not-yet" || name == "notyet") return TargetStatus::NotYet;
    for (auto s : {TargetStatus::NotYet, TargetStatus::Met, TargetStatus::Missed})
        if (name == targetStatusName(s)) return s;
    return std::nullopt;
}

std::string profileUrlKey(const std::string& url) {
    std::string s = text::lower(url);
    auto strip = [&](const std::string& prefix) {
        if (s.rfind(prefix, 0) == 0) s.erase(0, prefix.size());
    };
    strip("https://");
    strip("http://");
    strip("www.");
    // Country subdomains of LinkedIn name the same profile.
    if (s.size() > 16 && s[2] == '.' && s.compare(3, 13, "linkedin.com/") == 0) s.erase(0, 3);
    size_t cut = s.find_first_of("?#");
    if (cut != std::string::npos) s.erase(cut);
    while (!s.empty() && (s.back() == '/' || s.back() == ' ')) s.pop_back();
    while (!s.empty() && s.front() == ' ') s.erase(0, 1);
    return s;
}

}  // namespace hallway
