#include "core/followup.h"

#include <date/date.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

#include "core/template_text.h"
#include "core/text.h"
#include "core/time_util.h"

namespace hallway {

// ---------------------------------------------------------------- [SECTION] dates
namespace {

date::sys_days parseDay(const std::string& s) {
    int y = 0, m = 0, d = 0;
    char tail = 0;
    if (s.size() != 10 || std::sscanf(s.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || s[4] != '-' || s[7] != '-')
        throw std::invalid_argument("not a date (YYYY-MM-DD): '" + s + "'");
    date::year_month_day ymd{date::year{y}, date::month{unsigned(m)}, date::day{unsigned(d)}};
    if (!ymd.ok()) throw std::invalid_argument("no such date: '" + s + "'");
    return date::sys_days{ymd};
}

std::string formatDay(date::sys_days day) {
    date::year_month_day ymd{day};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()));
    return buf;
}

bool weekendDay(date::sys_days day) {
    date::weekday w{day};
    return w == date::Saturday || w == date::Sunday;
}

}  // namespace

DayParts dateParts(const std::string& s) {
    date::year_month_day ymd{parseDay(s)};
    return {int(ymd.year()), int(unsigned(ymd.month())), int(unsigned(ymd.day()))};
}

bool isValidDate(const std::string& s) {
    try {
        parseDay(s);
        return true;
    } catch (const std::invalid_argument&) {
        return false;
    }
}

std::string addDays(const std::string& s, int days) { return formatDay(parseDay(s) + date::days{days}); }

bool isWeekend(const std::string& s) { return weekendDay(parseDay(s)); }

std::string nextWorkingDayOnOrAfter(const std::string& s) {
    auto d = parseDay(s);
    while (weekendDay(d)) d += date::days{1};
    return formatDay(d);
}

std::string addWorkingDays(const std::string& s, int n) {
    auto d = parseDay(s);
    while (n > 0) {
        d += date::days{1};
        if (!weekendDay(d)) --n;
    }
    return formatDay(d);
}

int daysBetween(const std::string& from, const std::string& to) {
    return int((parseDay(to) - parseDay(from)).count());
}

// ---------------------------------------------------------------- [SECTION] kinds

const std::vector<FollowUpKindInfo>& followUpKinds() {
    static const std::vector<FollowUpKindInfo> kinds = {
        // kind               label                          base  direction  interaction       template
        {"promise",           "Keep a promise",              300, "give",    "email",          "promise"},
        {"intro_send",        "Intro: introduce",            120, "give",    "intro_made",     "intro_send"},
        {"intro_ask_b",       "Intro: ask second",           115, "give",    "email",          "intro_ask_b"},
        {"intro_ask_a",       "Intro: ask first",            110, "give",    "email",          "intro_ask_a"},
        {"thank_you",         "Thank-you",                   100, "give",    "email",          "thank_you"},
        {"meeting_request",   "Meeting request",              90, "ask",     "email",          "meeting_request"},
        {"info_interview",    "Informational interview",      90, "ask",     "email",          "info_interview"},
        {"referral_ask",      "Referral ask",                 90, "ask",     "referral_asked", "referral_ask"},
        {"missed_target",     "Sorry we missed each other",   80, "neutral", "email",          "missed_target"},
        {"detail_check_in",   "Ask how it went",              70, "neutral", "email",          "detail_check_in"},
        {"check_in",          "Check in",                     60, "neutral", "email",          "check_in"},
        {"keep_in_touch",     "Keep in touch",                60, "neutral", "email",          "keep_in_touch"},
    };
    return kinds;
}

const FollowUpKindInfo* followUpKind(const std::string& kind) {
    for (auto& k : followUpKinds())
        if (kind == k.kind) return &k;
    return nullptr;
}

// ---------------------------------------------------------------- [SECTION] rules
//
// The flow from the store to the queue is drawn at the top of
// services/followup_service.cpp.

namespace {

// "text." unless it ends a sentence already ("could you?" stays).
std::string sentence(const std::string& text) {
    if (!text.empty() && std::string(".?!").find(text.back()) != std::string::npos) return text;
    return text + ".";
}

// A date the user named for a promise is a deadline: a weekend one moves to
// the Friday before, not the Monday after.
std::string workingDayOnOrBefore(const std::string& s) {
    auto d = parseDay(s);
    while (weekendDay(d)) d -= date::days{1};
    return formatDay(d);
}

std::string firstNameOf(const std::string& given, const std::string& display) {
    if (!given.empty()) return given;
    return display.substr(0, display.find(' '));
}

std::string firstName(const QueuePerson& p) { return firstNameOf(p.givenName, p.displayName); }

double targetBonus(std::optional<TargetPriority> p) {
    if (!p) return 0;
    switch (*p) {
        case TargetPriority::Must: return 30;
        case TargetPriority::Should: return 20;
        case TargetPriority::Nice: return 10;
    }
    return 0;
}

// Indexes over the inputs, shared by every rule.
struct Context {
    const QueueInputs& in;
    std::string zone;
    std::string lastDay;
    std::string today;
    std::unordered_map<RowId, const Note*> notes;
    std::unordered_map<RowId, const Target*> targets;
    std::unordered_map<std::string, const FollowUp*> existing;
    std::map<RowId, std::string> met;

