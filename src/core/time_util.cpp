#include "core/time_util.h"

#include <date/tz.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <set>
#include <stdexcept>

namespace hallway {
namespace {

using namespace std::chrono;

const date::time_zone* findZone(const std::string& zone) {
    try {
        return date::locate_zone(zone.empty() ? "UTC" : zone);
    } catch (const std::exception&) {
        return nullptr;
    }
}

bool readInt(std::string_view& s, int digits, int& out) {
    if (s.size() < static_cast<size_t>(digits)) return false;
    int v = 0;
    for (int i = 0; i < digits; ++i) {
        char c = s[i];
        if (c < '0' || c > '9') return false;
        v = v * 10 + (c - '0');
    }
    out = v;
    s.remove_prefix(digits);
    return true;
}

bool validCivil(const LocalDateTime& l) {
    auto ymd = date::year{l.year} / l.month / l.day;
    return ymd.ok() && l.hour >= 0 && l.hour < 24 && l.minute >= 0 && l.minute < 60 &&
           l.second >= 0 && l.second <= 60;
}

}  // namespace

bool isKnownTimeZone(const std::string& zone) { return findZone(zone) != nullptr; }

std::string systemTimeZone() {
    try {
        return std::string(date::current_zone()->name());
    } catch (const std::exception&) {
        return "UTC";
    }
}

Instant localToInstant(const LocalDateTime& l, const std::string& zone) {
    if (!validCivil(l)) throw std::invalid_argument("impossible date or time");
    const date::time_zone* tz = findZone(zone);
    if (!tz) throw std::invalid_argument("unknown time zone '" + zone + "'");
    auto local = date::local_days{date::year{l.year} / l.month / l.day} + hours{l.hour} +
                 minutes{l.minute} + seconds{l.second};
    auto info = tz->get_info(local);
    sys_seconds sys;
    switch (info.result) {
        case date::local_info::unique: sys = sys_seconds{local.time_since_epoch() - info.first.offset}; break;
        case date::local_info::ambiguous: sys = sys_seconds{local.time_since_epoch() - info.first.offset}; break;
        case date::local_info::nonexistent: sys = sys_seconds{local.time_since_epoch() - info.first.offset}; break;
    }
    return sys.time_since_epoch().count();
}

LocalDateTime instantToLocal(Instant t, const std::string& zone) {
    const date::time_zone* tz = findZone(zone);
    if (!tz) tz = date::locate_zone("UTC");
    auto local = tz->to_local(sys_seconds{seconds{t}});
    auto days = date::floor<date::days>(local);
    date::year_month_day ymd{days};
    date::hh_mm_ss<seconds> hms{local - days};
    LocalDateTime out;
    out.year = int(ymd.year());
    out.month = int(unsigned(ymd.month()));
    out.day = int(unsigned(ymd.day()));
    out.hour = int(hms.hours().count());
    out.minute = int(hms.minutes().count());
    out.second = int(hms.seconds().count());
    return out;
}

std::optional<Instant> parseIsoDateTime(std::string_view s, const std::string& zone) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    LocalDateTime l;
    if (!readInt(s, 4, l.year)) return std::nullopt;
    bool dashed = !s.empty() && s.front() == '-';
    if (dashed) s.remove_prefix(1);
    if (!readInt(s, 2, l.month)) return std::nullopt;
    if (dashed) {
        if (s.empty() || s.front() != '-') return std::nullopt;
        s.remove_prefix(1);
    }
    if (!readInt(s, 2, l.day)) return std::nullopt;
    if (!s.empty()) {
        if (s.front() != 'T' && s.front() != ' ' && s.front() != 't') return std::nullopt;
        s.remove_prefix(1);
        if (!readInt(s, 2, l.hour)) return std::nullopt;
        bool colon = !s.empty() && s.front() == ':';
        if (colon) s.remove_prefix(1);
        if (!readInt(s, 2, l.minute)) return std::nullopt;
        if (!s.empty() && (s.front() == ':' || (!colon && std::isdigit((unsigned char)s.front())))) {
            if (s.front() == ':') s.remove_prefix(1);
            if (!readInt(s, 2, l.second)) return std::nullopt;
        }
        if (!s.empty() && (s.front() == '.' || s.front() == ',')) {  // fractional seconds: dropped
            s.remove_prefix(1);
            while (!s.empty() && std::isdigit((unsigned char)s.front())) s.remove_prefix(1);
        }
    }
    if (!validCivil(l)) return std::nullopt;
    if (s.empty()) {
        try {
            return localToInstant(l, zone);
        } catch (const std::exception&) {
            return std::nullopt;
        }
    }
    int offsetSeconds = 0;
    if (s == "Z" || s == "z") {
        s.remove_prefix(1);
    } else if (s.front() == '+' || s.front() == '-') {
        int sign = s.front() == '-' ? -1 : 1;
        s.remove_prefix(1);
        int oh = 0, om = 0;
        if (!readInt(s, 2, oh)) return std::nullopt;
        if (!s.empty() && s.front() == ':') s.remove_prefix(1);
        if (!s.empty() && !readInt(s, 2, om)) return std::nullopt;
        if (oh > 18 || om > 59) return std::nullopt;
        offsetSeconds = sign * (oh * 3600 + om * 60);
    } else {
        return std::nullopt;
    }
    if (!s.empty()) return std::nullopt;
    return localToInstant(l, "UTC") - offsetSeconds;
}

