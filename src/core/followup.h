// The follow-up engine: deterministic rules that turn an event's targets,
// notes and interactions into a prioritised queue of messages to send.
// Rules are pure functions over data loaded through store/followups_repo;
// no SQL here.
//
// [SECTION] value types  [SECTION] dates  [SECTION] rules  [SECTION] templates
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/model.h"

namespace hallway {

class Store;

// ---------------------------------------------------------------- [SECTION] value types

// Kinds: thank_you, promise, intro_ask_a, intro_ask_b, intro_send,
// meeting_request, info_interview, referral_ask, check_in, missed_target,
// detail_check_in, keep_in_touch. Statuses: open, drafted, sent, replied,
// snoozed, done, dropped (as the schema's CHECK).
struct FollowUp {
    RowId id = 0;
    RowId personId = 0;
    std::optional<RowId> eventId;
    std::string rule;  // the rule that made it, e.g. "thank_everyone_met"
    std::optional<RowId> noteId;
    std::optional<RowId> noteItemId;
    std::string kind;
    std::string dueDate;  // YYYY-MM-DD, always a working day when generated
    double priority = 0;  // higher first
    std::string channel = "email";
    std::string status = "open";
    std::optional<std::string> snoozedUntil;
    int attempt = 1;
    std::optional<RowId> templateId;
    std::string draft;   // "Subject: ...\n\nbody" once rendered
    std::string reason;  // why it is in the queue, for the user
    std::string dedupeKey;
    bool edited = false;
    std::optional<std::string> statusOn;  // YYYY-MM-DD of the last status change
    Instant createdAt = 0;
    Instant updatedAt = 0;
    std::string personName;  // filled by listings, not stored
};

struct MessageTemplate {
    RowId id = 0;
    std::string name;
    std::string kind;
    std::string subject;
    std::string body;
    bool builtin = false;
};

// A person as the engine needs them: names, first email, cadence, warmth
// over all their interactions.
struct QueuePerson {
    RowId id = 0;
    std::string displayName;
    std::string givenName;
    std::string email;
    std::optional<int> keepInTouchDays;
    Warmth warmth;
    std::vector<PersonFact> datedFacts;  // facts with a date ("marathon on 12 April")
};

// Everything one generation run reads, loaded by FollowUpsRepo::loadInputs.
struct QueueInputs {
    Event event;
    std::vector<Target> targets;
    std::vector<Interaction> interactions;  // logged at the event
    std::vector<Note> notes;                // of the event, oldest first, with people
    std::vector<NoteItemRecord> items;      // of those notes, in id order
    std::map<RowId, QueuePerson> people;    // everyone the above mention
    std::vector<FollowUp> existing;         // the event's items and the people's check-ins
    std::vector<MessageTemplate> templates;
    std::string myName;
};

// What a generation run did, and why.
struct QueueReport {
    RowId eventId = 0;
    std::vector<FollowUp> added;    // with personName
    std::vector<FollowUp> dropped;  // let go by the ask rule
    std::vector<std::string> skipped;            // rule input that made nothing, with why
    std::vector<std::string> unknownPlaceholders; // in templates used for drafts
};

// ---------------------------------------------------------------- [SECTION] dates

// Calendar arithmetic on "YYYY-MM-DD"; throws std::invalid_argument on a bad date.
bool isValidDate(const std::string& date);

// Queue grouping, shared by `hallway queue` and the Follow up view.
enum class DueGroup { Overdue, Today, Week, Later };
// The date an item is next due: a snoozed one comes back on its snooze date.
std::string effectiveDue(const FollowUp& item);
// Overdue before `today`, Today, This week (the next six days), Later.
DueGroup dueGroupOf(const FollowUp& item, const std::string& today);
const char* dueGroupTitle(DueGroup group);  // "Overdue", "Today", "This week", "Later"
const char* dueGroupKey(DueGroup group);    // "overdue", "today", "week", "later"
// Queue order: effective due date, priority (highest first), id.
void sortQueue(std::vector<FollowUp>& items);
std::string addDays(const std::string& date, int days);
bool isWeekend(const std::string& date);
// The date itself when a weekday, else the Monday after.
std::string nextWorkingDayOnOrAfter(const std::string& date);
// `n` working days after `date` (Saturdays and Sundays skipped).
std::string addWorkingDays(const std::string& date, int n);
// Whole days from `from` to `to` (negative when `to` is earlier).
int daysBetween(const std::string& from, const std::string& to);

// ---------------------------------------------------------------- [SECTION] kinds

// One row per kind of item: what the user reads, how urgent it is, what
// sending it is as an interaction, and the template it drafts from.
struct FollowUpKindInfo {
    const char* kind;         // "thank_you"
    const char* label;        // "Thank-you"
    double basePriority;      // before target, warmth and freshness
    const char* direction;    // give, ask or neutral, when sent
    const char* interaction;  // what the sent message is logged as
    const char* templateName; // the default template (a second attempt adds "_follow_up")
};
const std::vector<FollowUpKindInfo>& followUpKinds();
// The kind's row; nullptr for a kind no rule makes.
const FollowUpKindInfo* followUpKind(const std::string& kind);

// ---------------------------------------------------------------- [SECTION] rules

// The kind an #ask item becomes: info_interview, referral_ask or meeting_request.
std::string askKind(const std::string& itemText);

// The one meaning of "met" at an event: the user said so. A "met", "coffee"
// or "call" logged there (the Met toggles and `hallway met` log one), a
// target marked met, or a note of the event naming them as someone the user
// talked with (Capture's People field, "#met @name"). A mere @mention is no
// meeting. Person -> how it is known. The queue, the report, goals, targets
// and the person page all ask this.
std::map<RowId, std::string> peopleMetAt(const QueueInputs& in);
// The same from the store, reading only what it needs; `person` limits it to one.
std::map<RowId, std::string> peopleMetAt(Store& store, RowId eventId, std::optional<RowId> person = std::nullopt);

// Runs every rule over `in` as of `today` (YYYY-MM-DD in the user's calendar).
// Pure: returns new items (not in `in.existing` by dedupe key) and existing
// items to drop; nothing is written. Items carry no draft: it is rendered
// when the item is opened, exported or sent (renderFollowUp).
QueueReport planQueue(const QueueInputs& in, const std::string& today);

// Loads, plans and writes in one transaction. Generating twice adds nothing;
// an item the user closed, snoozed or edited is never re-created or changed.
// Throws std::invalid_argument for an unknown event or a bad date.
QueueReport generateQueue(Store& store, RowId eventId, const std::string& today);

// Give/ask balance from interaction directions.
struct GiveAsk {
    int gives = 0;
    int asks = 0;
    int neutral = 0;
};
std::map<RowId, GiveAsk> giveAskByPerson(const std::vector<Interaction>& interactions);
GiveAsk giveAskTotal(const std::vector<Interaction>& interactions);

// People going cold: at least one interaction but fewer than three (not yet a
// relationship) and no contact for `silenceDays`, or past their own
// keep-in-touch cadence. Longest silence first.
struct ColdPerson {
    QueuePerson person;
    int daysSilent = 0;
    std::string why;
};
std::vector<ColdPerson> peopleGoingCold(Store& store, const std::string& today, int silenceDays = 60);

// ---------------------------------------------------------------- [SECTION] templates

// Placeholders drafts can use.
const std::vector<std::string>& knownPlaceholders();

// What a draft may say about one item, loaded by FollowUpsRepo::draftFacts:
// what the data knows for sure, and of the user's notes only the words they
// wrote for the recipient (quotes after a marker). Notes themselves are the
// user's private memory and never reach a draft.
struct DraftFacts {
    std::string eventName;
    std::string myName;
    std::string givenName, displayName;            // the recipient
    std::string otherGivenName, otherDisplayName;  // an intro's other side
    std::string topic;      // `#met @them "..."` in a note of the event
    std::string talkTitle;  // their talk, when a meeting's note was taken during it
    bool coffee = false;    // a coffee with them logged at the event
    bool onlyAsked = false; // you have asked them for things and never given
    std::string quote;      // the item's `#marker "..."`
};

// A blank the user must fill before sending, "[[what you promised them]]".
// The blanks of `text`, as written, in order.
std::vector<std::string> draftBlanks(const std::string& text);

// Placeholder values for `item` from `facts`: first names, the event, where
// you met, and a marked blank wherever only the user can say it.
std::map<std::string, std::string> draftValues(const FollowUp& item, const DraftFacts& facts);

// Clean punctuation after placeholders: no "  ", " .", "?.", "!.", "..", "( ",
// " )", "()", no more than one empty line in a row, trimmed lines.
std::string tidyDraftText(const std::string& text);

// Copies assets/templates/default_templates.json into the templates table
// (builtin=1) for every name not there yet; user edits are kept. The folder
// is assetsDir() (core/assets.h).
void ensureDefaultTemplates(Store& store);

struct RenderedDraft {
    std::string subject;
    std::string body;
    std::vector<std::string> unknown;  // placeholders with no value
    std::vector<std::string> empty;    // known but empty here
    std::string text() const { return "Subject: " + subject + "\n\n" + body; }
};

// Values for the item's placeholders (first_name, event, topic, promise,
// detail, my_name, other_name) from the inputs.
RenderedDraft renderDraft(const MessageTemplate& tpl, const std::map<std::string, std::string>& values);

// Splits a stored draft back into subject and body.
std::pair<std::string, std::string> splitDraft(const std::string& draft);

// The default template's name for an item: its kind's, "_follow_up" for a
// second attempt, "thank_you_topic" when you wrote what you talked about.
std::string defaultTemplateName(const FollowUp& item, const DraftFacts& facts);

// Renders item `id` with `templateName` (default: defaultTemplateName)
// without storing it. `templateId` is set to the template used. Throws
// std::invalid_argument for an unknown item or template.
RenderedDraft renderFollowUp(Store& store, RowId id, const std::string& templateName,
                             std::optional<RowId>* templateId = nullptr);
// The item's message as it would go out: the stored draft (rendered or
// edited), else the default template rendered now.
std::string currentDraft(Store& store, const FollowUp& item);
// As currentDraft, for a batch after one ensureDefaultTemplates(store): the
// templates file is not read again per item.
std::string currentDraftPrepared(Store& store, const FollowUp& item);

// Re-renders item `id` with `templateName` (default: its kind's template),
// stores the draft and sets status drafted. Throws std::invalid_argument.
RenderedDraft draftFollowUp(Store& store, RowId id, const std::string& templateName, const std::string& today);

// Sets item `id`'s status (open, sent, replied, done, dropped) as of `today`.
// The first time an item is marked sent, the message is logged as a touch
// with the person, dated `today` (an email, an intro made, a referral asked;
// give or ask as the message is), so warmth, the give/ask balance and
// keep-in-touch cadences count it. Marking sent a message that still has a
// blank ("[[...]]") throws std::invalid_argument naming it, nothing written.
// One transaction; false when there is no such item.
bool markFollowUp(Store& store, RowId id, const std::string& status, const std::string& today);

// ---------------------------------------------------------------- [SECTION] exports

// "Thank-you", "Promise", ... for summaries.
std::string followUpKindLabel(const std::string& kind);
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