    // Zone lookups dominate a large run; offsets are whole quarter hours, so
    // every instant of a 15-minute slot has the same local date.
    mutable std::unordered_map<Instant, std::string> dates;
    const std::string& localDate(Instant t) const {
        Instant slot = t >= 0 ? t / 900 : (t - 899) / 900;
        auto it = dates.find(slot);
        if (it == dates.end()) it = dates.emplace(slot, localDateString(slot * 900, zone)).first;
        return it->second;
    }

    Context(const QueueInputs& inputs, const std::string& day) : in(inputs), zone(inputs.event.timeZone), today(day) {
        for (auto& n : in.notes) notes[n.id] = &n;
        for (auto& t : in.targets) targets[t.personId] = &t;
        for (auto& f : in.existing) existing[f.dedupeKey] = &f;
        Instant end = in.event.endsAt ? in.event.endsAt - 1 : in.event.startsAt;
        for (auto& n : in.notes) end = std::max(end, in.event.endsAt ? end : n.createdAt);
        lastDay = localDateString(end, zone);
    }

    const QueuePerson* person(RowId id) const {
        auto it = in.people.find(id);
        return it == in.people.end() ? nullptr : &it->second;
    }
    std::string nameOf(RowId id) const {
        const QueuePerson* p = person(id);
        return p ? p->displayName : "#" + std::to_string(id);
    }
    const FollowUp* existingItem(const std::string& key) const {
        auto it = existing.find(key);
        return it == existing.end() ? nullptr : it->second;
    }
    std::string thankDue() const { return addWorkingDays(lastDay, 1); }
    // Fresher contact ranks a little higher: 10 points on the day, none after 20 days.
    double freshness(RowId id) const {
        const QueuePerson* p = person(id);
        if (!p || !p->warmth.lastContact) return 0;
        int days = std::max(0, daysBetween(localDate(p->warmth.lastContact), today));
        return std::max(0.0, 10.0 - days * 0.5);
    }
    double priority(const std::string& kind, RowId id) const {
        const FollowUpKindInfo* k = followUpKind(kind);
        auto t = targets.find(id);
        double score = (k ? k->basePriority : 50) +
                       targetBonus(t == targets.end() ? std::nullopt : std::optional(t->second->priority)) +
                       freshness(id);
        // A new acquaintance is easier to lose than a friend: thank them first.
        if (kind == "thank_you")
            if (const QueuePerson* p = person(id)) score += std::max(0, 3 - p->warmth.interactions) * 2;
        return score;
    }
};

// What one run proposes; add() dedupes and scores.
struct Plan {
    const Context& c;
    QueueReport rep;
    std::set<std::string> planned, templatesUsed;

