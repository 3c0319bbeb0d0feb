// iCalendar written out for a calendar app or a CalDAV server: values made
// safe for libical's writer, and a session as a VEVENT. The follow-up queue's
// VTODOs are in followup_export.h.
#pragma once
#include <string>
#include <string_view>

#include "core/model.h"

namespace hallway {

// A TEXT value (SUMMARY, DESCRIPTION, LOCATION) for libical, which escapes
// \\ ; , and LF but writes CR and other controls raw: CR and CRLF become LF,
// other controls but tab are dropped, so no value can break its line.
std::string icalText(std::string_view s);

// A URI value (URL) without spaces or controls: libical does not escape URIs.
std::string icalUri(std::string_view s);

// One VCALENDAR with the session as a VEVENT in the event's zone (with its
// VTIMEZONE), room, speakers and a reminder 10 minutes before;
// `targetTalk` notes that it is a talk by someone the user wants to meet.
std::string sessionToICalendar(const Session& s, const Event& e, bool targetTalk);

}  // namespace hallway
