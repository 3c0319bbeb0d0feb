#include "formats/ical_export.h"

#include <libical/ical.h>

#include <cstdlib>
#include <cstring>

#include "core/text.h"
#include "core/time_util.h"

namespace hallway {
namespace {

icaltimetype icalAt(Instant t, const std::string& zone) {
    LocalDateTime l = instantToLocal(t, zone);
    icaltimetype v = icaltime_null_time();
    v.year = l.year;
    v.month = l.month;
    v.day = l.day;
    v.hour = l.hour;
    v.minute = l.minute;
    v.second = l.second;
    return v;
}

}  // namespace

std::string icalText(std::string_view s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\r') {
            if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
            out += '\n';
        } else if (static_cast<unsigned char>(s[i]) >= 0x20 || s[i] == '\n' || s[i] == '\t') {
            out += s[i];
        }
    }
    return out;
}

std::string icalUri(std::string_view s) {
    // A URI holds no spaces or controls; libical writes URI values unescaped,
    // so a line break would end the property and start another.
    std::string out;
    for (char c : s)
        if (static_cast<unsigned char>(c) > 0x20 && c != 0x7f) out += c;
    return out;
}

std::string sessionToICalendar(const Session& s, const Event& e, bool targetTalk) {
    icalcomponent* cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
    icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
    icalcomponent_add_property(cal, icalproperty_new_prodid("-//Hallway//Schedule//EN"));
    std::string zone = e.timeZone.empty() ? "UTC" : e.timeZone;
    icaltimezone* tz = zone == "UTC" ? nullptr : icaltimezone_get_builtin_timezone(zone.c_str());
    if (icalcomponent* vtz = tz ? icaltimezone_get_component(tz) : nullptr) {
        // libical names it "/freeassociation.sourceforge.net/ZONE" and carries a
        // century of history: name it as DTSTART does, and keep the years around the talk.
        icalcomponent* copy = icalcomponent_new_clone(vtz);
        if (icalproperty* id = icalcomponent_get_first_property(copy, ICAL_TZID_PROPERTY))
            icalproperty_set_tzid(id, zone.c_str());
        icaltimetype from = icaltime_from_timet_with_zone(time_t(s.startsAt - 366 * 86400), 0,
                                                          icaltimezone_get_utc_timezone());
        icaltimezone_truncate_vtimezone(copy, from, icaltime_null_time(), 0);
        icalcomponent_add_component(cal, copy);
    }
    icalcomponent* ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
    std::string uid = "hallway-session-" + std::to_string(s.id) + "@hallway";
    icalcomponent_add_property(ev, icalproperty_new_uid(uid.c_str()));
    icaltimetype stamp = icaltime_from_timet_with_zone(time_t(s.startsAt), 0, icaltimezone_get_utc_timezone());
    icalcomponent_add_property(ev, icalproperty_new_dtstamp(stamp));
    auto timed = [&](icalproperty* p) {
        if (tz) icalproperty_add_parameter(p, icalparameter_new_tzid(zone.c_str()));
        icalcomponent_add_property(ev, p);
    };
    if (tz) {
        timed(icalproperty_new_dtstart(icalAt(s.startsAt, zone)));
        timed(icalproperty_new_dtend(icalAt(s.endsAt, zone)));
    } else {
        icaltimezone* utc = icaltimezone_get_utc_timezone();
        icalcomponent_add_property(ev, icalproperty_new_dtstart(icaltime_from_timet_with_zone(time_t(s.startsAt), 0, utc)));
        icalcomponent_add_property(ev, icalproperty_new_dtend(icaltime_from_timet_with_zone(time_t(s.endsAt), 0, utc)));
    }
    // libical drops a property without a value (and the alarm needs text): a title is always there.
    std::string title = icalText(s.title);
    if (text::trim(title).empty()) title = "Untitled session";
    icalcomponent_add_property(ev, icalproperty_new_summary(title.c_str()));
    if (!s.room.empty()) icalcomponent_add_property(ev, icalproperty_new_location(icalText(s.room).c_str()));
    std::string description;
    if (!s.speakers.empty()) {
        description = "Speakers: ";
        for (std::size_t i = 0; i < s.speakers.size(); ++i) description += (i ? ", " : "") + s.speakers[i];
    }
    if (targetTalk && !s.starred) description += std::string(description.empty() ? "" : "\n") + "A talk by someone you want to meet.";
    if (!s.abstract.empty()) description += (description.empty() ? "" : "\n\n") + s.abstract;
    description = icalText(description);
    if (!text::trim(description).empty())
        icalcomponent_add_property(ev, icalproperty_new_description(description.c_str()));
    if (std::string url = icalUri(s.url); !url.empty()) icalcomponent_add_property(ev, icalproperty_new_url(url.c_str()));
    icalcomponent* alarm = icalcomponent_new(ICAL_VALARM_COMPONENT);
    icalcomponent_add_property(alarm, icalproperty_new_action(ICAL_ACTION_DISPLAY));
    icalcomponent_add_property(alarm, icalproperty_new_description(title.c_str()));
    icaltriggertype trigger;
    std::memset(&trigger, 0, sizeof trigger);
    trigger.time = icaltime_null_time();
    trigger.duration = icaldurationtype_from_int(-10 * 60);
    icalcomponent_add_property(alarm, icalproperty_new_trigger(trigger));
    icalcomponent_add_component(ev, alarm);
    icalcomponent_add_component(cal, ev);
    char* text = icalcomponent_as_ical_string_r(cal);
    std::string out = text ? text : "";
    std::free(text);
    icalcomponent_free(cal);
    return out;
}

}  // namespace hallway