std::optional<int> parseClockDuration(std::string_view s) {
    int h = 0, m = 0, sec = 0;
    size_t colon = s.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon > 3) return std::nullopt;
    for (size_t i = 0; i < colon; ++i) {
        if (!std::isdigit((unsigned char)s[i])) return std::nullopt;
        h = h * 10 + (s[i] - '0');
    }
    s.remove_prefix(colon + 1);
    if (!readInt(s, 2, m) || m > 59) return std::nullopt;
    if (!s.empty()) {
        if (s.front() != ':') return std::nullopt;
        s.remove_prefix(1);
        if (!readInt(s, 2, sec) || sec > 59 || !s.empty()) return std::nullopt;
    }
    return h * 3600 + m * 60 + sec;
}

std::string localDateString(Instant t, const std::string& zone) {
    auto l = instantToLocal(t, zone);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", l.year, l.month, l.day);
    return buf;
}

namespace {

std::string dateText(date::year_month_day day) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(day.year()), unsigned(day.month()), unsigned(day.day()));
    return buf;
}

std::optional<date::year_month_day> dateOf(std::string_view text) {
    int y = 0;
    unsigned m = 0, d = 0;
    if (text.size() != 10 || std::sscanf(std::string(text).c_str(), "%4d-%2u-%2u", &y, &m, &d) != 3) return std::nullopt;
    date::year_month_day day{date::year{y} / date::month{m} / date::day{d}};
    if (!day.ok()) return std::nullopt;
    return day;
}

}  // namespace

AgendaDayTime agendaDayTime(Instant t, const std::string& zone, const std::vector<ScheduleDay>& days) {
    LocalDateTime l = instantToLocal(t, zone);
    int minute = l.hour * 60 + l.minute;
    date::year_month_day local{date::year{l.year} / l.month / l.day};
    // The agenda's own day holding t (a congress night to 06:00 stays on its day).
    for (const ScheduleDay& d : days) {
        if (t < d.startsAt || t > d.endsAt) continue;
        auto key = dateOf(d.date);
        if (!key) break;
        auto after = (date::sys_days{local} - date::sys_days{*key}).count();
        return {d.date, int(after) * 24 * 60 + minute, d.index};
    }
    date::year_month_day day = local;
    if (minute < kAgendaDayStartMinute) {
        day = date::year_month_day{date::sys_days{day} - date::days{1}};
        minute += 24 * 60;
    }
    AgendaDayTime out{dateText(day), minute, 0};
    // Between two of the agenda's days, or before them: a day it defines may still have this date.
    for (const ScheduleDay& d : days)
        if (d.date == out.day) out.number = d.index;
    return out;
}

AgendaDayTime agendaDayTime(Instant t, const Event& event) { return agendaDayTime(t, event.timeZone, event.days); }

std::string agendaDayString(Instant t, const Event& event) { return agendaDayTime(t, event).day; }

std::vector<std::string> agendaDayKeys(const Event& event, const std::vector<Instant>& starts) {
    std::set<std::string> keys;
    for (const ScheduleDay& d : event.days) keys.insert(d.date);
    for (Instant t : starts) keys.insert(agendaDayString(t, event));
    return {keys.begin(), keys.end()};
}

std::optional<std::string> agendaDayByNumber(const Event& event, const std::vector<std::string>& keys, int number) {
    if (!event.days.empty()) {
        for (const ScheduleDay& d : event.days)
            if (d.index == number) return d.date;
        return std::nullopt;
    }
    if (number < 1 || size_t(number) > keys.size()) return std::nullopt;
    return keys[size_t(number) - 1];
}

std::vector<ScheduleDay> normalizeScheduleDays(std::vector<ScheduleDay> days, const std::string& zone) {
    std::vector<ScheduleDay> out;
    std::stable_sort(days.begin(), days.end(),
                     [](const ScheduleDay& a, const ScheduleDay& b) { return a.startsAt < b.startsAt; });
    for (ScheduleDay& d : days) {
        if (d.endsAt <= d.startsAt) continue;
        // wafer labels a day with its UTC date: the local date of its start is the one people know.
        d.date = localDateString(d.startsAt, zone);
        bool seen = std::any_of(out.begin(), out.end(),
                                [&](const ScheduleDay& o) { return o.date == d.date || o.index == d.index; });
        if (!seen) out.push_back(std::move(d));
    }
    return out;
}

