#include "ui/people_model.h"

#include <algorithm>
#include <exception>

#include "core/text.h"
#include "core/time_util.h"
#include "services/people_service.h"
#include "store/agenda_repo.h"
#include "store/notes_repo.h"
#include "store/store.h"
#include "ui/text_shaping.h"
#include "ui/ui_format.h"

namespace hallway::ui {

// [SECTION] PeopleListModel

bool PeopleListModel::sync(Store& store, const std::string& search, const std::string& tag, PeopleScope scope,
                           std::uint64_t revision, bool counts) {
    if (m_built && m_search == search && m_tag == tag && m_scope == scope && m_revision == revision) return false;
    m_built = true;
    m_scope = scope;
    m_search = search;
    m_tag = tag;
    m_revision = revision;
    ++m_rebuilds;
    m_error.clear();
    PeopleRepo people(store);
    try {
        PeopleQuery q;
        q.search = text::trim(search);
        q.tag = tag;
        q.scope = scope;
        m_rows = people.list(q);
    } catch (const std::exception& e) {
        // Typing can pass through text the full-text syntax rejects; keep the last list.
        m_error = e.what();
    }
    if (counts) syncCounts(store, revision);
    return true;
}

bool PeopleListModel::syncCounts(Store& store, std::uint64_t revision) {
    if (m_countsRevision == revision) return false;
    m_countsRevision = revision;
    PeopleRepo people(store);
    try {
        m_total = people.count();
        m_counts = people.scopeCounts();
        m_tags = people.tags();
    } catch (const std::exception& e) {
        m_error = e.what();
    }
    return true;
}

int PeopleListModel::indexOf(RowId id) const {
    for (size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].id == id) return int(i);
    return -1;
}

// [SECTION] PersonPageModel

std::string warmthLabel(const Warmth& w, const std::string& zone) {
    std::string out = std::to_string(w.interactions) + (w.interactions == 1 ? " interaction" : " interactions");
    // DESIGN.md: two or three genuine interactions make a relationship.
    out += w.interactions >= 2 ? " \u00b7 a relationship" : w.interactions == 1 ? " \u00b7 a connection" : " \u00b7 not met yet";
    if (w.gives || w.asks) out += " \u00b7 gave " + std::to_string(w.gives) + " / asked " + std::to_string(w.asks);
    if (w.lastContact > 0) out += " \u00b7 last contact " + dateLabel(w.lastContact, zone);
    return out;
}

namespace {

TimelineRow timelineRow(const TimelineEntry& entry, const std::string& zone) {
    TimelineRow r;
    r.date = entry.at > 0 ? dateLabel(entry.at, zone) : std::string();
    r.kind = entry.kind;
    r.line = firstLine(entry.text);
    r.text = entry.text;
    r.event = entry.eventName;
    return r;
}

}  // namespace

bool PersonPageModel::sync(Store& store, std::optional<RowId> personId, std::uint64_t revision,
                           const std::vector<EventSummary>* events, const DataRevision* writes) {
    if (m_built && m_personId == personId && m_revision == revision) return false;
    if (m_built && m_has && m_personId == personId && writes && addNotes(store, *writes)) {
        m_revision = revision;
        ++m_rebuilds;
        return true;
    }
    m_built = true;
    m_personId = personId;
    m_revision = revision;
    ++m_rebuilds;
    ++m_reads;
    m_error.clear();
    m_has = false;
    m_rows.clear();
    if (!personId) return true;
    try {
        m_timeline = events ? personTimeline(store, *personId, *events) : personTimeline(store, *personId);
    } catch (const std::exception& e) {
        m_error = e.what();
        return true;
    }
    m_has = true;
    const Person& p = m_timeline.person;
    m_subtitle = p.role;
    if (!p.company.empty()) m_subtitle += (m_subtitle.empty() ? "" : ", ") + p.company;
    if (needsShaping(m_subtitle)) m_subtitle = visualOrder(m_subtitle);  // shown only, in drawing order
    const std::string zone = systemTimeZone();
    m_warmthText = warmthLabel(m_timeline.warmth, zone);
    // Newest first: what happened last is what the user needs before saying hello.
    for (auto it = m_timeline.entries.rbegin(); it != m_timeline.entries.rend(); ++it)
        m_rows.push_back(timelineRow(*it, zone));
    return true;
}

bool PersonPageModel::addNotes(Store& store, const DataRevision& writes) {
    const auto since = writes.writesSince(m_revision);
    if (!since) return false;
    // The kinds the page shows: a note added touches Notes alone; anything
    // else (a target, a merge, a note that made someone met) is read again.
    const Changes shown = Change::People | Change::Events | Change::Targets | Change::Notes;
    std::vector<RowId> mine;
    for (const AppliedWrite* w : *since) {
        if ((w->what.bits() & shown.bits()) == 0) continue;
        if ((w->what.bits() & shown.bits()) != unsigned(Change::Notes) || !w->note) return false;
        const auto& people = w->note->people;
        if (std::find(people.begin(), people.end(), *m_personId) != people.end()) mine.push_back(w->note->noteId);
    }
    std::vector<TimelineEntry> added;
    NotesRepo notes(store);
    try {
        for (RowId id : mine) {
            auto note = notes.findNote(id);
            if (!note) return false;  // gone again: read the page whole
            std::string eventName;
            if (note->eventId)
                if (auto event = AgendaRepo(store).findEvent(*note->eventId)) eventName = event->name;
            added.push_back({note->createdAt, "note", note->body, eventName, note->id});
        }
    } catch (const std::exception&) {
        return false;
    }
    for (auto& entry : added) insertEntry(std::move(entry));
    return true;
}

