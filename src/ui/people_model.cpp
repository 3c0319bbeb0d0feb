#include "ui/people_model.h"

#include <algorithm>
#include <exception>

#include "core/text.h"
#include "core/time_util.h"
#include "services/people_service.h"
#include "store/agenda_repo.h"
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

bool PersonPageModel::sync(Store& store, std::optional<RowId> personId, std::uint64_t revision,
                           const std::vector<EventSummary>* events) {
    if (m_built && m_personId == personId && m_revision == revision) return false;
    m_built = true;
    m_personId = personId;
    m_revision = revision;
    ++m_rebuilds;
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
    for (auto it = m_timeline.entries.rbegin(); it != m_timeline.entries.rend(); ++it) {
        TimelineRow r;
        r.date = it->at > 0 ? dateLabel(it->at, zone) : std::string();
        r.kind = it->kind;
        r.line = firstLine(it->text);
        r.text = it->text;
        r.event = it->eventName;
        m_rows.push_back(std::move(r));
    }
    return true;
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
    m_error.clear();
    if (!eventId) return true;
    try {
        m_goals = goalProgress(store, *eventId);
    } catch (const std::exception& e) {
        m_error = e.what();
    }
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