    void add(FollowUp f, const std::string& templateName) {
        if (c.existing.count(f.dedupeKey) || !planned.insert(f.dedupeKey).second) return;
        f.eventId = c.in.event.id;
        if (const QueuePerson* p = c.person(f.personId)) {
            f.personName = p->displayName;
            f.channel = p->channel;
        }
        f.priority = c.priority(f.kind, f.personId);
        templatesUsed.insert(templateName);
        rep.added.push_back(std::move(f));
    }
    void skip(const NoteItemRecord& item, const std::string& why) {
        rep.skipped.push_back("#" + item.kind + " \"" + item.text + "\" (note " + std::to_string(item.noteId) + "): " + why);
    }
};

std::string giveFirstHint(const QueuePerson& p) {
    if (p.warmth.asks > 0 && p.warmth.gives == 0)
        return " Give first: so far you have only asked " + firstName(p) +
               " for things; offer something back (share a resource, offer an introduction).";
    return "";
}

std::string factCheckInKey(RowId fact, RowId person) {
    return "detail_check_in:F" + std::to_string(fact) + ":P" + std::to_string(person);
}

// An item made from a note's marker, before its kind-specific fields.
FollowUp fromItem(const NoteItemRecord& item, RowId person, const char* rule, const std::string& kind) {
    FollowUp f;
    f.personId = person;
    f.rule = rule;
    f.kind = kind;
    f.noteId = item.noteId;
    f.noteItemId = item.id;
    return f;
}

// The items of `kind` whose note is of the event and links somebody; the
// rest are reported as skipped.
template <class Visit>
void forItems(const Context& c, Plan& plan, const char* kind, Visit visit) {
    for (auto& item : c.in.items) {
        if (item.kind != kind) continue;
        auto noteIt = c.notes.find(item.noteId);
        if (noteIt == c.notes.end()) continue;
        const Note& note = *noteIt->second;
        if (note.people.empty()) {
            if (item.kind != "detail" || item.onDate) plan.skip(item, "nobody linked to the note");
            continue;
        }
        visit(item, note, c.localDate(note.createdAt), "I" + std::to_string(item.id));
    }
}

// Everyone met gets a thank-you one working day after the event's last day.
void thankEveryoneMet(const Context& c, Plan& plan) {
    const std::string ev = "E" + std::to_string(c.in.event.id);
    std::unordered_map<RowId, RowId> firstMetNote;
    for (auto& n : c.in.notes)
        for (RowId p : n.metPeople) firstMetNote.emplace(p, n.id);
    for (auto& [pid, how] : c.met) {
        const QueuePerson* p = c.person(pid);
        if (!p) continue;
        FollowUp f;
        f.personId = pid;
        f.rule = "thank_everyone_met";
        f.kind = "thank_you";
        f.dueDate = c.thankDue();
        f.dedupeKey = "thank_you:" + ev + ":P" + std::to_string(pid);
        if (auto it = firstMetNote.find(pid); it != firstMetNote.end()) f.noteId = it->second;
        f.reason = "Met at " + c.in.event.name + " (" + how + "); a thank-you within two working days of the end." +
                   giveFirstHint(*p);
        plan.add(f, "thank_you");
    }
}

// Every open promise is its own item for each person on the note, first in line.
void keepEveryPromise(const Context& c, Plan& plan) {
    forItems(c, plan, "promise", [&](const NoteItemRecord& item, const Note& note, const std::string& noteDay,
                                     const std::string& iid) {
        if (item.done) return;
        for (RowId pid : note.people) {
            FollowUp f = fromItem(item, pid, "keep_every_promise", "promise");
            f.dueDate = item.onDate ? workingDayOnOrBefore(*item.onDate) : addWorkingDays(noteDay, 2);
            f.dedupeKey = "promise:" + iid + ":P" + std::to_string(pid);
            f.reason = "You promised: " + sentence(item.text + (item.onDate ? " (by " + *item.onDate + ")" : "")) +
                       " A promise kept builds trust.";
            plan.add(f, "promise");
        }
    });
}

// #intro: ask the first person on the note, then the second once the first
// agreed (replied or done), then introduce them once both agreed.
void introDoubleOptIn(const Context& c, Plan& plan) {
    auto agreed = [](const FollowUp* f) { return f && (f->status == "replied" || f->status == "done"); };
    forItems(c, plan, "intro", [&](const NoteItemRecord& item, const Note& note, const std::string& noteDay,
                                   const std::string& iid) {
        if (item.done) return;
        RowId a = note.people[0];
        std::optional<RowId> b;
        if (note.people.size() >= 2) b = note.people[1];
        const std::string bName = b ? c.nameOf(*b) : "the other person";
        const FollowUp* stepA = c.existingItem("intro_ask_a:" + iid);
        const FollowUp* stepB = c.existingItem("intro_ask_b:" + iid);
        if (!stepA) {
            FollowUp f = fromItem(item, a, "intro_double_opt_in", "intro_ask_a");
            f.dueDate = addWorkingDays(noteDay, 2);
            f.dedupeKey = "intro_ask_a:" + iid;
            f.reason = "Introduction, step 1 of 3: ask " + c.nameOf(a) + " whether an introduction to " + bName +
                       " is welcome (" + item.text + "). Next: ask " + bName + " once they agree.";
            plan.add(f, "intro_ask_a");
        } else if (agreed(stepA) && !b) {
            plan.skip(item, c.nameOf(a) + " agreed; link the other person to the note to go on");
        } else if (agreed(stepA) && !stepB) {
            FollowUp f = fromItem(item, *b, "intro_double_opt_in", "intro_ask_b");
            f.dueDate = addWorkingDays(std::max(stepA->statusOn.value_or(c.today), c.today), 1);
            f.dedupeKey = "intro_ask_b:" + iid;
            f.reason = "Introduction, step 2 of 3: " + c.nameOf(a) + " agreed; ask " + bName +
                       " whether an introduction to " + c.nameOf(a) + " is welcome. Next: introduce them.";
            plan.add(f, "intro_ask_b");
        } else if (agreed(stepA) && agreed(stepB)) {
            FollowUp f = fromItem(item, a, "intro_double_opt_in", "intro_send");
            f.dueDate = addWorkingDays(std::max(stepB->statusOn.value_or(c.today), c.today), 1);
            f.dedupeKey = "intro_send:" + iid;
            f.reason = "Introduction, step 3 of 3: both agreed; introduce " + c.nameOf(a) + " and " + bName + ".";
            plan.add(f, "intro_send");
        }
    });
}

// #ask: one request, one polite follow-up seven days after it went out
// unanswered, then let go.
void askThenLetGo(const Context& c, Plan& plan) {
    forItems(c, plan, "ask", [&](const NoteItemRecord& item, const Note& note, const std::string& noteDay,
                                 const std::string& iid) {
        if (item.done) return;
        const std::string kind = askKind(item.text);
        for (RowId pid : note.people) {
            const std::string key = kind + ":" + iid + ":P" + std::to_string(pid);
            const FollowUp* first = c.existingItem(key + ":1");
            const FollowUp* second = c.existingItem(key + ":2");
            if (!first) {
                FollowUp f = fromItem(item, pid, "ask_then_let_go", kind);
                f.dueDate = addWorkingDays(noteDay, 2);
                f.dedupeKey = key + ":1";
                f.reason = "You wanted to ask: " + sentence(item.text) + " Mark it sent when it goes out.";
                plan.add(f, kind);
            } else if (first->status == "sent" && !second && first->statusOn &&
                       daysBetween(*first->statusOn, c.today) >= 7) {
                FollowUp f = fromItem(item, pid, "ask_then_let_go", kind);
                f.attempt = 2;
                f.dueDate = nextWorkingDayOnOrAfter(addDays(*first->statusOn, 7));
                f.dedupeKey = key + ":2";
                f.reason = "No reply seven days after you asked (" + *first->statusOn +
                           "): one polite follow-up; if that goes unanswered too, Hallway lets it go.";
                plan.add(f, kind + "_follow_up");
            } else if (second && second->status == "sent" && second->statusOn &&
                       daysBetween(*second->statusOn, c.today) >= 7) {
                FollowUp d = *second;
                d.status = "dropped";
                d.statusOn = c.today;
                d.reason = "no reply after one follow-up; let go";
                plan.rep.dropped.push_back(d);
            }
        }
    });
}

// Words that put a dated detail in the past ("was born on 3 January").
bool tellsOfThePast(const std::string& itemText) {
    static const std::set<std::string> cues = {"was", "were", "born", "had", "did", "went", "got",
                                               "ago", "last", "married", "passed", "died", "since"};
    std::string word;
    for (char ch : text::lower(itemText) + " ") {
        if (std::isalpha((unsigned char)ch)) {
            word += ch;
        } else {
            if (cues.count(word)) return true;
            word.clear();
        }
    }
    return false;
}

// A #detail with a date comes back the working day after it. A date that had
// already passed when the note was written (a birthday, "born on 3 January"
// written in February, which the parser reads as next January) is something
// to remember, not to ask about months later.
void datedDetailCheckIn(const Context& c, Plan& plan) {
    forItems(c, plan, "detail", [&](const NoteItemRecord& item, const Note& note, const std::string& noteDay,
                                    const std::string& iid) {
        if (!item.onDate) return;
        const int ahead = daysBetween(noteDay, *item.onDate);
        if (ahead < 0 || ahead > 300 || tellsOfThePast(item.text)) {
            plan.skip(item, "the date had passed when you wrote it; kept in your notes as a date to remember, "
                            "not a check-in");
            return;
        }
        for (RowId pid : note.people) {
            FollowUp f = fromItem(item, pid, "dated_detail_check_in", "detail_check_in");
            f.dueDate = nextWorkingDayOnOrAfter(addDays(*item.onDate, 1));
            f.dedupeKey = "detail_check_in:" + iid + ":P" + std::to_string(pid);
            f.reason = "Your note: " + item.text + " (" + *item.onDate + "); ask how it went.";
            plan.add(f, "detail_check_in");
        }
    });
}

// Dated facts kept on a person met here ("marathon on 12 April"): the same
// check-in as a #detail, once per fact. Dates before the event are history.
void datedFactCheckIn(const Context& c, Plan& plan) {
    const std::string firstDay = localDateString(c.in.event.startsAt, c.zone);
    for (auto& [pid, person] : c.in.people) {
        if (!c.met.count(pid)) continue;
        for (auto& fact : person.datedFacts) {
            if (!fact.onDate || !isValidDate(*fact.onDate) || *fact.onDate < firstDay) continue;
            FollowUp f;
            f.personId = pid;
            f.rule = "dated_fact_check_in";
            f.kind = "detail_check_in";
            f.dueDate = nextWorkingDayOnOrAfter(addDays(*fact.onDate, 1));
            f.dedupeKey = factCheckInKey(fact.id, pid);
            f.reason = "You noted about them: " + fact.text + " (" + *fact.onDate + "); ask how it went.";
            plan.add(f, "detail_check_in");
        }
    }
}

// Must-meet targets nobody met: a "sorry we missed each other" after the event.
void missedMustMeet(const Context& c, Plan& plan) {
    const std::string ev = "E" + std::to_string(c.in.event.id);
    for (auto& t : c.in.targets) {
        if (t.priority != TargetPriority::Must || c.met.count(t.personId)) continue;
        if (c.today <= c.lastDay) {
            plan.rep.skipped.push_back("must-meet " + c.nameOf(t.personId) + " not met yet; the event runs until " +
                                       c.lastDay);
            continue;
        }
        FollowUp f;
        f.personId = t.personId;
        f.rule = "missed_must_meet";
        f.kind = "missed_target";
        f.dueDate = c.thankDue();
        f.dedupeKey = "missed_target:" + ev + ":P" + std::to_string(t.personId);
        f.reason = "A must-meet target you did not meet at " + c.in.event.name + ": sorry we missed each other." +
                   (t.why.empty() ? "" : " Why: " + t.why);
        plan.add(f, "missed_target");
    }
}

// Keep-in-touch cadences: the next check-in after the last contact or the
// last check-in closed, whichever is later; one pending at a time.
void keepInTouch(const Context& c, Plan& plan) {
    std::unordered_map<RowId, std::string> lastCheckIn;
    std::set<RowId> pending;
    for (auto& f : c.in.existing) {
        if (f.kind != "check_in") continue;
        if (f.status == "open" || f.status == "drafted" || f.status == "snoozed") pending.insert(f.personId);
        else if (f.statusOn && (lastCheckIn[f.personId].empty() || *f.statusOn > lastCheckIn[f.personId]))
            lastCheckIn[f.personId] = *f.statusOn;
    }
    for (auto& [pid, how] : c.met) {
        const QueuePerson* p = c.person(pid);
        if (!p || !p->keepInTouchDays || *p->keepInTouchDays <= 0 || pending.count(pid)) continue;
        std::string base = p->warmth.lastContact ? c.localDate(p->warmth.lastContact) : c.lastDay;
        if (auto it = lastCheckIn.find(pid); it != lastCheckIn.end() && it->second > base) base = it->second;
        FollowUp f;
        f.personId = pid;
        f.rule = "keep_in_touch";
        f.kind = "check_in";
        f.dueDate = nextWorkingDayOnOrAfter(addDays(base, *p->keepInTouchDays));
        f.dedupeKey = "check_in:P" + std::to_string(pid) + ":" + f.dueDate;
        f.reason = "Keep in touch every " + std::to_string(*p->keepInTouchDays) + " days; last contact " + base + ".";
        plan.add(f, "check_in");
    }
}

// Every rule, in the order its items are listed when they tie.
constexpr void (*kRules[])(const Context&, Plan&) = {thankEveryoneMet, keepEveryPromise, introDoubleOptIn,
                                                       askThenLetGo,     datedDetailCheckIn, datedFactCheckIn,
                                                       missedMustMeet,   keepInTouch};

const MessageTemplate* templateNamed(const QueueInputs& in, const std::string& name) {
    for (auto& t : in.templates)
        if (t.name == name) return &t;
    return nullptr;
}

}  // namespace