std::string localTimeString(Instant t, const std::string& zone) {
    auto l = instantToLocal(t, zone);
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d:%02d", l.hour, l.minute);
    return buf;
}

std::string isoString(Instant t, const std::string& zone) {
    auto l = instantToLocal(t, zone);
    Instant asUtc = localToInstant(l, "UTC");
    long offset = long(asUtc - t);
    char sign = offset < 0 ? '-' : '+';
    if (offset < 0) offset = -offset;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d%c%02ld:%02ld", l.year, l.month,
                  l.day, l.hour, l.minute, l.second, sign, offset / 3600, (offset % 3600) / 60);
    return buf;
}

Instant nowInstant() {
    return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}

std::optional<int> isoOffsetSeconds(std::string_view s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    // The offset sits after the time: past "YYYY-MM-DDTHH:MM".
    if (s.size() < 17) return std::nullopt;
    size_t sign = s.find_last_of("+-");
    if (sign == std::string_view::npos || sign < 16) return std::nullopt;
    std::string_view rest = s.substr(sign + 1);
    int oh = 0, om = 0;
    if (!readInt(rest, 2, oh)) return std::nullopt;
    if (!rest.empty() && rest.front() == ':') rest.remove_prefix(1);
    if (!rest.empty() && !readInt(rest, 2, om)) return std::nullopt;
    if (!rest.empty() || oh > 18 || om > 59) return std::nullopt;
    int offset = oh * 3600 + om * 60;
    return s[sign] == '-' ? -offset : offset;
}

int utcOffsetAt(Instant t, const std::string& zone) {
    const date::time_zone* tz = findZone(zone);
    if (!tz) return 0;
    return int(tz->get_info(sys_seconds{seconds{t}}).offset.count());
}

std::string offsetString(int offsetSeconds) {
    char sign = offsetSeconds < 0 ? '-' : '+';
    int a = offsetSeconds < 0 ? -offsetSeconds : offsetSeconds;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%c%02d:%02d", sign, a / 3600, a / 60 % 60);
    return buf;
}

const std::vector<std::string>& timeZoneNames() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        try {
            for (const auto& z : date::get_tzdb().zones) {
                std::string name(z.name());
                // The OS database also lists its posix/ and right/ copies and a "localtime" alias.
                if (name.rfind("posix", 0) == 0 || name.rfind("right", 0) == 0 || name == "localtime" ||
                    name == "Factory")
                    continue;
                out.push_back(std::move(name));
            }
        } catch (const std::exception&) {
        }
        if (std::find(out.begin(), out.end(), "UTC") == out.end()) out.push_back("UTC");
        std::sort(out.begin(), out.end());
        out.erase(std::unique(out.begin(), out.end()), out.end());
        return out;
    }();
    return names;
}

bool zoneMatchesOffsets(const std::string& zone, const std::vector<std::pair<Instant, int>>& samples) {
    const date::time_zone* tz = findZone(zone);
    if (!tz) return false;
    for (const auto& [at, offset] : samples)
        if (tz->get_info(sys_seconds{seconds{at}}).offset.count() != offset) return false;
    return true;
}

std::vector<std::string> zonesMatchingOffsets(const std::vector<std::pair<Instant, int>>& samples,
                                              const std::string& preferred) {
    static const char* const kAreas[] = {"Africa/",   "America/", "Antarctica/", "Arctic/", "Asia/",
                                         "Atlantic/", "Australia/", "Europe/",   "Indian/", "Pacific/"};
    auto isPlace = [](const std::string& name) {
        for (const char* area : kAreas)
            if (name.rfind(area, 0) == 0) return true;
        return false;
    };
    std::vector<std::string> out;
    for (const auto& name : timeZoneNames())
        if (isPlace(name) && zoneMatchesOffsets(name, samples)) out.push_back(name);
    std::string area = preferred.substr(0, preferred.find('/') + 1);
    auto rank = [&](const std::string& name) {
        if (name == preferred) return 0;
        if (area.size() > 1 && name.rfind(area, 0) == 0) return 1;
        return 2;
    };
    std::stable_sort(out.begin(), out.end(),
                     [&](const std::string& a, const std::string& b) { return rank(a) < rank(b); });
    if (!isPlace(preferred) && preferred != "UTC" && zoneMatchesOffsets(preferred, samples))
        out.insert(out.begin(), preferred);
    return out;
}

}  // namespace hallway