void PersonPageModel::insertEntry(TimelineEntry entry) {
    // Where personTimeline's sort puts it: by time; at the same time after
    // facts, talks, targets and notes of a smaller id, before interactions.
    auto& entries = m_timeline.entries;
    auto at = std::find_if(entries.begin(), entries.end(), [&](const TimelineEntry& e) {
        return e.at > entry.at ||
               (e.at == entry.at && (e.kind == "interaction" || (e.kind == "note" && e.refId > entry.refId)));
    });
    const size_t index = size_t(at - entries.begin());
    // The rows are the entries newest first.
    m_rows.insert(m_rows.begin() + std::ptrdiff_t(entries.size() - index), timelineRow(entry, systemTimeZone()));
    entries.insert(at, std::move(entry));
}

bool PersonPageModel::keepAcross(std::uint64_t revisionBefore, std::uint64_t revisionAfter) {
    if (!m_built || m_revision != revisionBefore) return false;
    m_revision = revisionAfter;
    return true;
}

// [SECTION] TargetsModel

bool TargetsModel::sync(Store& store, std::optional<RowId> eventId, std::uint64_t revision, bool rows) {
    if (m_built && m_eventId == eventId && m_revision == revision) {
        m_countCurrent = false;  // the rows are current: they count
        return false;
    }
    if (!rows) {
        if (m_countCurrent && m_countEvent == eventId && m_countRevision == revision) return false;
        m_countCurrent = true;
        m_countEvent = eventId;
        m_countRevision = revision;
        m_count = 0;
        try {
            auto event = eventId ? AgendaRepo(store).findEvent(*eventId) : std::nullopt;
            m_eventName = event ? event->name : std::string();  // the tab's tooltip names it
            if (event) m_count = int(PeopleRepo(store).targets(*eventId).size());
        } catch (const std::exception&) {
            // Shown as 0; the rows, when wanted, report the error.
        }
        return false;
    }
    m_countCurrent = false;
    m_built = true;
    m_eventId = eventId;
    m_revision = revision;
    ++m_rebuilds;
    m_error.clear();
    m_rows.clear();
    m_eventName.clear();
    if (!eventId) return true;
    try {
        auto event = AgendaRepo(store).findEvent(*eventId);
        if (!event) return true;
        m_eventName = event->name;
        for (const WhereToFind& w : whereToFind(store, *eventId, kTalksShown)) {
            TargetRow r;
            r.personId = w.person.id;
            r.name = w.person.displayName;
            r.company = w.person.company;
            r.priority = w.target.priority;
            r.status = w.target.status;
            r.why = w.target.why;
            r.questions = w.target.questions;
            r.moreTalks = w.talkCount > kTalksShown ? w.talkCount - kTalksShown : 0;
            for (size_t i = 0; i < w.talks.size() && i < kTalksShown; ++i) {
                const PeopleRepo::Talk& s = w.talks[i];
                std::string line = dayTimeLabel(s.startsAt, s.endsAt, event->timeZone);
                if (!s.room.empty()) line += " \u00b7 " + s.room;
                line += " \u00b7 " + s.title;
                if (i < w.after.size() && w.after[i])
                    line += " \u00b7 free after it until " + localTimeString(w.after[i]->endsAt, event->timeZone);
                r.whereToFind.push_back(std::move(line));
            }
            m_rows.push_back(std::move(r));
        }
    } catch (const std::exception& e) {
        m_error = e.what();
    }
    return true;
}

bool TargetsModel::applyStatus(RowId personId, TargetStatus status, std::uint64_t revisionBefore,
                               std::uint64_t revisionAfter) {
    if (!m_built || m_revision != revisionBefore || !m_error.empty()) return false;
    for (auto& r : m_rows)
        if (r.personId == personId) {
            r.status = status;
            m_revision = revisionAfter;
            ++m_rebuilds;
            return true;
        }
    return false;
}

const TargetRow* TargetsModel::find(RowId personId) const {
    for (const auto& r : m_rows)
        if (r.personId == personId) return &r;
    return nullptr;
}

bool GoalsModel::sync(Store& store, std::optional<RowId> eventId, std::uint64_t revision) {
    if (m_built && m_eventId == eventId && m_revision == revision) return false;
    m_built = true;
    m_eventId = eventId;
    m_revision = revision;
    m_goals.clear();
    m_met.clear();
    m_error.clear();
    if (!eventId) return true;
    ++m_loads;
    try {
        m_met = peopleMetIds(store, *eventId);
        m_goals = goalProgress(store, *eventId, m_met);
    } catch (const std::exception& e) {
        m_error = e.what();
    }
    return true;
}

bool GoalsModel::applyMet(Store& store, RowId eventId, RowId personId, std::uint64_t revisionBefore,
                          std::uint64_t revisionAfter) {
    if (!m_built || m_eventId != eventId || m_revision != revisionBefore || !m_error.empty()) return false;
    try {
        // Unticked, they may still count as met (a coffee, a note of talking with them).
        if (countsAsMet(store, eventId, personId)) m_met.insert(personId);
        else m_met.erase(personId);
    } catch (const std::exception&) {
        return false;  // the next sync reloads and says what went wrong
    }
    for (GoalProgress& g : m_goals)
        if (g.kind == "people_met") g.done = int(m_met.size());
    m_revision = revisionAfter;
    return true;
}

bool NetworkModel::sync(Store& store, const std::string& by, std::uint64_t revision) {
    if (m_built && m_by == by && m_revision == revision) return false;
    m_built = true;
    m_by = by;
    m_revision = revision;
    ++m_rebuilds;
    m_groups.clear();
    m_error.clear();
    try {
        m_groups = PeopleRepo(store).network(by);
    } catch (const std::exception& e) {
        m_error = e.what();
    }
    return true;
}

}  // namespace hallway::ui