std::string askKind(const std::string& itemText) {
    std::string l = text::lower(itemText);
    if (l.find("interview") != std::string::npos || l.find("informational") != std::string::npos) return "info_interview";
    if (l.find("referral") != std::string::npos || l.find("refer ") != std::string::npos) return "referral_ask";
    return "meeting_request";
}

std::map<RowId, std::string> peopleMetAt(const QueueInputs& in) {
    const std::string zone = in.event.timeZone;
    std::map<RowId, std::string> met;
    for (auto& i : in.interactions)
        if ((i.kind == "met" || i.kind == "coffee" || i.kind == "call") && !met.count(i.personId))
            met.emplace(i.personId, i.kind + " on " + localDateString(i.occurredAt, zone));
    for (auto& t : in.targets)
        if (t.status == TargetStatus::Met) met.emplace(t.personId, "target marked met");
    for (auto& n : in.notes)
        for (RowId p : n.metPeople)
            if (!met.count(p)) met.emplace(p, "talked with, note of " + localDateString(n.createdAt, zone));
    return met;
}

QueueReport planQueue(const QueueInputs& in, const std::string& today) {
    parseDay(today);
    Context c(in, today);
    c.met = peopleMetAt(in);
    Plan plan{c, {}, {}, {}};
    plan.rep.eventId = in.event.id;
    for (auto rule : kRules) rule(c, plan);
    // Drafts are rendered later; a template naming a placeholder nobody fills is reported now.
    for (auto& name : plan.templatesUsed)
        if (const MessageTemplate* t = templateNamed(in, name))
            for (auto* part : {&t->subject, &t->body})
                for (auto& u : templatePlaceholders(*part))
                    if (std::find(knownPlaceholders().begin(), knownPlaceholders().end(), u) == knownPlaceholders().end())
                        plan.rep.unknownPlaceholders.push_back(name + ": {" + u + "}");
    return std::move(plan.rep);
}

