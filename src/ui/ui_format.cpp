#include "ui/ui_format.h"

#include <cstdlib>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <limits>

#include "core/time_util.h"

namespace hallway::ui {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::sys_days;
using std::chrono::year;
using std::chrono::year_month_day;

sys_days toDays(const LocalDateTime& l) {
    return sys_days{year_month_day{year{l.year}, month{unsigned(l.month)}, day{unsigned(l.day)}}};
}

bool parseIsoDate(const std::string& s, int& y, int& m, int& d) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    return std::sscanf(s.c_str(), "%4d-%2d-%2d", &y, &m, &d) == 3 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

}  // namespace

const char* weekdayAbbrev(int y, int m, int d) {
    static const char* const names[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    std::chrono::weekday wd{sys_days{year_month_day{year{y}, month{unsigned(m)}, day{unsigned(d)}}}};
    return names[wd.c_encoding()];
}

const char* monthAbbrev(int m) {
    static const char* const names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    return (m >= 1 && m <= 12) ? names[m - 1] : "?";
}

std::string dayLabel(const std::string& isoDate) {
    int y = 0, m = 0, d = 0;
    if (!parseIsoDate(isoDate, y, m, d)) return isoDate;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%s %d %s", weekdayAbbrev(y, m, d), d, monthAbbrev(m));
    return buf;
}

std::string timeRangeLabel(Instant start, Instant end, const std::string& zone) {
    return localTimeString(start, zone) + "\u2013" + localTimeString(end, zone);
}

std::string dayTimeLabel(Instant start, Instant end, const std::string& zone) {
    return dayLabel(localDateString(start, zone)) + " " + timeRangeLabel(start, end, zone);
}

std::string dateRangeLabel(Instant start, Instant end, const std::string& zone) {
    if (start == 0) return "dates unknown";
    LocalDateTime a = instantToLocal(start, zone);
    // An end at midnight belongs to the day before.
    LocalDateTime b = instantToLocal(std::max(start, end - 1), zone);
    char buf[96];
    if (a.year == b.year && a.month == b.month && a.day == b.day)
        std::snprintf(buf, sizeof buf, "%s %d %s %d", weekdayAbbrev(a.year, a.month, a.day), a.day,
                      monthAbbrev(a.month), a.year);
    else if (a.year == b.year && a.month == b.month)
        std::snprintf(buf, sizeof buf, "%d\u2013%d %s %d", a.day, b.day, monthAbbrev(a.month), a.year);
    else if (a.year == b.year)
        std::snprintf(buf, sizeof buf, "%d %s \u2013 %d %s %d", a.day, monthAbbrev(a.month), b.day,
                      monthAbbrev(b.month), a.year);
    else
        std::snprintf(buf, sizeof buf, "%d %s %d \u2013 %d %s %d", a.day, monthAbbrev(a.month), a.year, b.day,
                      monthAbbrev(b.month), b.year);
    return buf;
}

std::string momentLabel(Instant at, const std::string& zone) {
    LocalDateTime l = instantToLocal(at, zone);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%s %d %s %02d:%02d", weekdayAbbrev(l.year, l.month, l.day), l.day,
                  monthAbbrev(l.month), l.hour, l.minute);
    return buf;
}

std::string dateLabel(Instant at, const std::string& zone) {
    LocalDateTime l = instantToLocal(at, zone);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%d %s %d", l.day, monthAbbrev(l.month), l.year);
    return buf;
}

std::string_view firstLineView(const std::string& text) {
    size_t pos = 0;
    while (pos < text.size()) {
        size_t end = text.find('\n', pos);
        if (end == std::string::npos) end = text.size();
        size_t a = text.find_first_not_of(" \t\r", pos);
        if (a != std::string::npos && a < end) {
            size_t b = text.find_last_not_of(" \t\r", end - 1);
            return std::string_view(text).substr(a, b - a + 1);
        }
        pos = end + 1;
    }
    return std::string_view(text).substr(0, 0);
}

std::string firstLine(const std::string& text) { return std::string(firstLineView(text)); }

std::string readableText(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    size_t i = 0;
    while (i < text.size()) {
        char c = text[i];
        if (c == '[') {
            size_t close = text.find(']', i + 1);
            size_t lineEnd = text.find('\n', i);
            if (close != std::string::npos && close > i + 1 && close + 1 < text.size() && text[close + 1] == '(') {
                size_t paren = text.find(')', close + 2);
                if (paren != std::string::npos && (lineEnd == std::string::npos || lineEnd > paren)) {
                    out.append(text, i + 1, close - i - 1);
                    i = paren + 1;
                    continue;
                }
            }
        }
        if (c == '\r') {
            ++i;
            continue;
        }
        out += c;
        ++i;
    }
    size_t a = out.find_first_not_of(" \t\n");
    if (a == std::string::npos) return {};
    size_t b = out.find_last_not_of(" \t\n");
    return out.substr(a, b - a + 1);
}

