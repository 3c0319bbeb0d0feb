// The follow-up engine: deterministic rules that turn an event's targets,
// notes and interactions into a prioritised queue of messages to send.
// Rules are pure functions over values (QueueInputs, DraftFacts): no store,
// no files. services/followup_service loads them and writes the queue;
// formats/followup_export writes it as iCalendar, CSV or a report.
//
// [SECTION] value types  [SECTION] dates  [SECTION] kinds  [SECTION] rules  [SECTION] templates  [SECTION] channels  [SECTION] together  [SECTION] labels
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/changes.h"
#include "core/model.h"

namespace hallway {

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
    std::string channel = "none";  // "email", "linkedin" or "none", as reachOf decides
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
    Changes touched;                              // Queue when items were added or let go (set by the service)
};

// ---------------------------------------------------------------- [SECTION] dates

// Calendar arithmetic on "YYYY-MM-DD"; throws std::invalid_argument on a bad date.
bool isValidDate(const std::string& date);
// Year, month and day of "YYYY-MM-DD"; throws std::invalid_argument for a bad date.
struct DayParts {
    int year = 0;
    int month = 0;
    int day = 0;
};
DayParts dateParts(const std::string& date);

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

// Runs every rule over `in` as of `today` (YYYY-MM-DD in the user's calendar).
// Pure: returns new items (not in `in.existing` by dedupe key) and existing
// items to drop; nothing is written. Items carry no draft: it is rendered
// when the item is opened, exported or sent (renderFollowUp).
QueueReport planQueue(const QueueInputs& in, const std::string& today);

// Give/ask balance from interaction directions.
struct GiveAsk {
    int gives = 0;
    int asks = 0;
    int neutral = 0;
};
std::map<RowId, GiveAsk> giveAskByPerson(const std::vector<Interaction>& interactions);
GiveAsk giveAskTotal(const std::vector<Interaction>& interactions);

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

// ---------------------------------------------------------------- [SECTION] channels

// How a message reaches its person, from what Hallway knows of them: email
// first, else a LinkedIn message (many contacts from a LinkedIn export have
// no email at all), else nothing yet (the view says what to add).
enum class Channel { Email, LinkedIn, None };
const char* channelKey(Channel channel);  // "email", "linkedin", "none"

struct Reach {
    Channel channel = Channel::None;
    std::string address;     // the email address or the LinkedIn profile URL
    bool connection = false; // LinkedIn: already a connection (came from the user's own export)
};
Reach reachOf(const Person& person);

// LinkedIn's limits: a note with a connection request holds 300 characters,
// a message to a connection 8,000 (characters, as LinkedIn counts them:
// Unicode code points here).
constexpr size_t kLinkedInNoteLimit = 300;
constexpr size_t kLinkedInMessageLimit = 8000;
size_t linkedInLimit(bool connection);

// A draft as LinkedIn takes it: no subject, the body cut to the limit at a
// word when it is longer, and by how much.
struct LinkedInText {
    std::string text;
    size_t characters = 0;  // of the whole body
    size_t limit = 0;
    size_t cutCharacters = 0;  // left out; 0 when it fits
};
LinkedInText linkedInText(const std::string& body, bool connection);

// ---------------------------------------------------------------- [SECTION] together

// Items for one person that can go out as one message: open (or drafted or
// snoozed), neither an introduction sent to two people, due within a week of
// each other. `queue` holds the person's other items; returns them in queue
// order, without `item`.
std::vector<FollowUp> dueTogetherWith(const FollowUp& item, const std::vector<FollowUp>& queue);

// The order of the parts of one message: a thank-you first (it opens a
// conversation), then the rest as given.
std::vector<FollowUp> inMessageOrder(std::vector<FollowUp> items);

// One message from several drafts to one person: the first's subject and
// greeting, each draft's own paragraphs in order (a paragraph said twice is
// said once), the first's closing.
RenderedDraft combineDrafts(const std::vector<std::string>& drafts);

// ---------------------------------------------------------------- [SECTION] labels

// "Thank-you", "Promise", ... for summaries.
std::string followUpKindLabel(const std::string& kind);

}  // namespace hallway