std::map<RowId, GiveAsk> giveAskByPerson(const std::vector<Interaction>& interactions) {
    std::map<RowId, GiveAsk> out;
    for (auto& i : interactions) {
        GiveAsk& g = out[i.personId];
        if (i.direction == "give") ++g.gives;
        else if (i.direction == "ask") ++g.asks;
        else ++g.neutral;
    }
    return out;
}

GiveAsk giveAskTotal(const std::vector<Interaction>& interactions) {
    GiveAsk t;
    for (auto& [id, g] : giveAskByPerson(interactions)) {
        t.gives += g.gives;
        t.asks += g.asks;
        t.neutral += g.neutral;
    }
    return t;
}

// ---------------------------------------------------------------- [SECTION] templates

const std::vector<std::string>& knownPlaceholders() {
    static const std::vector<std::string> names = {
        "first_name", "name",   "event",  "where",   "topic",      "promise",          "detail",
        "ask",        "intro",  "offer",  "my_name", "other_name", "other_first_name"};
    return names;
}

std::vector<std::string> draftBlanks(const std::string& text) {
    std::vector<std::string> out;
    for (size_t at = text.find("[["); at != std::string::npos; at = text.find("[[", at + 2)) {
        size_t end = text.find("]]", at + 2);
        size_t line = text.find('\n', at);
        if (end == std::string::npos || (line != std::string::npos && line < end)) break;
        out.push_back(text.substr(at, end + 2 - at));
        at = end;
    }
    return out;
}

