#include "ui/followup_model.h"

#include <algorithm>
#include <atomic>
#include <iterator>
#include <exception>
#include <tuple>

#include "core/template_text.h"
#include "core/time_util.h"
#include "services/followup_service.h"
#include "store/agenda_repo.h"
#include "store/followups_repo.h"
#include "store/notes_repo.h"
#include "store/people_repo.h"
#include "store/store.h"
#include "ui/ui_format.h"

namespace hallway::ui {

std::string queueStatusLabel(const FollowUp& f) {
    if (f.status == "snoozed" && f.snoozedUntil) return "snoozed to " + dayLabel(*f.snoozedUntil);
    return f.status;
}

// [SECTION] FollowUpQueueModel

namespace {

std::atomic<int> g_queueProgressiveAbove{2000};
std::atomic<int> g_queueFirstRows{300};

// The queue's rows in sortQueue's order, the first `limit` (negative: all).
std::vector<QueueRow> readQueueRows(Store& store, RowId eventId, const std::string& today, int limit) {
    std::vector<QueueRow> rows;
    FollowUpsRepo(store).forEachQueued(
        eventId,
        [&](FollowUp& f) {
            QueueRow r;
            r.id = f.id;
            r.group = dueGroupOf(f, today);
            r.drafted = f.status == "drafted";
            r.due = dayLabel(effectiveDue(f));
            r.status = queueStatusLabel(f);
            r.kind = std::move(f.kind);
            r.personName = std::move(f.personName);
            r.reason = std::move(f.reason);
            const std::string_view why = firstLineView(r.reason);
            r.whyAt = std::uint32_t(why.data() - r.reason.data());
            r.whyLength = std::uint32_t(why.size());
            rows.push_back(std::move(r));
        },
        limit);
    rows.shrink_to_fit();
    return rows;
}

}  // namespace

FollowUpQueueModel::~FollowUpQueueModel() = default;  // waits for a rest still being read

int FollowUpQueueModel::progressiveAbove() { return g_queueProgressiveAbove.load(); }
int FollowUpQueueModel::firstRows() { return g_queueFirstRows.load(); }
void FollowUpQueueModel::setProgressive(int above, int firstRows) {
    g_queueProgressiveAbove = above;
    g_queueFirstRows = firstRows;
}

bool FollowUpQueueModel::sync(Store& store, std::optional<RowId> eventId, Instant now, std::uint64_t revision) {
    // The day only moves at midnight in the event's zone; the zone is known from the last build.
    const std::string today = localDateString(now, m_zone);
    if (m_built && m_eventId == eventId && m_revision == revision && m_today == today) {
        if (takeRest()) return true;
        // Started from the second sync on, after the first frame; again when a
        // change made here (applyClosed) made the one read stale.
        if (m_partial && !m_rest.running()) startRest();
        return false;
    }
    m_built = true;
    m_eventId = eventId;
    m_revision = revision;
    ++m_rebuilds;
    m_error.clear();
    m_rows.clear();
    m_lines.clear();
    m_partial = false;
    m_hasEvent = false;
    m_eventName.clear();
    m_today = today;
    if (!eventId) return true;
    try {
        auto event = AgendaRepo(store).findEvent(*eventId);
        if (!event) return true;
        m_hasEvent = true;
        m_eventName = event->name;
        m_zone = event->timeZone.empty() ? "UTC" : event->timeZone;
        m_today = localDateString(now, m_zone);
        m_path = store.path();
        int total = 0;
        std::fill(std::begin(m_groupCounts), std::end(m_groupCounts), 0);
        if (!m_path.empty() && m_path != ":memory:") {
            FollowUp probe;
            for (auto& [due, count] : FollowUpsRepo(store).queuedCountsByDue(*eventId)) {
                probe.dueDate = std::move(due);
                m_groupCounts[int(dueGroupOf(probe, m_today))] += count;
                total += count;
            }
        }
        m_partial = total > progressiveAbove();
        m_total = total;
        m_rows = readQueueRows(store, *eventId, m_today, m_partial ? firstRows() : -1);
        buildLines();
    } catch (const std::exception& e) {
        m_error = e.what();
        m_partial = false;
    }
    return true;
}

void FollowUpQueueModel::startRest() {
    m_rest.start(m_path, RestFor{m_eventId, m_revision, m_today},
                 [eventId = *m_eventId, today = m_today](Store& own) { return readQueueRows(own, eventId, today, -1); });
}

bool FollowUpQueueModel::takeRest() {
    auto rest = m_rest.take();
    // Read for another event, day or before a change made here: read again.
    if (!rest || !m_partial || !(rest->tag == RestFor{m_eventId, m_revision, m_today})) return false;
    if (!rest->error.empty()) {
        m_error = rest->error;
        m_partial = false;  // what is shown stays; no endless retries
        buildLines();
        return true;
    }
    m_rows = std::move(rest->data);
    m_partial = false;
    buildLines();
    ++m_rebuilds;
    return true;
}

void FollowUpQueueModel::buildLines() {
    m_lines.clear();
    // Sorted by effective due date, so each group is one run of rows.
    size_t header = 0;
    for (size_t i = 0; i < m_rows.size(); ++i) {
        if (i == 0 || m_rows[i].group != m_rows[i - 1].group) {
            QueueLine h;
            h.header = true;
            h.group = m_rows[i].group;
            if (m_partial) h.count = m_groupCounts[int(h.group)];  // the whole group's, most of it unread
            header = m_lines.size();
            m_lines.push_back(h);
        }
        if (!m_partial) ++m_lines[header].count;
        QueueLine l;
        l.group = m_rows[i].group;
        l.row = int(i);
        m_lines.push_back(l);
    }
}

bool FollowUpQueueModel::applyClosed(RowId itemId, std::uint64_t revisionBefore, std::uint64_t revisionAfter) {
    if (!m_built || m_revision != revisionBefore || !m_error.empty()) return false;
    const int index = indexOf(itemId);
    if (index < 0) return false;
    if (m_partial) {
        --m_total;
        --m_groupCounts[int(m_rows[size_t(index)].group)];
    }
    m_rows.erase(m_rows.begin() + index);
    buildLines();
    m_revision = revisionAfter;
    ++m_rebuilds;
    return true;
}

int FollowUpQueueModel::indexOf(RowId id) const {
    for (size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].id == id) return int(i);
    return -1;
}

