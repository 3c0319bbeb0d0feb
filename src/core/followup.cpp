#include "core/followup.h"

#include <date/date.h>
#include <libical/ical.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

#include "core/assets.h"
#include "core/time_util.h"
#include "formats/people_export.h"
#include "formats/template_text.h"
#include "formats/text.h"
#include "store/followups_repo.h"
#include "store/notes_repo.h"
#include "store/store.h"

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

// ---------------------------------------------------------------- [SECTION] rules
namespace {

// A date the user named for a promise is a deadline: a weekend one moves to
// the Friday before, not the Monday after.
std::string workingDayOnOrBefore(const std::string& s) {
    auto d = parseDay(s);
    while (weekendDay(d)) d -= date::days{1};
    return formatDay(d);
}

bool isMarkerWord(const std::string& w) {
    std::string l = text::lower(w);
    for (const char* m : {"#promise", "#promised", "#intro", "#introduce", "#introduction", "#detail", "#details", "#ask"})
        if (l == m || (l.rfind(m, 0) == 0 && l.size() == std::string(m).size() + 1 && std::ispunct((unsigned char)l.back())))
            return true;
    return false;
}

// The first line of a note, up to its first marker, without @mentions or
// #tags: what the conversation was about, in the user's words.
std::string topicOf(const std::string& body) {
    std::string line = body.substr(0, body.find('\n'));
    std::istringstream words(line);
    std::string w, out;
    bool first = true;
    while (words >> w) {
        if (first && (w == "-" || w == "*" || w == "+")) continue;
        if (first && (w == "[" || w == "[x]" || w == "[X]" || w == "[ ]")) break;
        first = false;
        if (isMarkerWord(w)) break;
        if (w[0] == '@' || w[0] == '#') continue;
        out += (out.empty() ? "" : " ") + w;
    }
    while (!out.empty() && std::string(" ;,:.-—").find(out.back()) != std::string::npos) out.pop_back();
    if (line.rfind("[ ]", 0) == 0 || line.rfind("- [ ]", 0) == 0) out.clear();
    return text::trim(out);
}

std::string withoutMentions(const std::string& line) {
    std::istringstream words(line);
    std::string w, out;
    while (words >> w)
        if (w[0] != '@') out += (out.empty() ? "" : " ") + w;
    while (!out.empty() && std::string(" ;,:-").find(out.back()) != std::string::npos) out.pop_back();
    return out;
}

// What an item asks the user to do, in their words: the text after its
// marker on the note's line ("Bench talk with @ana #promise send the paper"
// -> "send the paper"); the whole line without @mentions when the marker
// comes last or the line is a checkbox.
std::string actionText(const NoteItemRecord& item, const std::string& body) {
    std::string whole = withoutMentions(item.text);
    static const std::map<std::string, std::vector<std::string>> markers = {
        {"promise", {"#promised", "#promise"}},
        {"intro", {"#introduction", "#introduce", "#intro"}},
        {"detail", {"#details", "#detail"}},
        {"ask", {"#ask"}}};
    auto m = markers.find(item.kind);
    if (m == markers.end()) return whole;
    std::istringstream lines(body);
    std::string line;
    while (std::getline(lines, line)) {
        std::string l = text::lower(line);
        for (auto& marker : m->second) {
            size_t pos = l.find(marker);
            if (pos == std::string::npos) continue;
            size_t end = pos + marker.size();
            if (end < l.size() && std::isalnum((unsigned char)l[end])) continue;
            std::string after = withoutMentions(text::trim(line.substr(end)));
            while (!after.empty() && std::string(":;,.-").find(after[0]) != std::string::npos)
                after = text::trim(after.substr(1));
            if (item.kind == "intro")
                for (const char* lead : {"to ", "with "})
                    if (after.rfind(lead, 0) == 0) after = after.substr(std::string(lead).size());
            if (!after.empty() && text::lower(whole).find(text::lower(after)) != std::string::npos) return after;
        }
    }
    return whole;
}

std::string firstName(const QueuePerson& p) {
    if (!p.givenName.empty()) return p.givenName;
    return p.displayName.substr(0, p.displayName.find(' '));
}

double targetBonus(std::optional<TargetPriority> p) {
    if (!p) return 0;
    switch (*p) {
        case TargetPriority::Must: return 30;
        case TargetPriority::Should: return 20;
        case TargetPriority::Nice: return 10;
    }
    return 0;
}

double kindBase(const std::string& kind) {
    static const std::map<std::string, double> base = {
        {"promise", 300},         {"intro_send", 120},     {"intro_ask_b", 115},  {"intro_ask_a", 110},
        {"thank_you", 100},       {"meeting_request", 90}, {"info_interview", 90}, {"referral_ask", 90},
        {"missed_target", 80},    {"detail_check_in", 70}, {"check_in", 60},      {"keep_in_touch", 60}};
    auto it = base.find(kind);
    return it == base.end() ? 50 : it->second;
}

// Indexes over the inputs, shared by planning and re-drafting one item.
struct Context {
    const QueueInputs& in;
    std::string zone;
    std::string lastDay;
    std::unordered_map<RowId, const Note*> notes;
    std::unordered_map<RowId, const NoteItemRecord*> items;
    std::unordered_map<RowId, std::vector<const Note*>> notesOf;  // person -> event notes, oldest first
    std::unordered_map<RowId, std::vector<const NoteItemRecord*>> itemsOfNote;
    std::unordered_map<RowId, const Target*> targets;
    std::unordered_map<std::string, const FollowUp*> existing;