std::map<std::string, std::string> draftValues(const FollowUp& item, const DraftFacts& facts) {
    auto orBlank = [](const std::string& quote, const char* blank) {
        return quote.empty() ? std::string("[[") + blank + "]]" : quote;
    };
    std::map<std::string, std::string> v;
    v["first_name"] = firstNameOf(facts.givenName, facts.displayName);
    v["name"] = facts.displayName;
    v["event"] = facts.eventName;
    v["my_name"] = facts.myName;
    v["other_name"] = facts.otherDisplayName.empty() ? "[[who you are introducing]]" : facts.otherDisplayName;
    v["other_first_name"] = facts.otherDisplayName.empty() ? "[[their first name]]"
                                                           : firstNameOf(facts.otherGivenName, facts.otherDisplayName);
    v["where"] = !facts.talkTitle.empty() ? "after your talk \u201c" + facts.talkTitle + "\u201d"
                 : facts.coffee           ? "over coffee"
                                          : "";
    v["topic"] = facts.topic;
    v["offer"] = facts.onlyAsked ? "If there is anything I can share, or anyone I could introduce you to, just say." : "";
    v["promise"] = item.kind == "promise" ? orBlank(facts.quote, "what you promised them") : "";
    v["ask"] = followUpKind(item.kind) && std::string(followUpKind(item.kind)->direction) == "ask"
                   ? orBlank(facts.quote, "what you would like to ask, in a few words")
                   : "";
    v["detail"] = item.kind == "detail_check_in" ? orBlank(facts.quote, "what they told you about, in words for them")
                                                 : "";
    v["intro"] = item.kind.rfind("intro_", 0) == 0 ? orBlank(facts.quote, "why the two of you should talk") : "";
    return v;
}

std::string tidyDraftText(const std::string& text) {
    std::string s = text;
    auto replaceAll = [&](const std::string& from, const std::string& to) {
        bool any = false;
        for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
            s.replace(at, from.size(), to);
            any = true;
        }
        return any;
    };
    // Spaces left by an empty placeholder, and punctuation doubled by a value ending in its own.
    for (bool again = true; again;) {
        again = false;
        for (auto [from, to] : std::initializer_list<std::pair<const char*, const char*>>{
                 {"  ", " "}, {" .", "."}, {" ,", ","}, {" ;", ";"}, {" :", ":"}, {" ?", "?"}, {" !", "!"},
                 {"?.", "?"}, {"!.", "!"}, {"..", "."}, {",.", "."}, {".,", "."}, {"( ", "("}, {" )", ")"},
                 {"()", ""}, {"\u201c\u201d", ""}, {" \n", "\n"}, {"\n ", "\n"}, {"\n\n\n", "\n\n"}})
            again = replaceAll(from, to) || again;
    }
    // "…" keeps its dots: ".." above only meets the ASCII ones.
    while (!s.empty() && (s.back() == ' ' || s.back() == '\n')) s.pop_back();
    while (!s.empty() && (s.front() == ' ' || s.front() == '\n')) s.erase(0, 1);
    return s;
}