// [SECTION] FollowUpDraftModel

bool FollowUpDraftModel::sync(Store& store, std::optional<RowId> itemId, std::uint64_t revision,
                              std::uint64_t notesRevision) {
    if (m_built && m_itemId == itemId && m_revision == revision) {
        if (!m_has) return false;
        try {
            return syncNotes(store, notesRevision);
        } catch (const std::exception& e) {
            m_error = e.what();
            return true;
        }
    }
    m_built = true;
    m_itemId = itemId;
    m_revision = revision;
    ++m_rebuilds;
    m_error.clear();
    m_has = false;
    m_templates.clear();
    m_unknown.clear();
    m_email.clear();
    m_reach = {};
    m_together.clear();
    m_store = &store;
    m_combined.reset();
    m_templateName.clear();
    m_fresh = false;
    if (!itemId) {
        m_notes.clear();
        m_notesKey.reset();
        return true;
    }
    try {
        FollowUpsRepo repo(store);
        auto item = repo.find(*itemId);
        if (!item) return true;
        m_item = std::move(*item);
        m_has = true;
        if (m_item.draft.empty()) {
            // Drafted on first opening: rendered now, stored when the user saves or sends.
            std::optional<RowId> templateId;
            m_item.draft = renderFollowUp(store, m_item.id, "", &templateId).text();
            m_item.templateId = templateId;
            m_fresh = true;
        }
        std::tie(m_subject, m_body) = splitDraft(m_item.draft);
        syncNotes(store, notesRevision);
        for (auto& t : repo.templates()) {
            if (m_item.templateId && t.id == *m_item.templateId) m_templateName = t.name;
            if (t.kind == m_item.kind) m_templates.push_back(std::move(t));
        }
        if (auto person = PeopleRepo(store).find(m_item.personId)) {
            if (m_item.personName.empty()) m_item.personName = person->displayName;
            if (!person->emails.empty()) m_email = person->emails.front().value;
            m_reach = reachOf(*person);
        }
        m_together = followUpsDueTogether(store, m_item.id);
        // Known placeholders are filled when drafted; what is left is unknown.
        const auto& known = knownPlaceholders();
        for (auto& name : templatePlaceholders(m_item.draft))
            if (std::find(known.begin(), known.end(), name) == known.end()) m_unknown.push_back(name);
    } catch (const std::exception& e) {
        m_error = e.what();
        m_has = false;
        m_notes.clear();
        m_notesKey.reset();
    }
    return true;
}

bool FollowUpDraftModel::syncNotes(Store& store, std::uint64_t notesRevision) {
    const auto key = std::make_tuple(m_item.personId, m_item.eventId, notesRevision);
    if (m_notesKey == key) return false;
    m_notesKey.reset();  // until read whole
    m_notes.clear();
    ++m_notesReads;
    std::string zone = "UTC";
    if (m_item.eventId)
        if (auto event = AgendaRepo(store).findEvent(*m_item.eventId))
            zone = event->timeZone.empty() ? "UTC" : event->timeZone;
    for (auto& n : NotesRepo(store).notesAboutAt(m_item.personId, m_item.eventId))
        m_notes.push_back(
            {n.id, dayLabel(localDateString(n.createdAt, zone)) + " " + localTimeString(n.createdAt, zone),
             std::move(n.body)});
    m_notesKey = key;
    return true;
}

const RenderedDraft& FollowUpDraftModel::combined() const {
    if (!m_combined) {
        m_combined.emplace();
        if (m_has && !m_together.empty() && m_store) {
            try {
                m_combined = combinedDraft(*m_store, m_item.id);
            } catch (const std::exception& e) {
                m_error = e.what();
            }
        }
    }
    return *m_combined;
}

}  // namespace hallway::ui