std::string joinNames(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) {
        if (!out.empty()) out += ", ";
        out += n;
    }
    return out;
}

std::string eventClockText(const Event& event, const ClockSessions& sessions, Instant now) {
    const std::string& zone = event.timeZone;
    Instant first = event.startsAt, last = event.endsAt;
    if (first == 0 || last == 0) {
        auto span = sessions.span ? sessions.span() : std::nullopt;
        if (!span) return "no sessions yet";
        first = span->first;
        last = span->second;
    }
    // Schedule days (the agenda's own, else 05:00 to 05:00): at 01:30 the first night it is still day 1.
    auto scheduleDay = [&](Instant t) {
        LocalDateTime l;
        std::string day = agendaDayString(t, event);
        parseIsoDate(day, l.year, l.month, l.day);
        return toDays(l);
    };
    LocalDateTime today = instantToLocal(now, zone);
    auto dayIndex = (scheduleDay(now) - scheduleDay(first)).count();
    auto dayCount = (scheduleDay(std::max(first, last - 1)) - scheduleDay(first)).count() + 1;
    if (!event.days.empty()) {
        // The agenda numbers its days: "Day 2 of 4" counts those.
        dayIndex = agendaDayTime(now, event).number - event.days.front().index;
        bool inside = std::any_of(event.days.begin(), event.days.end(),
                                  [&](const ScheduleDay& d) { return d.date == agendaDayString(now, event); });
        if (!inside) dayIndex = -1;
        dayCount = event.days.back().index - event.days.front().index + 1;
    }
    if (dayIndex < 0 || dayIndex >= dayCount)
        return dateRangeLabel(first, last, zone) + " \u00b7 " + zone;

    char buf[64];
    std::snprintf(buf, sizeof buf, "Day %lld of %lld \u00b7 %s %02d:%02d", (long long)dayIndex + 1,
                  (long long)dayCount, weekdayAbbrev(today.year, today.month, today.day), today.hour,
                  today.minute);
    std::string out = buf;

    std::optional<Session> next;
    if (sessions.next) {
        next = sessions.next(now, true);
        if (!next) next = sessions.next(now, false);
    }
    if (next) {
        std::string title = next->title;
        for (auto& ch : title)  // one line: agenda titles sometimes carry line breaks
            if (ch == '\n' || ch == '\r' || ch == '\t') ch = ' ';
        out += " \u00b7 next: " + title;
        if (!next->room.empty()) out += " in " + next->room;
        if (localDateString(next->startsAt, zone) != localDateString(now, zone))
            out += " (" + dayLabel(localDateString(next->startsAt, zone)) + ")";
        else
            out += " at " + localTimeString(next->startsAt, zone);
    }
    return out;
}

std::string eventClockText(const Event& event, const std::vector<const Session*>& sessions, Instant now) {
    ClockSessions over;
    over.span = [&]() -> std::optional<std::pair<Instant, Instant>> {
        Instant first = std::numeric_limits<Instant>::max();
        Instant last = std::numeric_limits<Instant>::min();
        for (const Session* s : sessions) {
            if (s->removed) continue;
            first = std::min(first, s->startsAt);
            last = std::max(last, s->endsAt);
        }
        if (first > last) return std::nullopt;
        return std::make_pair(first, last);
    };
    over.next = [&](Instant at, bool starredOnly) -> std::optional<Session> {
        const Session* next = nullptr;
        for (const Session* s : sessions) {
            if (s->removed || s->startsAt <= at || (starredOnly && !s->starred)) continue;
            if (!next || s->startsAt < next->startsAt) next = s;
        }
        if (!next) return std::nullopt;
        return *next;
    };
    return eventClockText(event, over, now);
}

std::string displayPath(const std::string& path) {
    const char* home = std::getenv("HOME");
    if (!home || !*home) return path;
    std::string prefix = home;
    if (prefix.size() > 1 && prefix.back() == '/') prefix.pop_back();
    if (path.size() > prefix.size() && path.compare(0, prefix.size(), prefix) == 0 && path[prefix.size()] == '/')
        return "~" + path.substr(prefix.size());
    return path;
}

std::string typedPath(const std::string& typed) {
    size_t a = typed.find_first_not_of(" \t\r\n\"'");
    size_t b = typed.find_last_not_of(" \t\r\n\"'");
    if (a == std::string::npos) return {};
    std::string path = typed.substr(a, b - a + 1);
    if (path.rfind("file://", 0) == 0) path = path.substr(7);
    if (!path.empty() && path[0] == '~' && (path.size() == 1 || path[1] == '/'))
        if (const char* home = std::getenv("HOME")) path = std::string(home) + path.substr(1);
    return path;
}

}  // namespace hallway::ui