RenderedDraft renderDraft(const MessageTemplate& tpl, const std::map<std::string, std::string>& values) {
    RenderedDraft d;
    RenderedTemplate s = renderTemplate(tpl.subject, values);
    RenderedTemplate b = renderTemplate(tpl.body, values);
    d.subject = tidyDraftText(s.text);
    d.body = tidyDraftText(b.text);
    for (auto* list : {&s.unknown, &b.unknown})
        for (auto& u : *list)
            if (std::find(d.unknown.begin(), d.unknown.end(), u) == d.unknown.end()) d.unknown.push_back(u);
    for (auto* list : {&s.empty, &b.empty})
        for (auto& u : *list)
            if (std::find(d.empty.begin(), d.empty.end(), u) == d.empty.end()) d.empty.push_back(u);
    return d;
}

std::pair<std::string, std::string> splitDraft(const std::string& draft) {
    const std::string prefix = "Subject: ";
    if (draft.rfind(prefix, 0) != 0) return {"", draft};
    size_t end = draft.find('\n');
    std::string subject = draft.substr(prefix.size(), end == std::string::npos ? std::string::npos : end - prefix.size());
    std::string body = end == std::string::npos ? "" : draft.substr(end + 1);
    while (!body.empty() && body[0] == '\n') body.erase(0, 1);
    return {subject, body};
}

std::string defaultTemplateName(const FollowUp& item, const DraftFacts& facts) {
    const FollowUpKindInfo* k = followUpKind(item.kind);
    std::string name = k ? k->templateName : item.kind;
    if (item.attempt > 1) name += "_follow_up";
    if (item.kind == "thank_you" && !facts.topic.empty()) name = "thank_you_topic";
    return name;
}

// ---------------------------------------------------------------- [SECTION] channels

const char* channelKey(Channel channel) {
    switch (channel) {
        case Channel::Email: return "email";
        case Channel::LinkedIn: return "linkedin";
        case Channel::None: break;
    }
    return "none";
}

Reach reachOf(const Person& person) {
    Reach r;
    if (!person.emails.empty()) {
        r.channel = Channel::Email;
        r.address = person.emails.front().value;
        return r;
    }
    for (const auto& u : person.urls) {
        if (profileUrlKey(u.value).rfind("linkedin.com/in/", 0) != 0) continue;
        r.channel = Channel::LinkedIn;
        r.address = u.value;
        // Everyone in a LinkedIn export is a connection of its owner.
        r.connection = person.source == "linkedin";
        return r;
    }
    return r;
}

size_t linkedInLimit(bool connection) { return connection ? kLinkedInMessageLimit : kLinkedInNoteLimit; }

namespace {

// Byte offsets of each code point's start in `s`, and s.size() at the end.
std::vector<size_t> codePointStarts(const std::string& s) {
    std::vector<size_t> starts;
    for (size_t i = 0; i < s.size(); ++i)
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) starts.push_back(i);
    starts.push_back(s.size());
    return starts;
}

}  // namespace

LinkedInText linkedInText(const std::string& body, bool connection) {
    LinkedInText t;
    t.limit = linkedInLimit(connection);
    const std::vector<size_t> starts = codePointStarts(body);
    t.characters = starts.size() - 1;
    if (t.characters <= t.limit) {
        t.text = body;
        return t;
    }
    // Cut at the last space within the limit, so no word is cut in half.
    size_t end = starts[t.limit];
    const size_t space = body.find_last_of(" \n", end);
    if (space != std::string::npos && space > end / 2) end = space;
    while (end > 0 && (body[end - 1] == ' ' || body[end - 1] == '\n')) --end;
    t.text = body.substr(0, end);
    t.cutCharacters = t.characters - (codePointStarts(t.text).size() - 1);
    return t;
}

// ---------------------------------------------------------------- [SECTION] together

