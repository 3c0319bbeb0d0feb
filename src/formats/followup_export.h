// The follow-up queue written out: iCalendar VTODOs, CSV, the event report
// in Markdown, mailto: links. Values in, text out; nothing is read or stored.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "core/followup.h"

namespace hallway {

// iCalendar priority 1 (highest) .. 9 from the engine's score.
int icalPriority(double score);

// Stable iCalendar UID of an item, from its dedupe key.
std::string followUpUid(const FollowUp& item);

// VCALENDAR of VTODOs: DUE as a DATE, SUMMARY, DESCRIPTION (the draft:
// callers fill items' drafts with currentDraft first), PRIORITY, STATUS (open/drafted/snoozed NEEDS-ACTION, sent
// IN-PROCESS, replied/done COMPLETED, dropped CANCELLED), UID.
std::string followUpsToICalendar(const std::vector<FollowUp>& items);

// One row per item; cells neutralised against spreadsheet formulas.
std::string followUpsToCsv(const std::vector<FollowUp>& items, const std::map<RowId, std::string>& emails);

// The event report: who you met, give/ask balance, notes, promises, what is
// done and what is open.
std::string eventReportMarkdown(const QueueInputs& in, const std::vector<FollowUp>& items);

// mailto: URL to `email` with subject and body percent-encoded (RFC 6068).
std::string mailtoUrl(const std::string& email, const std::string& subject, const std::string& body);

}  // namespace hallway