    // Zone lookups dominate a large run; offsets are whole quarter hours, so
    // every instant of a 15-minute slot has the same local date.
    mutable std::unordered_map<Instant, std::string> dates;
    const std::string& localDate(Instant t) const {
        Instant slot = t >= 0 ? t / 900 : (t - 899) / 900;
        auto it = dates.find(slot);
        if (it == dates.end()) it = dates.emplace(slot, localDateString(slot * 900, zone)).first;
        return it->second;
    }

    explicit Context(const QueueInputs& inputs) : in(inputs), zone(inputs.event.timeZone) {
        for (auto& n : in.notes) {
            notes[n.id] = &n;
            for (RowId p : n.people) notesOf[p].push_back(&n);
        }
        for (auto& i : in.items) {
            items[i.id] = &i;
            itemsOfNote[i.noteId].push_back(&i);
        }
        for (auto& t : in.targets) targets[t.personId] = &t;
        for (auto& f : in.existing) existing[f.dedupeKey] = &f;
        Instant end = in.event.endsAt ? in.event.endsAt - 1 : in.event.startsAt;
        for (auto& n : in.notes) end = std::max(end, in.event.endsAt ? end : n.createdAt);
        lastDay = localDateString(end, zone);
    }

    std::optional<TargetPriority> targetPriority(RowId person) const {
        auto it = targets.find(person);
        if (it == targets.end()) return std::nullopt;
        return it->second->priority;
    }
    const QueuePerson* person(RowId id) const {
        auto it = in.people.find(id);
        return it == in.people.end() ? nullptr : &it->second;
    }
    std::string noteDate(RowId noteId) const {
        auto it = notes.find(noteId);
        return it == notes.end() ? lastDay : localDate(it->second->createdAt);
    }
    mutable std::unordered_map<RowId, std::string> topics, details;
    const std::string& topic(RowId person) const {
        auto cached = topics.find(person);
        if (cached == topics.end()) cached = topics.emplace(person, findTopic(person)).first;
        return cached->second;
    }
    const std::string& detail(RowId person) const {
        auto cached = details.find(person);
        if (cached == details.end()) cached = details.emplace(person, findDetail(person)).first;
        return cached->second;
    }
    std::string findTopic(RowId person) const {
        auto it = notesOf.find(person);
        if (it != notesOf.end())
            for (const Note* n : it->second)
                if (auto t = topicOf(n->body); !t.empty()) return t;
        return "";
    }
    std::string findDetail(RowId person) const {
        auto it = notesOf.find(person);
        if (it == notesOf.end()) return "";
        for (const Note* n : it->second) {
            auto items = itemsOfNote.find(n->id);
            if (items == itemsOfNote.end()) continue;
            for (auto* i : items->second)
                if (i->kind == "detail") return actionText(*i, n->body);
        }
        return "";
    }
    // Fresher contact ranks a little higher: 10 points on the day, none after 20 days.
    double freshness(RowId person, const std::string& today) const {
        const QueuePerson* p = this->person(person);
        if (!p || !p->warmth.lastContact) return 0;
        int days = std::max(0, daysBetween(localDate(p->warmth.lastContact), today));
        return std::max(0.0, 10.0 - days * 0.5);
    }
    double priority(const std::string& kind, RowId person, const std::string& today) const {
        double score = kindBase(kind) + targetBonus(targetPriority(person)) + freshness(person, today);
        // A new acquaintance is easier to lose than a friend: thank them first.
        if (kind == "thank_you")
            if (const QueuePerson* p = this->person(person)) score += std::max(0, 3 - p->warmth.interactions) * 2;
        return score;
    }
};

std::string factCheckInKey(RowId fact, RowId person) {
    return "detail_check_in:F" + std::to_string(fact) + ":P" + std::to_string(person);
}

std::string giveFirstHint(const QueuePerson& p) {
    if (p.warmth.asks > 0 && p.warmth.gives == 0)
        return " Give first: so far you have only asked " + firstName(p) +
               " for things; offer something back (share a resource, offer an introduction).";
    return "";
}

std::map<std::string, std::string> valuesFor(const Context& c, const FollowUp& f) {
    std::map<std::string, std::string> v;
    const QueuePerson* p = c.person(f.personId);
    v["first_name"] = p ? firstName(*p) : "";
    v["name"] = p ? p->displayName : "";
    v["event"] = c.in.event.name;
    v["my_name"] = c.in.myName;
    std::string topic = c.topic(f.personId);
    v["topic"] = topic.empty() ? "what you are working on" : topic;
    v["detail"] = c.detail(f.personId);
    v["promise"] = "";
    v["ask"] = "";
    v["other_name"] = "";
    if (f.rule == "dated_fact_check_in" && p)
        for (auto& fact : p->datedFacts)
            if (f.dedupeKey == factCheckInKey(fact.id, f.personId)) v["detail"] = fact.text;
    const NoteItemRecord* item = nullptr;
    if (f.noteItemId)
        if (auto it = c.items.find(*f.noteItemId); it != c.items.end()) item = it->second;
    if (item) {
        std::string body;
        if (auto n = c.notes.find(item->noteId); n != c.notes.end()) body = n->second->body;
        std::string action = actionText(*item, body);
        if (f.kind == "promise") v["promise"] = action;
        if (f.kind == "detail_check_in") v["detail"] = action;
        if (f.kind == "meeting_request" || f.kind == "info_interview" || f.kind == "referral_ask") v["ask"] = action;
        if (f.kind.rfind("intro_", 0) == 0) {
            auto n = c.notes.find(item->noteId);
            if (n != c.notes.end() && n->second->people.size() >= 2) {
                RowId a = n->second->people[0], b = n->second->people[1];
                RowId other = f.kind == "intro_ask_b" ? a : b;
                if (const QueuePerson* o = c.person(other)) v["other_name"] = o->displayName;
            }
            v["topic"] = action;
        }
    }
    return v;
}

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

namespace {

std::map<RowId, std::string> metIn(const Context& c) {
    const QueueInputs& in = c.in;
    std::map<RowId, std::string> met;
    for (auto& i : in.interactions)
        if ((i.kind == "met" || i.kind == "coffee") && !met.count(i.personId))
            met.emplace(i.personId, i.kind + " on " + c.localDate(i.occurredAt));
    for (auto& t : in.targets)
        if (t.status == TargetStatus::Met) met.emplace(t.personId, "target marked met");
    for (auto& n : in.notes)
        for (RowId p : n.people)
            if (!met.count(p)) met.emplace(p, "note of " + c.localDate(n.createdAt));
    return met;
}

}  // namespace

std::map<RowId, std::string> peopleMetAt(const QueueInputs& in) { return metIn(Context(in)); }

QueueReport planQueue(const QueueInputs& in, const std::string& today) {
    parseDay(today);
    Context c(in);
    QueueReport rep;
    rep.eventId = in.event.id;
    std::set<std::string> planned, unknown;
    const std::string ev = "E" + std::to_string(in.event.id);

    auto add = [&](FollowUp f, const std::string& templateName) {
        if (c.existing.count(f.dedupeKey) || !planned.insert(f.dedupeKey).second) return;
        f.eventId = in.event.id;
        if (const QueuePerson* p = c.person(f.personId)) f.personName = p->displayName;
        f.priority = c.priority(f.kind, f.personId, today);
        if (const MessageTemplate* t = templateNamed(in, templateName)) {
            RenderedDraft d = renderDraft(*t, valuesFor(c, f));
            f.draft = d.text();
            f.templateId = t->id;
            for (auto& u : d.unknown)
                if (unknown.insert(u).second) rep.unknownPlaceholders.push_back(templateName + ": {" + u + "}");
        }
        rep.added.push_back(std::move(f));
    };
    auto existingItem = [&](const std::string& key) -> const FollowUp* {
        auto it = c.existing.find(key);
        return it == c.existing.end() ? nullptr : it->second;
    };
    auto agreed = [](const FollowUp* f) { return f && (f->status == "replied" || f->status == "done"); };

    std::map<RowId, std::string> met = metIn(c);

    // Thank-yous, one working day after the event's last day.
    std::string thankDue = addWorkingDays(c.lastDay, 1);
    for (auto& [pid, how] : met) {
        const QueuePerson* p = c.person(pid);
        if (!p) continue;
        FollowUp f;
        f.personId = pid;
        f.rule = "thank_everyone_met";
        f.kind = "thank_you";
        f.dueDate = thankDue;
        f.dedupeKey = "thank_you:" + ev + ":P" + std::to_string(pid);
        auto notes = c.notesOf.find(pid);
        if (notes != c.notesOf.end() && !notes->second.empty()) f.noteId = notes->second.front()->id;
        f.reason = "Met at " + in.event.name + " (" + how + "); a thank-you within two working days of the end." +
                   giveFirstHint(*p);
        std::string detail = c.detail(pid);
        add(f, detail.empty() ? "thank_you" : "thank_you_detail");
        if (!rep.added.empty() && rep.added.back().dedupeKey == f.dedupeKey && !giveFirstHint(*p).empty())
            rep.added.back().draft +=
                "\n\nIf there is anything I can share or anyone I could introduce you to, just say.";
    }

    for (auto& item : in.items) {
        auto noteIt = c.notes.find(item.noteId);
        if (noteIt == c.notes.end()) continue;
        const Note& note = *noteIt->second;
        std::string noteDay = c.localDate(note.createdAt);
        std::string iid = "I" + std::to_string(item.id);
        std::optional<std::string> actionCache;  // built only when an item is new
        auto actionOf = [&]() -> const std::string& {
            if (!actionCache) actionCache = actionText(item, note.body);
            return *actionCache;
        };
        if (note.people.empty()) {
            if (item.kind != "detail" || item.onDate)
                rep.skipped.push_back("#" + item.kind + " \"" + item.text + "\" (note " + std::to_string(note.id) +
                                      "): nobody linked to the note");
            continue;
        }

        if (item.kind == "promise") {
            if (item.done) continue;
            for (RowId pid : note.people) {
                if (c.existing.count("promise:" + iid + ":P" + std::to_string(pid))) continue;
                FollowUp f;
                f.personId = pid;
                f.rule = "keep_every_promise";
                f.kind = "promise";
                f.noteId = note.id;
                f.noteItemId = item.id;
                f.dueDate = item.onDate ? workingDayOnOrBefore(*item.onDate) : addWorkingDays(noteDay, 2);
                f.dedupeKey = "promise:" + iid + ":P" + std::to_string(pid);
                f.reason = "You promised: " + actionOf() + (item.onDate ? " (by " + *item.onDate + ")" : "") +
                           ". A promise kept builds trust.";
                add(f, "promise");
            }
        } else if (item.kind == "intro") {
            if (item.done) continue;
            RowId a = note.people[0];
            std::optional<RowId> b;
            if (note.people.size() >= 2) b = note.people[1];
            auto nameOf = [&](RowId id) { const QueuePerson* p = c.person(id); return p ? p->displayName : "#" + std::to_string(id); };
            std::string bName = b ? nameOf(*b) : "the other person";
            std::string keyA = "intro_ask_a:" + iid, keyB = "intro_ask_b:" + iid, keySend = "intro_send:" + iid;
            const FollowUp* stepA = existingItem(keyA);
            const FollowUp* stepB = existingItem(keyB);
            if (!stepA) {
                FollowUp f;
                f.personId = a;
                f.rule = "intro_double_opt_in";
                f.kind = "intro_ask_a";
                f.noteId = note.id;
                f.noteItemId = item.id;
                f.dueDate = addWorkingDays(noteDay, 2);
                f.dedupeKey = keyA;
                f.reason = "Introduction, step 1 of 3: ask " + nameOf(a) + " whether an introduction to " + bName +
                           " is welcome (" + actionOf() + "). Next: ask " + bName + " once they agree.";
                add(f, "intro_ask_a");
            } else if (agreed(stepA) && !b) {
                rep.skipped.push_back("#intro \"" + item.text + "\": " + nameOf(a) +
                                      " agreed; link the other person to the note to go on");
            } else if (agreed(stepA) && !stepB) {
                FollowUp f;
                f.personId = *b;
                f.rule = "intro_double_opt_in";
                f.kind = "intro_ask_b";
                f.noteId = note.id;
                f.noteItemId = item.id;
                f.dueDate = addWorkingDays(std::max(stepA->statusOn.value_or(today), today), 1);
                f.dedupeKey = keyB;
                f.reason = "Introduction, step 2 of 3: " + nameOf(a) + " agreed; ask " + bName +
                           " whether an introduction to " + nameOf(a) + " is welcome. Next: introduce them.";
                add(f, "intro_ask_b");
            } else if (agreed(stepA) && agreed(stepB)) {
                FollowUp f;
                f.personId = a;
                f.rule = "intro_double_opt_in";
                f.kind = "intro_send";
                f.noteId = note.id;
                f.noteItemId = item.id;
                f.dueDate = addWorkingDays(std::max(stepB->statusOn.value_or(today), today), 1);
                f.dedupeKey = keySend;
                f.reason = "Introduction, step 3 of 3: both agreed; introduce " + nameOf(a) + " and " + bName + ".";
                add(f, "intro_send");
            }
        } else if (item.kind == "ask") {
            if (item.done) continue;
            std::string kind = askKind(item.text);
            for (RowId pid : note.people) {
                std::string key = kind + ":" + iid + ":P" + std::to_string(pid);
                const FollowUp* first = existingItem(key + ":1");
                const FollowUp* second = existingItem(key + ":2");
                if (!first) {
                    FollowUp f;
                    f.personId = pid;
                    f.rule = "ask_then_let_go";
                    f.kind = kind;
                    f.noteId = note.id;
                    f.noteItemId = item.id;
                    f.dueDate = addWorkingDays(noteDay, 2);
                    f.dedupeKey = key + ":1";
                    f.reason = "You wanted to ask: " + actionOf() + ". Mark it sent when it goes out.";
                    add(f, kind);
                } else if (first->status == "sent" && !second && first->statusOn &&
                           daysBetween(*first->statusOn, today) >= 7) {
                    FollowUp f;
                    f.personId = pid;
                    f.rule = "ask_then_let_go";
                    f.kind = kind;
                    f.noteId = note.id;
                    f.noteItemId = item.id;
                    f.attempt = 2;
                    f.dueDate = nextWorkingDayOnOrAfter(addDays(*first->statusOn, 7));
                    f.dedupeKey = key + ":2";
                    f.reason = "No reply seven days after you asked (" + *first->statusOn +
                               "): one polite follow-up; if that goes unanswered too, Hallway lets it go.";
                    add(f, kind + "_follow_up");
                } else if (second && second->status == "sent" && second->statusOn &&
                           daysBetween(*second->statusOn, today) >= 7) {
                    FollowUp d = *second;
                    d.status = "dropped";
                    d.statusOn = today;
                    d.reason = "no reply after one follow-up; let go";
                    rep.dropped.push_back(d);
                }
            }
        } else if (item.kind == "detail" && item.onDate) {
            for (RowId pid : note.people) {
                if (c.existing.count("detail_check_in:" + iid + ":P" + std::to_string(pid))) continue;
                FollowUp f;
                f.personId = pid;
                f.rule = "dated_detail_check_in";
                f.kind = "detail_check_in";
                f.noteId = note.id;
                f.noteItemId = item.id;
                f.dueDate = nextWorkingDayOnOrAfter(addDays(*item.onDate, 1));
                f.dedupeKey = "detail_check_in:" + iid + ":P" + std::to_string(pid);
                f.reason = "They mentioned: " + actionOf() + " (" + *item.onDate + "); ask how it went.";
                add(f, "detail_check_in");
            }
        }
    }

    // Dated facts kept on a person met here ("marathon on 12 April"): the
    // same check-in as a #detail in a note, once per fact. Dates before the
    // event are history, not something to ask about.
    const std::string firstDay = localDateString(in.event.startsAt, c.zone);
    for (auto& [pid, person] : in.people) {
        if (!met.count(pid)) continue;
        for (auto& fact : person.datedFacts) {
            if (!fact.onDate || !isValidDate(*fact.onDate) || *fact.onDate < firstDay) continue;
            FollowUp f;
            f.personId = pid;
            f.rule = "dated_fact_check_in";
            f.kind = "detail_check_in";
            f.dueDate = nextWorkingDayOnOrAfter(addDays(*fact.onDate, 1));
            f.dedupeKey = factCheckInKey(fact.id, pid);
            f.reason = "You noted about them: " + fact.text + " (" + *fact.onDate + "); ask how it went.";
            add(f, "detail_check_in");
        }
    }

    // Must-meet targets nobody met: a "sorry we missed each other".
    for (auto& t : in.targets) {
        if (t.priority != TargetPriority::Must || met.count(t.personId)) continue;
        if (today <= c.lastDay) {
            rep.skipped.push_back("must-meet " + (c.person(t.personId) ? c.person(t.personId)->displayName : "") +
                                  " not met yet; the event runs until " + c.lastDay);
            continue;
        }
        FollowUp f;
        f.personId = t.personId;
        f.rule = "missed_must_meet";
        f.kind = "missed_target";
        f.dueDate = thankDue;
        f.dedupeKey = "missed_target:" + ev + ":P" + std::to_string(t.personId);
        f.reason = "A must-meet target you did not meet at " + in.event.name + ": sorry we missed each other." +
                   (t.why.empty() ? "" : " Why: " + t.why);
        add(f, "missed_target");
    }

    // Keep-in-touch cadences: the next check-in after the last contact or the
    // last check-in closed, whichever is later; one pending at a time.
    std::unordered_map<RowId, std::string> lastCheckIn;
    std::set<RowId> pendingCheckIn;
    for (auto& f : in.existing) {
        if (f.kind != "check_in") continue;
        if (f.status == "open" || f.status == "drafted" || f.status == "snoozed") pendingCheckIn.insert(f.personId);
        else if (f.statusOn && (lastCheckIn[f.personId].empty() || *f.statusOn > lastCheckIn[f.personId]))
            lastCheckIn[f.personId] = *f.statusOn;
    }
    for (auto& [pid, how] : met) {
        const QueuePerson* p = c.person(pid);
        if (!p || !p->keepInTouchDays || *p->keepInTouchDays <= 0 || pendingCheckIn.count(pid)) continue;
        std::string base = p->warmth.lastContact ? c.localDate(p->warmth.lastContact) : c.lastDay;
        if (auto it = lastCheckIn.find(pid); it != lastCheckIn.end() && it->second > base) base = it->second;
        FollowUp f;
        f.personId = pid;
        f.rule = "keep_in_touch";
        f.kind = "check_in";
        f.dueDate = nextWorkingDayOnOrAfter(addDays(base, *p->keepInTouchDays));
        f.dedupeKey = "check_in:P" + std::to_string(pid) + ":" + f.dueDate;
        f.reason = "Keep in touch every " + std::to_string(*p->keepInTouchDays) + " days; last contact " + base + ".";
        add(f, "check_in");
    }
    return rep;
}

QueueReport generateQueue(Store& store, RowId eventId, const std::string& today) {
    if (!isValidDate(today)) throw std::invalid_argument("today must be a date YYYY-MM-DD, got '" + today + "'");
    ensureDefaultTemplates(store);
    FollowUpsRepo repo(store);
    Store::Transaction tx(store);
    QueueInputs in = repo.loadInputs(eventId);
    QueueReport rep = planQueue(in, today);
    std::vector<FollowUp> added;
    for (auto& f : rep.added) {
        RowId id = repo.insertIfAbsent(f);
        if (!id) continue;  // another writer made it first
        f.id = id;
        added.push_back(f);
    }
    rep.added = std::move(added);
    for (auto& d : rep.dropped) repo.setStatus(d.id, d.status, today, d.reason);
    tx.commit();
    return rep;
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

std::vector<ColdPerson> peopleGoingCold(Store& store, const std::string& today, int silenceDays) {
    parseDay(today);
    std::vector<ColdPerson> out;
    for (auto& p : FollowUpsRepo(store).peopleWithInteractions()) {
        if (!p.warmth.lastContact) continue;
        int days = daysBetween(localDateString(p.warmth.lastContact, "UTC"), today);
        std::string why;
        if (p.keepInTouchDays && *p.keepInTouchDays > 0 && days > *p.keepInTouchDays)
            why = "past the keep-in-touch cadence of " + std::to_string(*p.keepInTouchDays) + " days";
        else if (p.warmth.interactions < 3 && days >= silenceDays)
            why = std::to_string(p.warmth.interactions) + " interaction" + (p.warmth.interactions == 1 ? "" : "s") +
                  ", not yet a relationship";
        if (why.empty()) continue;
        out.push_back({p, days, why});
    }
    std::stable_sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.daysSilent > b.daysSilent; });
    return out;
}