namespace {

bool stillToSend(const FollowUp& f) { return f.status == "open" || f.status == "drafted" || f.status == "snoozed"; }

std::vector<std::string> paragraphsOf(const std::string& body) {
    std::vector<std::string> out;
    size_t at = 0;
    while (at <= body.size()) {
        size_t end = body.find("\n\n", at);
        if (end == std::string::npos) end = body.size();
        std::string p = body.substr(at, end - at);
        while (!p.empty() && (p.back() == '\n' || p.back() == ' ')) p.pop_back();
        size_t lead = p.find_first_not_of("\n ");
        if (lead != std::string::npos) out.push_back(p.substr(lead));
        at = end + 2;
    }
    return out;
}

// "Hi Ana," alone on its line.
bool isGreeting(const std::string& paragraph) {
    return paragraph.find('\n') == std::string::npos && !paragraph.empty() && paragraph.back() == ',' &&
           paragraph.size() < 80;
}

// "All the best,\nMe": a short first line ending in a comma, then a name or two.
bool isClosing(const std::string& paragraph) {
    const size_t eol = paragraph.find('\n');
    if (eol == std::string::npos || eol == 0 || eol > 40 || paragraph[eol - 1] != ',') return false;
    return std::count(paragraph.begin(), paragraph.end(), '\n') <= 2;
}

}  // namespace

std::vector<FollowUp> dueTogetherWith(const FollowUp& item, const std::vector<FollowUp>& queue) {
    std::vector<FollowUp> out;
    // An introduction goes to two people at once: it stays a message of its own.
    auto alone = [](const FollowUp& f) { return f.kind == "intro_send"; };
    if (!stillToSend(item) || alone(item)) return out;
    const std::string due = effectiveDue(item);
    for (const auto& f : queue) {
        if (f.id == item.id || f.personId != item.personId || f.eventId != item.eventId) continue;
        if (!stillToSend(f) || alone(f)) continue;
        if (std::abs(daysBetween(due, effectiveDue(f))) > 7) continue;
        out.push_back(f);
    }
    sortQueue(out);
    return out;
}

std::vector<FollowUp> inMessageOrder(std::vector<FollowUp> items) {
    std::stable_partition(items.begin(), items.end(), [](const FollowUp& f) { return f.kind == "thank_you"; });
    return items;
}

RenderedDraft combineDrafts(const std::vector<std::string>& drafts) {
    RenderedDraft out;
    if (drafts.empty()) return out;
    std::string greeting, closing;
    std::vector<std::string> middle;
    for (size_t i = 0; i < drafts.size(); ++i) {
        auto [subject, body] = splitDraft(drafts[i]);
        if (i == 0) out.subject = subject;
        std::vector<std::string> paragraphs = paragraphsOf(body);
        if (!paragraphs.empty() && isGreeting(paragraphs.front())) {
            if (greeting.empty()) greeting = paragraphs.front();
            paragraphs.erase(paragraphs.begin());
        }
        if (!paragraphs.empty() && isClosing(paragraphs.back())) {
            if (closing.empty()) closing = paragraphs.back();
            paragraphs.pop_back();
        }
        for (auto& p : paragraphs)
            if (std::find(middle.begin(), middle.end(), p) == middle.end()) middle.push_back(std::move(p));
    }
    std::vector<std::string> all;
    if (!greeting.empty()) all.push_back(greeting);
    all.insert(all.end(), middle.begin(), middle.end());
    if (!closing.empty()) all.push_back(closing);
    for (size_t i = 0; i < all.size(); ++i) out.body += (i ? "\n\n" : "") + all[i];
    return out;
}

// ---------------------------------------------------------------- [SECTION] labels

std::string followUpKindLabel(const std::string& kind) {
    const FollowUpKindInfo* k = followUpKind(kind);
    return k ? k->label : kind;
}

std::string effectiveDue(const FollowUp& item) {
    return item.status == "snoozed" && item.snoozedUntil ? *item.snoozedUntil : item.dueDate;
}

DueGroup dueGroupOf(const FollowUp& item, const std::string& today) {
    const std::string due = effectiveDue(item);
    if (due < today) return DueGroup::Overdue;
    if (due == today) return DueGroup::Today;
    if (isValidDate(today) && due <= addDays(today, 6)) return DueGroup::Week;
    return DueGroup::Later;
}

const char* dueGroupTitle(DueGroup group) {
    switch (group) {
        case DueGroup::Overdue: return "Overdue";
        case DueGroup::Today: return "Today";
        case DueGroup::Week: return "This week";
        case DueGroup::Later: return "Later";
    }
    return "Later";
}

const char* dueGroupKey(DueGroup group) {
    switch (group) {
        case DueGroup::Overdue: return "overdue";
        case DueGroup::Today: return "today";
        case DueGroup::Week: return "week";
        case DueGroup::Later: return "later";
    }
    return "later";
}

void sortQueue(std::vector<FollowUp>& items) {
    std::stable_sort(items.begin(), items.end(), [](const FollowUp& a, const FollowUp& b) {
        const std::string da = effectiveDue(a), db = effectiveDue(b);
        if (da != db) return da < db;
        if (a.priority != b.priority) return a.priority > b.priority;
        return a.id < b.id;
    });
}

}  // namespace hallway
