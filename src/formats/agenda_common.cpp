#include "formats/agenda_common.h"

#include <charconv>

#include "core/text.h"

namespace hallway::agenda {

size_t utf8CutPoint(std::string_view s, size_t maxBytes) {
    if (s.size() <= maxBytes) return s.size();
    size_t cut = maxBytes;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    return cut;
}

bool cutUtf8(std::string& s, size_t maxBytes) {
    if (s.size() <= maxBytes) return false;
    s.resize(utf8CutPoint(s, maxBytes));
    return true;
}

std::string quoteValue(std::string_view value) {
    std::string flat = text::collapseSpaces(value);
    if (cutUtf8(flat, 60)) flat += "...";
    return "'" + flat + "'";
}

bool hasOffset(std::string_view iso) {
    if (iso.size() <= 11 || (iso[10] != 'T' && iso[10] != 't' && iso[10] != ' ')) return false;
    return iso.substr(11).find_first_of("Zz+-") != std::string_view::npos;
}

std::optional<LocalDateTime> parseDate(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (s[i] < '0' || s[i] > '9') return std::nullopt;
    auto digits = [&](size_t from, size_t count) {
        int v = 0;
        for (size_t i = from; i < from + count; ++i) v = v * 10 + (s[i] - '0');
        return v;
    };
    LocalDateTime d;
    d.year = digits(0, 4);
    d.month = digits(5, 2);
    d.day = digits(8, 2);
    try {
        localToInstant(d, "UTC");  // rejects 2023-02-30 and friends
    } catch (const std::exception&) {
        return std::nullopt;
    }
    return d;
}

Instant wallTime(LocalDateTime date, int secondsOfDay, const std::string& zone) {
    Instant midnight = localToInstant(date, "UTC") + Instant(secondsOfDay / kSecondsPerDay) * kSecondsPerDay;
    LocalDateTime local = instantToLocal(midnight, "UTC");
    int rest = secondsOfDay % kSecondsPerDay;
    local.hour = rest / 3600;
    local.minute = rest / 60 % 60;
    local.second = rest % 60;
    return localToInstant(local, zone);
}

void addFileDay(Agenda& agenda, std::string_view indexText, size_t position, std::optional<LocalDateTime> date,
                std::string_view startText, std::string_view endText, const std::string& zone) {
    auto bound = [&](std::string_view text) -> std::optional<Instant> {
        if (text.empty()) return std::nullopt;
        auto at = parseIsoDateTime(text, zone);
        if (at && !hasOffset(text)) ++agenda.wallClockTimes;
        return at;
    };
    std::optional<Instant> start = bound(startText), end = bound(endText);
    if (!date && start) date = instantToLocal(*start, zone);
    if (!date) return;
    LocalDateTime day = *date;
    day.hour = day.minute = day.second = 0;
    ScheduleDay d;
    int index = 0;
    auto [ptr, ec] = std::from_chars(indexText.data(), indexText.data() + indexText.size(), index);
    d.index = ec == std::errc() && ptr == indexText.data() + indexText.size() ? index : int(position) + 1;
    d.startsAt = start ? *start : wallTime(day, kAgendaDayStartMinute * 60, zone);
    d.endsAt = end ? *end : wallTime(day, kAgendaDayStartMinute * 60 + kSecondsPerDay, zone);
    agenda.days.push_back(std::move(d));
}

bool looksLikeHtml(std::string_view s) {
    for (size_t p = s.find('<'); p != std::string_view::npos && p + 1 < s.size(); p = s.find('<', p + 1)) {
        char c = s[p + 1];
        bool tagStart = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '/' || c == '!';
        if (tagStart && s.find('>', p) != std::string_view::npos) return true;
    }
    return false;
}

}  // namespace hallway::agenda

namespace hallway::agenda {

std::vector<size_t> jsonObjectOffsets(std::string_view s, const std::vector<std::string>& path) {
    struct Level {
        bool object = false;
        bool expectKey = false;
        std::string_view key;  // raw, escapes kept
        size_t index = 0;
    };
    std::vector<Level> levels;  // only as deep as the path; deeper nesting is counted
    size_t depth = 0;
    std::vector<size_t> out;
    const size_t target = path.size();

    // True when the open containers match the first `n` steps of `path`.
    auto matches = [&](size_t n) {
        for (size_t i = 0; i < n; ++i) {
            const std::string& step = path[i];
            const Level& l = levels[i];
            if (step.size() >= 2 && step.front() == '[') {
                if (l.object) return false;
                if (step != "[]" && step != "[" + std::to_string(l.index) + "]") return false;
            } else if (!l.object || l.key != step) {
                return false;
            }
        }
        return true;
    };
    for (size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c == '"') {
            size_t start = i + 1;
            for (++i; i < s.size() && s[i] != '"'; ++i)
                if (s[i] == '\\') ++i;
            if (depth > 0 && depth <= target && levels.back().object && levels.back().expectKey) {
                levels.back().key = s.substr(start, std::min(i, s.size()) - start);
                levels.back().expectKey = false;
            }
        } else if (c == '{' || c == '[') {
            if (depth == target && matches(target)) {
                size_t index = levels.back().index;
                if (out.size() < index) out.resize(index, kNoOffset);
                if (c == '{') out.push_back(i);
            }
            ++depth;
            if (depth <= target) levels.push_back(Level{c == '{', c == '{', {}, 0});
        } else if (c == '}' || c == ']') {
            if (depth > 0 && depth <= target) levels.pop_back();
            if (depth > 0) --depth;
        } else if (c == ',' && depth > 0 && depth <= target) {
            if (levels.back().object)
                levels.back().expectKey = true;
            else
                ++levels.back().index;
        }
    }
    return out;
}

}  // namespace hallway::agenda
