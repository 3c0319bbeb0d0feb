#include "services/capture_service.h"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

#include "core/followup.h"
#include "core/note_markers.h"
#include "core/text.h"
#include "core/time_util.h"
#include "services/followup_service.h"
#include "services/people_service.h"
#include "services/service_errors.h"
#include "store/agenda_repo.h"
#include "store/store.h"

namespace hallway {
namespace {

const char* const kInteractionKinds[] = {"met", "coffee", "call", "email", "intro_made", "resource_shared",
                                         "referral_asked", "referral_given"};

std::string titleCase(const std::string& words) {
    std::string out;
    bool start = true;
    for (char c : words) {
        if (start && c >= 'a' && c <= 'z') c = char(c - 'a' + 'A');
        out += c;
        start = c == ' ';
    }
    return out;
}

// "ana-lima" -> "ana lima": the separators handles use between name parts.
std::string handleWords(const std::string& handle) {
    std::string s = handle;
    if (!s.empty() && s[0] == '@') s.erase(0, 1);
    for (char& c : s)
        if (c == '-' || c == '_' || c == '.') c = ' ';
    return text::collapseSpaces(s);
}

}  // namespace

std::optional<Session> sessionRunningAt(Store& store, RowId eventId, Instant at) {
    std::vector<Session> sessions = AgendaRepo(store).sessionsRunningBetween(eventId, at, at + 1);
    const int i = runningSessionIndex(sessions, at);
    if (i < 0) return std::nullopt;
    return std::move(sessions[size_t(i)]);
}

RowId resolveMention(Store& store, const std::string& handle) {
    PeopleRepo people(store);
    std::string words = handleWords(handle);
    if (words.empty()) throw std::invalid_argument("empty person name");
    auto exact = people.withNameKey(text::nameKey(words));
    if (exact.size() == 1) return exact[0].id;
    if (exact.size() > 1) throw UnresolvedPerson(handle, true, UnresolvedPerson::Kind::SameName, std::move(exact));
    PeopleQuery q;
    q.search = words;
    q.limit = 9;
    auto found = people.list(q);
    if (found.size() == 1) return found[0].id;
    if (found.empty()) throw UnresolvedPerson(handle, true, UnresolvedPerson::Kind::Nobody, {});
    throw UnresolvedPerson(handle, true, UnresolvedPerson::Kind::Several, std::move(found));
}

SavedNote saveNote(Store& store, const NoteInput& input) {
    std::string body = input.body;
    if (text::trim(body).empty()) throw std::invalid_argument("the note is empty");
    Instant at = input.at.value_or(nowInstant());
    std::string zone = "UTC";
    if (input.eventId) {
        auto event = AgendaRepo(store).findEvent(*input.eventId);
        if (!event) throw std::invalid_argument("no event with id " + std::to_string(*input.eventId));
        zone = event->timeZone;
    }
    auto local = instantToLocal(at, zone);
    ParsedNote parsed = parseNoteMarkers(body, {local.year, local.month, local.day});

    PeopleRepo people(store);
    NotesRepo notes(store);
    SavedNote saved;
    Store::Transaction tx(store);

    // People picked in Capture's People field were talked with; an @mention
    // only links the note, unless its line says "#met".
    std::vector<RowId> linked = input.people;
    std::vector<RowId> met = input.people;
    std::set<std::string> metHandles;
    for (const std::string& handle : parsed.met) metHandles.insert(text::lower(handle));
    for (const std::string& handle : parsed.mentions) {
        RowId id = 0;
        try {
            id = resolveMention(store, handle);
        } catch (const UnresolvedPerson& e) {
            if (!(input.createMissingPeople && e.kind() == UnresolvedPerson::Kind::Nobody)) throw;
            Person p;
            p.displayName = titleCase(handleWords(handle));
            p.source = "typed";
            id = people.create(p);
            saved.createdPeople.push_back({id, p.displayName, "", ""});
        }
        if (std::find(linked.begin(), linked.end(), id) == linked.end()) linked.push_back(id);
        if (metHandles.count(text::lower(handle)) && std::find(met.begin(), met.end(), id) == met.end())
            met.push_back(id);
    }

    Note note;
    note.createdAt = at;
    note.eventId = input.eventId;
    note.body = body;
    note.people = linked;
    note.metPeople = met;
    note.topic = parsed.topic;
    note.tags = parsed.tags;
    if (input.sessionId) {
        auto s = AgendaRepo(store).findSession(*input.sessionId);
        if (!s) throw std::invalid_argument("no session with id " + std::to_string(*input.sessionId));
        note.sessionId = s->id;
        saved.session = s;
    } else if (input.eventId && !input.noSession) {
        if (auto s = sessionRunningAt(store, *input.eventId, at)) {
            note.sessionId = s->id;
            saved.session = s;
        }
    }
    // Targets moves only when the note makes someone count as met at the
    // event who did not yet: a note about a target already met changes no
    // target's line, and where to find hundreds of them is slow to reread.
    bool newlyMet = false;
    if (input.eventId)
        for (RowId id : met)
            if (!peopleMetAt(store, *input.eventId, id).count(id)) newlyMet = true;
    const NetworkMembership network(store, linked);
    std::vector<NoteItemRecord> items;
    for (const NoteItem& it : parsed.items) {
        NoteItemRecord r;
        r.kind = noteItemKindName(it.kind);
        r.text = it.text;
        r.done = it.done;
        r.quote = it.quote;
        if (it.date) {
            char buf[16];
            std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", it.date->year, it.date->month, it.date->day);
            r.onDate = buf;
        }
        items.push_back(r);
    }
    saved.noteId = notes.insertNote(note, items);
    tx.commit();

    saved.items = notes.items(saved.noteId);
    saved.tags = parsed.tags;
    saved.metPeople = met;
    saved.touched = Change::Notes;
    if (!saved.createdPeople.empty() || network.changed(store)) saved.touched |= Change::People;
    if (newlyMet) saved.touched |= Change::Targets;  // they count as met at the event now
    for (RowId id : linked)
        if (auto p = people.find(id)) saved.people.push_back({p->id, p->displayName, p->company, p->role});
    return saved;
}

bool SavedNote::met(RowId id) const { return std::find(metPeople.begin(), metPeople.end(), id) != metPeople.end(); }

RowId logInteraction(Store& store, const Interaction& interaction) {
    bool knownKind = std::any_of(std::begin(kInteractionKinds), std::end(kInteractionKinds),
                                 [&](const char* k) { return interaction.kind == k; });
    if (!knownKind)
        throw std::invalid_argument("unknown interaction '" + interaction.kind +
                                    "' (met, coffee, call, email, intro_made, resource_shared, referral_asked, "
                                    "referral_given)");
    if (interaction.direction != "give" && interaction.direction != "ask" && interaction.direction != "neutral")
        throw std::invalid_argument("direction must be give, ask or neutral");
    PeopleRepo people(store);
    if (!people.find(interaction.personId))
        throw std::invalid_argument("no person with id " + std::to_string(interaction.personId));
    NotesRepo notes(store);
    Store::Transaction tx(store);
    RowId id = notes.addInteraction(interaction);
    tx.commit();
    return id;
}

Changes markMet(Store& store, RowId eventId, RowId personId, Instant at) {
    PeopleRepo people(store);
    NotesRepo notes(store);
    if (!AgendaRepo(store).findEvent(eventId)) throw std::invalid_argument("no event with id " + std::to_string(eventId));
    if (!people.find(personId)) throw std::invalid_argument("no person with id " + std::to_string(personId));
    const NetworkMembership network(store, {personId});
    Store::Transaction tx(store);
    bool alreadyMet = false;
    if (auto t = people.findTarget(eventId, personId)) {
        alreadyMet = t->status == TargetStatus::Met;
        t->status = TargetStatus::Met;
        people.upsertTarget(*t);
    } else {
        alreadyMet = notes.hasInteraction(eventId, personId, "met");
    }
    if (!alreadyMet) {
        Interaction i;
        i.personId = personId;
        i.eventId = eventId;
        i.occurredAt = at;
        i.kind = "met";
        notes.addInteraction(i);
    }
    tx.commit();
    return network.changed(store) ? Change::Targets | Change::People : Changes(Change::Targets);
}

namespace {

// Not met at the event after all: the target (if any) gets `status` and the
// "met" logged there goes.
Changes forgetMet(Store& store, RowId eventId, RowId personId, TargetStatus status) {
    PeopleRepo people(store);
    const NetworkMembership network(store, {personId});
    Store::Transaction tx(store);
    people.setTargetStatus(eventId, personId, status);
    NotesRepo(store).removeInteractions(eventId, personId, "met");
    tx.commit();
    return network.changed(store) ? Change::Targets | Change::People : Changes(Change::Targets);
}

}  // namespace

Changes unmarkMet(Store& store, RowId eventId, RowId personId) {
    return forgetMet(store, eventId, personId, TargetStatus::NotYet);
}

Changes setTargetStatus(Store& store, RowId eventId, RowId personId, TargetStatus status, Instant at) {
    if (!PeopleRepo(store).findTarget(eventId, personId)) return {};
    switch (status) {
        case TargetStatus::Met: return markMet(store, eventId, personId, at);
        case TargetStatus::NotYet: return unmarkMet(store, eventId, personId);
        case TargetStatus::Missed: return forgetMet(store, eventId, personId, TargetStatus::Missed);
    }
    return {};
}

std::optional<std::string> captureDraft(Store& store, const std::string& key) { return NotesRepo(store).draft(key); }

void keepCaptureDraft(Store& store, const std::string& key, const std::string& text) {
    NotesRepo notes(store);
    if (text.empty()) notes.clearDraft(key);
    else notes.saveDraft(key, text);
}

PersonTimeline personTimeline(Store& store, RowId personId) {
    return personTimeline(store, personId, AgendaRepo(store).listEvents());
}

PersonTimeline personTimeline(Store& store, RowId personId, const std::vector<EventSummary>& events) {
    PeopleRepo people(store);
    NotesRepo notes(store);
    auto person = people.find(personId);
    if (!person) throw std::invalid_argument("no person with id " + std::to_string(personId));
    PersonTimeline t;
    t.person = *person;
    t.warmth = notes.warmth(personId);
    std::map<RowId, std::string> eventNames;  // hundreds of notes share a few events
    auto eventName = [&](std::optional<RowId> id) -> std::string {
        if (!id) return "";
        auto it = eventNames.find(*id);
        if (it == eventNames.end()) {
            auto e = AgendaRepo(store).findEvent(*id);
            it = eventNames.emplace(*id, e ? e->name : "").first;
        }
        return it->second;
    };
    for (auto& f : person->facts) {
        Instant at = 0;
        if (f.onDate) at = parseIsoDateTime(*f.onDate, "UTC").value_or(0);
        t.entries.push_back({at, "fact", f.text + (f.onDate ? " (" + *f.onDate + ")" : ""), "", f.id});
    }
    std::map<RowId, std::vector<PeopleRepo::Talk>> talksByEvent;
    for (auto& talk : people.talksOf(personId)) talksByEvent[talk.eventId].push_back(std::move(talk));
    for (auto& summary : events) {
        RowId ev = summary.event.id;
        if (auto talks = talksByEvent.find(ev); talks != talksByEvent.end())
            for (const auto& s : talks->second)
                t.entries.push_back({s.startsAt, "talk", s.title + (s.room.empty() ? "" : " (" + s.room + ")"),
                                     summary.event.name, s.sessionId});
        if (auto target = people.findTarget(ev, personId)) {
            // Words a reader uses, shared by `hallway person` and the person page.
            std::string text = target->priority == TargetPriority::Must     ? "must meet"
                               : target->priority == TargetPriority::Should ? "should meet"
                                                                            : "nice to meet";
            const bool met = target->status == TargetStatus::Met || peopleMetAt(store, ev, personId).count(personId);
            text += met                                      ? ", met"
                    : target->status == TargetStatus::Missed ? ", missed"
                                                             : ", not met yet";
            if (!target->why.empty()) text += ": " + target->why;
            t.entries.push_back({summary.event.startsAt, "target", text, summary.event.name, target->id});
        }
    }
    for (auto& n : notes.notesAbout(personId)) t.entries.push_back({n.createdAt, "note", n.body, eventName(n.eventId), n.id});
    for (auto& i : notes.interactionsWith(personId)) {
        std::string text = i.kind + (i.direction != "neutral" ? " (" + i.direction + ")" : "");
        if (!i.summary.empty()) text += ": " + i.summary;
        t.entries.push_back({i.occurredAt, "interaction", text, eventName(i.eventId), i.id});
    }
    std::stable_sort(t.entries.begin(), t.entries.end(), [](auto& a, auto& b) { return a.at < b.at; });
    return t;
}

}  // namespace hallway