// ---------------------------------------------------------------- [SECTION] templates

const std::vector<std::string>& knownPlaceholders() {
    static const std::vector<std::string> names = {"first_name", "name",  "event",    "topic",     "promise",
                                                   "detail",     "ask",   "my_name", "other_name"};
    return names;
}

void ensureDefaultTemplates(Store& store) {
    std::string path = assetPath("templates/default_templates.json");
    std::ifstream file(path, std::ios::binary);
    if (!file) throw std::runtime_error("cannot read the default message templates at " + path);
    nlohmann::json list;
    try {
        list = nlohmann::json::parse(file);
    } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error(path + ": not valid JSON (" + e.what() + ")");
    }
    FollowUpsRepo repo(store);
    Store::Transaction tx(store);
    for (auto& t : list) {
        MessageTemplate m;
        m.name = t.value("name", "");
        m.kind = t.value("kind", m.name);
        m.subject = t.value("subject", "");
        m.body = t.value("body", "");
        m.builtin = true;
        if (!m.name.empty()) repo.insertTemplateIfAbsent(m);
    }
    tx.commit();
}

RenderedDraft renderDraft(const MessageTemplate& tpl, const std::map<std::string, std::string>& values) {
    RenderedDraft d;
    RenderedTemplate s = renderTemplate(tpl.subject, values);
    RenderedTemplate b = renderTemplate(tpl.body, values);
    d.subject = s.text;
    d.body = b.text;
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

RenderedDraft draftFollowUp(Store& store, RowId id, const std::string& templateName, const std::string& today) {
    ensureDefaultTemplates(store);
    FollowUpsRepo repo(store);
    auto item = repo.find(id);
    if (!item) throw std::invalid_argument("no queue item " + std::to_string(id) + " (see `hallway queue`)");
    std::string name = templateName;
    if (name.empty()) {
        name = item->kind;
        if (item->attempt > 1) name += "_follow_up";
    }
    auto tpl = repo.findTemplate(name);
    if (!tpl) throw std::invalid_argument("no template named '" + name + "' (see `hallway templates`)");
    if (!item->eventId) throw std::invalid_argument("queue item " + std::to_string(id) + " belongs to no event");
    QueueInputs in = repo.loadInputs(*item->eventId);
    Context c(in);
    RenderedDraft d = renderDraft(*tpl, valuesFor(c, *item));
    Store::Transaction tx(store);
    repo.setDraft(id, d.text(), tpl->id, false);
    tx.commit();
    return d;
}


namespace {

// What sending a message of this kind was, as an interaction.
Interaction sentAsInteraction(const FollowUp& f) {
    Interaction i;
    i.personId = f.personId;
    i.eventId = f.eventId;
    i.noteId = f.noteId;
    i.occurredAt = nowInstant();
    i.kind = "email";
    if (f.kind == "intro_send") i.kind = "intro_made";
    else if (f.kind == "referral_ask") i.kind = "referral_asked";
    static const std::set<std::string> gives = {"thank_you", "thank_you_detail", "promise", "intro_ask_a",
                                                "intro_ask_b", "intro_send"};
    static const std::set<std::string> asks = {"meeting_request", "info_interview", "referral_ask"};
    i.direction = gives.count(f.kind) ? "give" : asks.count(f.kind) ? "ask" : "neutral";
    i.summary = "Sent: " + followUpKindLabel(f.kind);
    return i;
}

}  // namespace

bool markFollowUp(Store& store, RowId id, const std::string& status, const std::string& today) {
    FollowUpsRepo repo(store);
    Store::Transaction tx(store);
    auto before = repo.find(id);
    if (!before || !repo.setStatus(id, status, today)) return false;
    if (status == "sent" && before->status != "sent") NotesRepo(store).addInteraction(sentAsInteraction(*before));
    tx.commit();
    return true;
}

// ---------------------------------------------------------------- [SECTION] exports

std::string followUpKindLabel(const std::string& kind) {
    static const std::map<std::string, std::string> labels = {
        {"thank_you", "Thank-you"},           {"promise", "Keep a promise"},
        {"intro_ask_a", "Intro: ask first"},  {"intro_ask_b", "Intro: ask second"},
        {"intro_send", "Intro: introduce"},   {"meeting_request", "Meeting request"},
        {"info_interview", "Informational interview"}, {"referral_ask", "Referral ask"},
        {"check_in", "Check in"},             {"missed_target", "Sorry we missed each other"},
        {"detail_check_in", "Ask how it went"}, {"keep_in_touch", "Keep in touch"}};
    auto it = labels.find(kind);
    return it == labels.end() ? kind : it->second;
}

int icalPriority(double score) {
    if (score >= 300) return 1;
    if (score >= 120) return 2;
    if (score >= 110) return 3;
    if (score >= 100) return 4;
    if (score >= 90) return 5;
    if (score >= 80) return 6;
    if (score >= 70) return 7;
    return 8;
}

std::string followUpUid(const FollowUp& item) {
    std::string uid = "hallway-";
    for (char c : item.dedupeKey) uid += std::isalnum((unsigned char)c) || c == '-' || c == '_' ? c : '-';
    return uid + "@hallway.local";
}

namespace {

std::string summaryOf(const FollowUp& f) {
    std::string s = followUpKindLabel(f.kind) + ": " + f.personName;
    if (f.attempt > 1) s += " (follow-up " + std::to_string(f.attempt - 1) + ")";
    return s;
}

icalproperty_status icalStatus(const std::string& status) {
    if (status == "sent") return ICAL_STATUS_INPROCESS;
    if (status == "replied" || status == "done") return ICAL_STATUS_COMPLETED;
    if (status == "dropped") return ICAL_STATUS_CANCELLED;
    return ICAL_STATUS_NEEDSACTION;
}

}  // namespace

std::string followUpsToICalendar(const std::vector<FollowUp>& items) {
    icalcomponent* cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
    icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
    icalcomponent_add_property(cal, icalproperty_new_prodid("-//Hallway//Follow-up queue//EN"));
    for (const FollowUp& f : items) {
        icalcomponent* todo = icalcomponent_new(ICAL_VTODO_COMPONENT);
        icalcomponent_add_property(todo, icalproperty_new_uid(followUpUid(f).c_str()));
        Instant stamp = f.updatedAt ? f.updatedAt : f.createdAt;
        icalcomponent_add_property(
            todo, icalproperty_new_dtstamp(icaltime_from_timet_with_zone(time_t(stamp), 0, icaltimezone_get_utc_timezone())));
        date::year_month_day ymd{parseDay(f.dueDate)};
        icaltimetype due = icaltime_null_date();
        due.year = int(ymd.year());
        due.month = int(unsigned(ymd.month()));
        due.day = int(unsigned(ymd.day()));
        due.is_date = 1;
        icalcomponent_add_property(todo, icalproperty_new_due(due));
        icalcomponent_add_property(todo, icalproperty_new_summary(summaryOf(f).c_str()));
        std::string description = f.draft.empty() ? f.reason : f.draft;
        icalcomponent_add_property(todo, icalproperty_new_description(description.c_str()));
        icalcomponent_add_property(todo, icalproperty_new_priority(icalPriority(f.priority)));
        icalcomponent_add_property(todo, icalproperty_new_status(icalStatus(f.status)));
        icalcomponent_add_property(todo, icalproperty_new_categories(f.kind.c_str()));
        icalcomponent_add_component(cal, todo);
    }
    char* text = icalcomponent_as_ical_string_r(cal);
    std::string out = text ? text : "";
    std::free(text);
    icalcomponent_free(cal);
    return out;
}

std::string followUpsToCsv(const std::vector<FollowUp>& items, const std::map<RowId, std::string>& emails) {
    std::string out = "id,due,kind,person,email,status,priority,attempt,snoozed_until,reason,subject,body,uid\r\n";
    for (const FollowUp& f : items) {
        auto [subject, body] = splitDraft(f.draft);
        auto email = emails.find(f.personId);
        char priority[32];
        std::snprintf(priority, sizeof priority, "%.1f", f.priority);
        std::vector<std::string> cells = {std::to_string(f.id), f.dueDate, f.kind, f.personName,
                                          email == emails.end() ? "" : email->second, f.status, priority,
                                          std::to_string(f.attempt), f.snoozedUntil.value_or(""), f.reason, subject,
                                          body, followUpUid(f)};
        for (size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + csvCell(cells[i]);
        out += "\r\n";
    }
    return out;
}

std::string eventReportMarkdown(const QueueInputs& in, const std::vector<FollowUp>& items) {
    const std::string& zone = in.event.timeZone;
    auto nameOf = [&](RowId id) {
        auto it = in.people.find(id);
        return it == in.people.end() ? "#" + std::to_string(id) : it->second.displayName;
    };
    auto oneLine = [](std::string s) {
        for (char& c : s)
            if (c == '\n' || c == '\r') c = ' ';
        return s;
    };
    std::string md = "# " + in.event.name + ": follow-up report\n\n";
    if (in.event.startsAt)
        md += "From " + localDateString(in.event.startsAt, zone) + " to " +
              localDateString(in.event.endsAt ? in.event.endsAt - 1 : in.event.startsAt, zone) + " (" + zone + ").\n\n";

    auto met = peopleMetAt(in);
    auto balance = giveAskByPerson(in.interactions);
    md += "## Who you met (" + std::to_string(met.size()) + ")\n\n";
    for (auto& [id, how] : met) {
        GiveAsk g = balance[id];
        md += "- " + nameOf(id) + " (" + how + "): gave " + std::to_string(g.gives) + ", asked " +
              std::to_string(g.asks) + "\n";
    }
    if (met.empty()) md += "Nobody logged yet.\n";

    GiveAsk total = giveAskTotal(in.interactions);
    md += "\n## Give and ask\n\nAt this event you gave " + std::to_string(total.gives) + " time" +
          (total.gives == 1 ? "" : "s") + " and asked " + std::to_string(total.asks) + " time" +
          (total.asks == 1 ? "" : "s") + " (" + std::to_string(total.neutral) + " neutral).\n";
    std::vector<std::string> onlyAsked;
    for (auto& [id, g] : balance)
        if (g.asks > 0 && g.gives == 0) onlyAsked.push_back(nameOf(id));
    if (!onlyAsked.empty()) {
        md += "Give first: you have only asked of ";
        for (size_t i = 0; i < onlyAsked.size(); ++i) md += (i ? ", " : "") + onlyAsked[i];
        md += ". Share a resource or offer an introduction.\n";
    }

    md += "\n## Notes (" + std::to_string(in.notes.size()) + ")\n\n";
    for (auto& n : in.notes) {
        md += "- " + localDateString(n.createdAt, zone) + " " + localTimeString(n.createdAt, zone);
        for (size_t i = 0; i < n.people.size(); ++i) md += (i ? ", " : " with ") + nameOf(n.people[i]);
        md += ": " + oneLine(n.body) + "\n";
    }

    md += "\n## Promises\n\n";
    int promises = 0;
    for (auto& f : items) {
        if (f.kind != "promise") continue;
        ++promises;
        bool kept = f.status == "sent" || f.status == "replied" || f.status == "done";
        md += std::string("- [") + (kept ? "x" : " ") + "] " + oneLine(f.reason) + " To " + f.personName + ", due " +
              f.dueDate + " (" + f.status + ")\n";
    }
    if (!promises) md += "No promises made.\n";

    std::vector<const FollowUp*> done, open, dropped;
    for (auto& f : items) {
        if (f.status == "sent" || f.status == "replied" || f.status == "done") done.push_back(&f);
        else if (f.status == "dropped") dropped.push_back(&f);
        else open.push_back(&f);
    }
    md += "\n## Follow-ups: " + std::to_string(done.size()) + " done, " + std::to_string(open.size()) + " open, " +
          std::to_string(dropped.size()) + " let go\n";
    auto list = [&](const char* title, const std::vector<const FollowUp*>& v) {
        if (v.empty()) return;
        md += std::string("\n### ") + title + "\n\n";
        for (auto* f : v)
            md += "- " + f->dueDate + " " + summaryOf(*f) + " (" + f->status + "): " + oneLine(f->reason) + "\n";
    };
    list("Open", open);
    list("Done", done);
    list("Let go", dropped);
    return md;
}

std::string mailtoUrl(const std::string& email, const std::string& subject, const std::string& body) {
    auto encode = [](const std::string& s, bool keepAt) {
        static const char* hex = "0123456789ABCDEF";
        std::string out;
        for (size_t i = 0; i < s.size(); ++i) {
            unsigned char c = (unsigned char)s[i];
            // RFC 6068: line breaks in a body are CRLF.
            if (c == '\n' && (i == 0 || s[i - 1] != '\r')) {
                out += "%0D%0A";
                continue;
            }
            if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || (keepAt && c == '@')) out += char(c);
            else {
                out += '%';
                out += hex[c >> 4];
                out += hex[c & 15];
            }
        }
        return out;
    };
    return "mailto:" + encode(email, true) + "?subject=" + encode(subject, false) + "&body=" + encode(body, false);
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
