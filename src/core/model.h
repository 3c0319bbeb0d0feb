// Plain value types of the Hallway data model. No SQL, no UI.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hallway {

// Seconds since the Unix epoch, UTC. Every stored time is one of these; the
// event's IANA zone decides how it is shown.
using Instant = std::int64_t;
using RowId = std::int64_t;

// A day as the agenda file defines it (frab <day>, frab JSON days[]): a
// congress day may run from 11:00 to 06:00 the next morning.
struct ScheduleDay {
    int index = 0;         // the file's day number ("--day 1")
    std::string date;      // "2019-12-27": the local date its start falls on, in the event's zone
    Instant startsAt = 0;
    Instant endsAt = 0;    // > startsAt
    bool operator==(const ScheduleDay&) const = default;
};

struct Event {
    RowId id = 0;
    std::string name;
    std::string venue;
    std::string timeZone = "UTC";  // IANA name
    Instant startsAt = 0;          // first session start (0 when unknown)
    Instant endsAt = 0;            // last session end
    std::string sourceFile;
    std::string sourceFormat;
    std::string sourceHash;        // hex SHA-like content hash of the last import
    Instant importedAt = 0;
    std::string goals;
    std::vector<ScheduleDay> days;  // the agenda's own days, by start; empty: days run 05:00 to 05:00
};

// The user's own relation to a session, independent of the agenda's data.
enum class Attendance { None = 0, Attending = 1, Attended = 2, Skipped = 3 };

struct Session {
    RowId id = 0;
    RowId eventId = 0;
    std::string sourceId;   // guid / UID / id from the agenda, stable across re-imports
    std::string title;
    std::string subtitle;
    std::string abstract;
    std::string description;
    Instant startsAt = 0;
    Instant endsAt = 0;
    std::string room;
    std::string track;
    std::string type;
    std::string url;
    std::string language;
    bool starred = false;
    Attendance attendance = Attendance::None;
    bool removed = false;   // gone from the latest import; kept for the user's notes
    std::vector<std::string> speakers;  // display names, in agenda order
};

// An email address, phone number or URL with its label ("work", "linkedin").
struct ContactDetail {
    std::string value;
    std::string label;
    bool operator==(const ContactDetail&) const = default;
};

struct PersonFact {
    RowId id = 0;
    std::string text;                  // "training for a marathon in April"
    std::optional<std::string> onDate; // YYYY-MM-DD when the fact is dated
};

struct Person {
    RowId id = 0;
    std::string displayName;
    std::string givenName;
    std::string familyName;
    std::string company;
    std::string role;
    std::string howMet;
    std::optional<int> keepInTouchDays;
    std::string source;  // agenda, linkedin, vcard, google, csv, typed
    std::vector<ContactDetail> emails;
    std::vector<ContactDetail> phones;
    std::vector<ContactDetail> urls;
    std::vector<std::string> tags;
    std::vector<PersonFact> facts;
};

enum class TargetPriority { Must, Should, Nice };
enum class TargetStatus { NotYet, Met, Missed };

// A person the user wants to meet at one event.
struct Target {
    RowId id = 0;
    RowId eventId = 0;
    RowId personId = 0;
    TargetPriority priority = TargetPriority::Should;
    std::string why;
    std::vector<std::string> questions;
    TargetStatus status = TargetStatus::NotYet;
};

// One row of `hallway events`.
struct EventSummary {
    Event event;
    int sessionCount = 0;
    int roomCount = 0;
    int dayCount = 0;
    int speakerCount = 0;
    int starredCount = 0;
};

// A note as typed, with what it is tied to.
// Which people a list shows: the user's network (met, imported contacts,
// added by hand, targets, anyone in a note) or speakers known only from an
// agenda, or everyone.
enum class PeopleScope { Network, AgendaOnly, All };

struct Note {
    RowId id = 0;
    Instant createdAt = 0;
    std::optional<RowId> eventId;
    std::optional<RowId> sessionId;
    std::string body;
    std::vector<RowId> people;     // everyone linked: talked with or only mentioned
    std::vector<RowId> metPeople;  // of `people`, those the user talked with (see peopleMetAt)
    std::vector<std::string> tags;
    std::string topic;  // `#met @ana "fuzzing"`: what you talked about, in words for them
};

// A structured item read from a note's markers (see core/note_markers.h).
struct NoteItemRecord {
    RowId id = 0;
    RowId noteId = 0;
    std::string kind;  // promise, intro, detail, ask
    std::string text;
    std::optional<std::string> onDate;  // YYYY-MM-DD
    bool done = false;
    std::string quote;  // `#promise "the slides"`: words written for the recipient, may go into a draft
};

// A dated touch with a person. kind: met, coffee, call, email, intro_made,
// resource_shared, referral_asked, referral_given; direction: give, ask, neutral.
struct Interaction {
    RowId id = 0;
    RowId personId = 0;
    std::optional<RowId> eventId;
    std::optional<RowId> noteId;
    Instant occurredAt = 0;
    std::string kind = "met";
    std::string direction = "neutral";
    std::string summary;
};

// How warm a connection is: DESIGN.md counts 2-3 genuine interactions as a relationship.
struct Warmth {
    int interactions = 0;
    Instant lastContact = 0;  // 0 when never
    int gives = 0;
    int asks = 0;
};

const char* targetPriorityName(TargetPriority p);  // "must", "should", "nice"
const char* targetStatusName(TargetStatus s);      // "not_yet", "met", "missed"
std::optional<TargetPriority> targetPriorityFromName(const std::string& name);
std::optional<TargetStatus> targetStatusFromName(const std::string& name);

// "https://www.LinkedIn.com/in/ana-lima/?trk=x" -> "linkedin.com/in/ana-lima":
// the form that two spellings of one profile URL share.
std::string profileUrlKey(const std::string& url);

}  // namespace hallway
