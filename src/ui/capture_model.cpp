#include "ui/capture_model.h"

#include <algorithm>
#include <exception>

#include "core/time_util.h"
#include "services/capture_service.h"
#include "store/agenda_queries.h"
#include "store/agenda_repo.h"
#include "store/notes_repo.h"
#include "store/people_repo.h"
#include "store/store.h"
#include "ui/ui_format.h"

namespace hallway::ui {

bool CaptureModel::sync(Store& store, std::optional<RowId> eventId, std::uint64_t sessionsRevision,
                        std::uint64_t targetsRevision, std::uint64_t notesRevision) {
    const bool changed = !m_built || m_builtEvent != eventId || m_sessionsRevision != sessionsRevision ||
                         m_targetsRevision != targetsRevision || m_notesRevision != notesRevision;
    if (!changed) return false;
    // After a failed load the next change loads everything.
    const bool sessions = !m_loaded || m_builtEvent != eventId || m_sessionsRevision != sessionsRevision;
    // A new event or agenda means new targets; recent notes show session titles.
    const bool targets = sessions || m_targetsRevision != targetsRevision;
    const bool notes = sessions || m_notesRevision != notesRevision;
    m_built = true;
    m_builtEvent = eventId;
    m_sessionsRevision = sessionsRevision;
    m_targetsRevision = targetsRevision;
    m_notesRevision = notesRevision;
    ++m_rebuilds;
    m_error.clear();
    try {
        m_loaded = false;
        if (sessions) buildSessions(store, eventId);
        if (targets) buildTargets(store);
        if (notes) buildRecent(store);
        m_loaded = true;
    } catch (const std::exception& e) {
        m_error = e.what();
        m_targets.clear();
        m_recent.clear();
    }
    return true;
}

void CaptureModel::buildSessions(Store& store, std::optional<RowId> eventId) {
    m_hasEvent = false;
    m_event = Event{};
    m_sessions.clear();
    m_sessionIndex.clear();

    m_zone = systemTimeZone();
    if (eventId) {
        if (auto e = AgendaRepo(store).findEvent(*eventId)) {
            m_hasEvent = true;
            m_event = *e;
            m_zone = e->timeZone;
        }
    }
    if (!m_hasEvent) return;
    // Times, titles and rooms only, in time order: the agenda's texts and
    // speakers are not needed here.
    std::vector<SessionSlot> slots = sessionSlots(store, m_event.id);
    m_sessions.reserve(slots.size());
    m_sessionIndex.reserve(slots.size());
    for (SessionSlot& s : slots) {
        CaptureSession c;
        c.id = s.id;
        c.startsAt = s.startsAt;
        c.endsAt = s.endsAt;
        c.starred = s.starred;
        c.title = std::move(s.title);
        c.room = std::move(s.room);
        m_sessionIndex[c.id] = int(m_sessions.size());
        m_sessions.push_back(std::move(c));
    }
}

std::string CaptureModel::label(const CaptureSession& s) const {
    std::string text = momentLabel(s.startsAt, m_zone) + " \u00b7 " + s.title;
    if (!s.room.empty()) text += " \u00b7 " + s.room;
    return text;
}

void CaptureModel::buildTargets(Store& store) {
    m_targets.clear();
    PeopleRepo people(store);
    if (m_hasEvent) {
        for (const Target& t : people.targets(m_event.id)) {
            auto p = people.brief(t.personId);
            if (!p) continue;
            CaptureTarget c;
            c.personId = t.personId;
            c.name = p->displayName;
            c.detail = targetPriorityName(t.priority);
            if (!p->company.empty()) c.detail += " \u00b7 " + p->company;
            c.met = t.status == TargetStatus::Met;
            c.why = t.why;
            m_targets.push_back(std::move(c));
        }
        // By name: the quickest order to find who was just met.
        std::stable_sort(m_targets.begin(), m_targets.end(),
                         [](const auto& a, const auto& b) { return a.name < b.name; });
    }
}

void CaptureModel::buildRecent(Store& store) {
    m_recent.clear();
    PeopleRepo people(store);
    std::unordered_map<RowId, std::string> names;
    auto nameOf = [&](RowId id) -> const std::string& {
        auto it = names.find(id);
        if (it != names.end()) return it->second;
        auto p = people.brief(id);
        return names.emplace(id, p ? p->displayName : "#" + std::to_string(id)).first->second;
    };
    NotesRepo notes(store);
    for (const Note& n : notes.recentNotes(kRecentLimit, m_hasEvent ? std::optional<RowId>(m_event.id) : std::nullopt)) {
        RecentNote r;
        r.id = n.id;
        r.when = momentLabel(n.createdAt, m_zone);
        r.firstLine = firstLine(n.body);
        r.body = n.body;
        for (RowId id : n.people) r.people += (r.people.empty() ? "" : ", ") + nameOf(id);
        if (n.sessionId) {
            if (const CaptureSession* s = session(*n.sessionId)) r.session = s->title;
        }
        for (const auto& item : notes.items(n.id)) r.items.push_back(item.kind);
        m_recent.push_back(std::move(r));
    }
}

void CaptureModel::syncNow(Instant now) {
    const Instant minute = now / 60;
    if (minute == m_runningMinute && m_runningBuild == m_rebuilds) return;
    m_runningMinute = minute;
    m_runningBuild = m_rebuilds;
    m_running.reset();
    if (!m_hasEvent) return;
    if (int i = runningSessionIndex(m_sessions, now); i >= 0) m_running = m_sessions[size_t(i)].id;
}

const CaptureSession* CaptureModel::session(RowId id) const {
    auto it = m_sessionIndex.find(id);
    return it == m_sessionIndex.end() ? nullptr : &m_sessions[it->second];
}

}  // namespace hallway::ui
