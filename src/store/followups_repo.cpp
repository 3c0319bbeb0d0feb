#include "store/followups_repo.h"

#include <algorithm>
#include <stdexcept>
#include <unordered_map>

#include "core/time_util.h"
#include "store/agenda_repo.h"
#include "store/people_repo.h"
#include "store/sqlite.h"
#include "store/store.h"

namespace hallway {
namespace {

struct Resetter {
    sql::Statement& stmt;
    ~Resetter() { stmt.reset(); }
};

// The channel follows the person's details now (reachOf's order: an email,
// else a LinkedIn profile), not what they were when the item was made.
#define CHANNEL_OF(PERSON_ID)                                                                                   \
    "CASE WHEN EXISTS (SELECT 1 FROM person_contacts c WHERE c.person_id=" PERSON_ID " AND c.kind='email') "   \
    "THEN 'email' WHEN EXISTS (SELECT 1 FROM person_contacts c WHERE c.person_id=" PERSON_ID                   \
    " AND c.kind='url' AND c.match_key LIKE 'linkedin.com/in/%') THEN 'linkedin' ELSE 'none' END"
#define FOLLOW_UP_COLUMNS                                                                                      \
    "f.id, f.person_id, f.event_id, f.rule, f.note_id, f.note_item_id, f.kind, f.due_date, f.priority, "      \
    CHANNEL_OF("f.person_id") ", f.status, f.snoozed_until, f.attempt, f.template_id, f.draft, f.reason, f.dedupe_key, "       \
    "f.edited, f.status_on, f.created_at, f.updated_at, p.display_name"

FollowUp readFollowUp(const sql::Statement& q) {
    FollowUp f;
    f.id = q.getInt(0);
    f.personId = q.getInt(1);
    if (!q.isNull(2)) f.eventId = q.getInt(2);
    f.rule = q.getText(3);
    if (!q.isNull(4)) f.noteId = q.getInt(4);
    if (!q.isNull(5)) f.noteItemId = q.getInt(5);
    f.kind = q.getText(6);
    f.dueDate = q.getText(7);
    f.priority = q.getDouble(8);
    f.channel = q.getText(9);
    f.status = q.getText(10);
    if (!q.isNull(11)) f.snoozedUntil = q.getText(11);
    f.attempt = int(q.getInt(12));
    if (!q.isNull(13)) f.templateId = q.getInt(13);
    f.draft = q.getText(14);
    f.reason = q.getText(15);
    f.dedupeKey = q.getText(16);
    f.edited = q.getInt(17) != 0;
    if (!q.isNull(18)) f.statusOn = q.getText(18);
    f.createdAt = q.getInt(19);
    f.updatedAt = q.getInt(20);
    f.personName = q.getText(21);
    return f;
}

MessageTemplate readTemplate(const sql::Statement& q) {
    return {q.getInt(0), q.getText(1), q.getText(2), q.getText(3), q.getText(4), q.getInt(5) != 0};
}

// Everyone an event's generation run looks at: targets, people with an
// interaction there, people linked to its notes.
#define EVENT_PEOPLE                                                                                   \
    "SELECT person_id FROM targets WHERE event_id=?1 UNION SELECT person_id FROM interactions "       \
    "WHERE event_id=?1 UNION SELECT np.person_id FROM note_people np JOIN notes n ON n.id=np.note_id " \
    "WHERE n.event_id=?1"

#define PERSON_COLUMNS                                                                                          \
    "p.id, p.display_name, p.given_name, p.keep_in_touch_days, "                                                \
    "(SELECT value FROM person_contacts c WHERE c.person_id=p.id AND c.kind='email' ORDER BY c.id LIMIT 1), "   \
    "(SELECT count(*) FROM interactions i WHERE i.person_id=p.id), "                                            \
    "(SELECT coalesce(max(occurred_at), 0) FROM interactions i WHERE i.person_id=p.id), "                       \
    "(SELECT count(*) FROM interactions i WHERE i.person_id=p.id AND i.direction='give'), "                     \
    "(SELECT count(*) FROM interactions i WHERE i.person_id=p.id AND i.direction='ask'), " CHANNEL_OF("p.id")

QueuePerson readPerson(const sql::Statement& q) {
    QueuePerson p;
    p.id = q.getInt(0);
    p.displayName = q.getText(1);
    p.givenName = q.getText(2);
    if (!q.isNull(3)) p.keepInTouchDays = int(q.getInt(3));
    if (!q.isNull(4)) p.email = q.getText(4);
    p.warmth = {int(q.getInt(5)), q.getInt(6), int(q.getInt(7)), int(q.getInt(8))};
    p.channel = q.getText(9);
    return p;
}

}  // namespace

QueueInputs FollowUpsRepo::loadInputs(RowId eventId) {
    QueueInputs in;
    auto event = AgendaRepo(m_store).findEvent(eventId);
    if (!event) throw std::invalid_argument("no event with id " + std::to_string(eventId));
    in.event = *event;
    in.targets = PeopleRepo(m_store).targets(eventId);
    {
        auto& q = m_store.statement(
            "SELECT id, person_id, event_id, note_id, occurred_at, kind, direction, summary FROM interactions "
            "WHERE event_id=? ORDER BY occurred_at, id");
        Resetter r{q};
        q.bind(1, eventId);
        while (q.step()) {
            Interaction i;
            i.id = q.getInt(0);
            i.personId = q.getInt(1);
            if (!q.isNull(2)) i.eventId = q.getInt(2);
            if (!q.isNull(3)) i.noteId = q.getInt(3);
            i.occurredAt = q.getInt(4);
            i.kind = q.getText(5);
            i.direction = q.getText(6);
            i.summary = q.getText(7);
            in.interactions.push_back(std::move(i));
        }
    }
    std::unordered_map<RowId, size_t> noteIndex;
    {
        auto& q = m_store.statement(
            "SELECT id, created_at, session_id, body, topic FROM notes WHERE event_id=? ORDER BY created_at, id");
        Resetter r{q};
        q.bind(1, eventId);
        while (q.step()) {
            Note n;
            n.id = q.getInt(0);
            n.createdAt = q.getInt(1);
            n.eventId = eventId;
            if (!q.isNull(2)) n.sessionId = q.getInt(2);
            n.body = q.getText(3);
            n.topic = q.getText(4);
            noteIndex[n.id] = in.notes.size();
            in.notes.push_back(std::move(n));
        }
    }
    {
        auto& q = m_store.statement(
            "SELECT np.note_id, np.person_id, np.met FROM note_people np JOIN notes n ON n.id=np.note_id "
            "WHERE n.event_id=? ORDER BY np.rowid");
        Resetter r{q};
        q.bind(1, eventId);
        while (q.step()) {
            auto it = noteIndex.find(q.getInt(0));
            if (it == noteIndex.end()) continue;
            in.notes[it->second].people.push_back(q.getInt(1));
            if (q.getInt(2)) in.notes[it->second].metPeople.push_back(q.getInt(1));
        }
    }
    {
        auto& q = m_store.statement(
            "SELECT i.id, i.note_id, i.kind, i.text, i.on_date, i.done, i.quote FROM note_items i "
            "JOIN notes n ON n.id=i.note_id WHERE n.event_id=? ORDER BY i.id");
        Resetter r{q};
        q.bind(1, eventId);
        while (q.step()) {
            NoteItemRecord it;
            it.id = q.getInt(0);
            it.noteId = q.getInt(1);
            it.kind = q.getText(2);
            it.text = q.getText(3);
            if (!q.isNull(4)) it.onDate = q.getText(4);
            it.done = q.getInt(5) != 0;
            it.quote = q.getText(6);
            in.items.push_back(std::move(it));
        }
    }
    {
        auto& q = m_store.statement("SELECT " PERSON_COLUMNS " FROM people p WHERE p.id IN (" EVENT_PEOPLE ")");
        Resetter r{q};
        q.bind(1, eventId);
        while (q.step()) {
            QueuePerson p = readPerson(q);
            in.people[p.id] = std::move(p);
        }
    }
    {
        auto& q = m_store.statement("SELECT person_id, id, text, on_date FROM person_facts "
                                    "WHERE on_date IS NOT NULL AND on_date <> '' AND person_id IN (" EVENT_PEOPLE ") "
                                    "ORDER BY id");
        Resetter r{q};
        q.bind(1, eventId);
        while (q.step()) {
            auto it = in.people.find(q.getInt(0));
            if (it != in.people.end()) it->second.datedFacts.push_back({q.getInt(1), q.getText(2), q.getText(3)});
        }
    }
    {
        // Rules read keys and states only: leave the drafts and reasons in the database.
        auto& q = m_store.statement(
            "SELECT f.id, f.person_id, f.event_id, f.rule, f.note_id, f.note_item_id, f.kind, f.due_date, f.priority, "
            "f.channel, f.status, f.snoozed_until, f.attempt, f.template_id, '', '', f.dedupe_key, f.edited, "
            "f.status_on, f.created_at, f.updated_at, '' FROM follow_ups f WHERE f.event_id=?1 OR f.kind='check_in' "
            "ORDER BY f.id");
        Resetter r{q};
        q.bind(1, eventId);
        while (q.step()) in.existing.push_back(readFollowUp(q));
    }
    in.templates = templates();
    in.myName = setting("my_name").value_or("");
    return in;
}

QueueInputs FollowUpsRepo::loadMetInputs(RowId eventId, std::optional<RowId> person) {
    QueueInputs in;
    auto event = AgendaRepo(m_store).findEvent(eventId);
    if (!event) throw std::invalid_argument("no event with id " + std::to_string(eventId));
    in.event = *event;
    for (auto& t : PeopleRepo(m_store).targets(eventId))
        if (!person || t.personId == *person) in.targets.push_back(t);
    // For one person each query starts from their own rows (by the person's
    // index; CROSS JOIN keeps that order): "?2 IS NULL OR" read every note of
    // the event instead (50,000 at the power tier, 30 ms for one person's page).
    {
        auto& q = person ? m_store.statement(
                               "SELECT person_id, occurred_at, kind FROM interactions WHERE person_id=?2 AND "
                               "event_id=?1 AND kind IN ('met', 'coffee', 'call') ORDER BY occurred_at, id")
                         : m_store.statement(
                               "SELECT person_id, occurred_at, kind FROM interactions WHERE event_id=?1 AND kind IN "
                               "('met', 'coffee', 'call') ORDER BY occurred_at, id");
        Resetter r{q};
        q.bind(1, eventId);
        if (person) q.bind(2, *person);
        while (q.step()) {
            Interaction i;
            i.personId = q.getInt(0);
            i.eventId = eventId;
            i.occurredAt = q.getInt(1);
            i.kind = q.getText(2);
            in.interactions.push_back(std::move(i));
        }
    }
    {
        auto& q = person ? m_store.statement(
                               "SELECT n.id, n.created_at, np.person_id FROM note_people np CROSS JOIN notes n ON "
                               "n.id=np.note_id WHERE np.person_id=?2 AND np.met=1 AND n.event_id=?1 "
                               "ORDER BY n.created_at, n.id")
                         : m_store.statement(
                               "SELECT n.id, n.created_at, np.person_id FROM note_people np JOIN notes n ON "
                               "n.id=np.note_id WHERE n.event_id=?1 AND np.met=1 ORDER BY n.created_at, n.id");
        Resetter r{q};
        q.bind(1, eventId);
        if (person) q.bind(2, *person);
        while (q.step()) {
            if (in.notes.empty() || in.notes.back().id != q.getInt(0)) {
                Note n;
                n.id = q.getInt(0);
                n.createdAt = q.getInt(1);
                n.eventId = eventId;
                in.notes.push_back(std::move(n));
            }
            in.notes.back().people.push_back(q.getInt(2));
            in.notes.back().metPeople.push_back(q.getInt(2));
        }
    }
    return in;
}

namespace {

void personNames(Store& store, RowId id, std::string& given, std::string& display) {
    auto& q = store.statement("SELECT given_name, display_name FROM people WHERE id=?");
    Resetter r{q};
    q.bind(1, id);
    if (q.step()) {
        given = q.getText(0);
        display = q.getText(1);
    }
}

}  // namespace

DraftFacts FollowUpsRepo::draftFacts(const FollowUp& item) {
    DraftFacts d = personDraftFacts(item.personId, item.eventId);
    addItemDraftFacts(item, d);
    return d;
}

DraftFacts FollowUpsRepo::personDraftFacts(RowId personId, std::optional<RowId> eventId) {
    DraftFacts d;
    d.myName = setting("my_name").value_or("");
    personNames(m_store, personId, d.givenName, d.displayName);
    {
        auto& q = m_store.statement(
            "SELECT sum(direction='give'), sum(direction='ask') FROM interactions WHERE person_id=?");
        Resetter r{q};
        q.bind(1, personId);
        if (q.step()) d.onlyAsked = q.getInt(1) > 0 && q.getInt(0) == 0;
    }
    if (!eventId) return d;
    if (auto event = AgendaRepo(m_store).findEvent(*eventId)) d.eventName = event->name;
    {
        // The first note of the event naming them as talked with: its topic,
        // and their talk when the note was taken during it. CROSS JOIN keeps
        // the person's notes the outer loop: SQLite otherwise walked every
        // note of the event (50,000 at the power tier: 38-196 ms, now 14-30).
        auto& q = m_store.statement(
            "SELECT n.topic, (SELECT s.title FROM session_speakers ss JOIN sessions s ON s.id=ss.session_id "
            "WHERE ss.session_id=n.session_id AND ss.person_id=np.person_id) FROM note_people np "
            "CROSS JOIN notes n ON n.id=np.note_id WHERE np.person_id=?1 AND n.event_id=?2 AND np.met=1 "
            "ORDER BY n.created_at, n.id");
        Resetter r{q};
        q.bind(1, personId).bind(2, *eventId);
        while (q.step() && (d.topic.empty() || d.talkTitle.empty())) {
            if (d.topic.empty()) d.topic = q.getText(0);
            if (d.talkTitle.empty() && !q.isNull(1)) d.talkTitle = q.getText(1);
        }
    }
    {
        auto& q = m_store.statement(
            "SELECT 1 FROM interactions WHERE person_id=? AND event_id=? AND kind='coffee' LIMIT 1");
        Resetter r{q};
        q.bind(1, personId).bind(2, *eventId);
        d.coffee = q.step();
    }
    return d;
}

void FollowUpsRepo::addItemDraftFacts(const FollowUp& item, DraftFacts& d) {
    if (item.noteItemId) {
        auto& q = m_store.statement("SELECT quote FROM note_items WHERE id=?");
        Resetter r{q};
        q.bind(1, *item.noteItemId);
        if (q.step()) d.quote = q.getText(0);
    }
    if (item.kind.rfind("intro_", 0) == 0 && item.noteId) {
        // The note's first two people are the two sides, as the rule reads them.
        std::vector<RowId> sides;
        auto& q = m_store.statement("SELECT person_id FROM note_people WHERE note_id=? ORDER BY rowid LIMIT 2");
        {
            Resetter r{q};
            q.bind(1, *item.noteId);
            while (q.step()) sides.push_back(q.getInt(0));
        }
        if (sides.size() == 2) {
            RowId other = sides[0] == item.personId ? sides[1] : sides[0];
            personNames(m_store, other, d.otherGivenName, d.otherDisplayName);
        }
    }
}

void FollowUpsRepo::insertNew(std::vector<FollowUp>& items) {
    // 20 columns a row; 50 rows keep a statement at 1,000 variables. One
    // prepared statement per batch size, reused across runs.
    constexpr size_t kColumns = 20, kBatch = 50;
    // The statement cache keys on the text's address: one lasting string per batch size.
    static const std::vector<std::string> texts = [] {
        std::vector<std::string> out(kBatch + 1);
        for (size_t n = 1; n <= kBatch; ++n) {
            out[n] = "INSERT INTO follow_ups (person_id, event_id, rule, note_id, note_item_id, kind, due_date, "
                     "priority, channel, status, snoozed_until, attempt, template_id, draft, reason, dedupe_key, "
                     "edited, status_on, created_at, updated_at) VALUES ";
            for (size_t i = 0; i < n; ++i) out[n] += i ? ",(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)" : "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
            out[n] += " ON CONFLICT (dedupe_key) DO NOTHING RETURNING id, dedupe_key";
        }
        return out;
    }();
    const Instant now = nowInstant();
    for (size_t start = 0; start < items.size(); start += kBatch) {
        const size_t n = std::min(kBatch, items.size() - start);
        auto& q = m_store.statement(texts[n].c_str());
        Resetter r{q};
        std::unordered_map<std::string, FollowUp*> byKey;
        for (size_t i = 0; i < n; ++i) {
            FollowUp& f = items[start + i];
            const int b = int(i * kColumns);
            q.bind(b + 1, f.personId).bind(b + 2, f.eventId).bind(b + 3, f.rule).bind(b + 4, f.noteId);
            q.bind(b + 5, f.noteItemId).bind(b + 6, f.kind).bind(b + 7, f.dueDate).bind(b + 8, f.priority);
            q.bind(b + 9, f.channel).bind(b + 10, f.status).bind(b + 11, f.snoozedUntil).bind(b + 12, f.attempt);
            q.bind(b + 13, f.templateId).bind(b + 14, f.draft).bind(b + 15, f.reason).bind(b + 16, f.dedupeKey);
            q.bind(b + 17, f.edited ? 1 : 0).bind(b + 18, f.statusOn).bind(b + 19, now).bind(b + 20, now);
            f.id = 0;
            f.createdAt = f.updatedAt = now;
            byKey[f.dedupeKey] = &f;
        }
        while (q.step()) byKey[q.getText(1)]->id = q.getInt(0);
    }
}

RowId FollowUpsRepo::insertIfAbsent(const FollowUp& f) {
    auto& q = m_store.statement(
        "INSERT INTO follow_ups (person_id, event_id, rule, note_id, note_item_id, kind, due_date, priority, channel, "
        "status, snoozed_until, attempt, template_id, draft, reason, dedupe_key, edited, status_on, created_at, "
        "updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (dedupe_key) DO NOTHING");
    Instant now = nowInstant();
    q.bind(1, f.personId).bind(2, f.eventId).bind(3, f.rule).bind(4, f.noteId).bind(5, f.noteItemId);
    q.bind(6, f.kind).bind(7, f.dueDate).bind(8, f.priority).bind(9, f.channel).bind(10, f.status);
    q.bind(11, f.snoozedUntil).bind(12, f.attempt).bind(13, f.templateId).bind(14, f.draft).bind(15, f.reason);
    q.bind(16, f.dedupeKey).bind(17, f.edited ? 1 : 0).bind(18, f.statusOn).bind(19, now).bind(20, now);
    q.run();
    if (m_store.connection().changes() == 0) return 0;
    return m_store.connection().lastInsertId();
}

std::optional<FollowUp> FollowUpsRepo::find(RowId id) {
    auto& q = m_store.statement("SELECT " FOLLOW_UP_COLUMNS " FROM follow_ups f JOIN people p ON p.id=f.person_id "
                                "WHERE f.id=?");
    Resetter r{q};
    q.bind(1, id);
    if (!q.step()) return std::nullopt;
    return readFollowUp(q);
}

std::vector<FollowUp> FollowUpsRepo::list(const FollowUpQuery& query) {
    auto& q = m_store.statement("SELECT " FOLLOW_UP_COLUMNS " FROM follow_ups f JOIN people p ON p.id=f.person_id "
                                "WHERE (?1 IS NULL OR f.event_id=?1) AND (?2 IS NULL OR f.person_id=?2) "
                                "ORDER BY f.due_date, f.priority DESC, f.id");
    Resetter r{q};
    q.bind(1, query.eventId).bind(2, query.personId);
    std::vector<FollowUp> out;
    while (q.step()) {
        FollowUp f = readFollowUp(q);
        if (!query.statuses.empty() &&
            std::find(query.statuses.begin(), query.statuses.end(), f.status) == query.statuses.end())
            continue;
        out.push_back(std::move(f));
    }
    return out;
}

#define HALLWAY_QUEUED_WHERE "WHERE f.event_id=?1 AND f.status IN ('open', 'drafted', 'snoozed') "
#define HALLWAY_EFFECTIVE_DUE \
    "CASE WHEN f.status='snoozed' AND f.snoozed_until IS NOT NULL THEN f.snoozed_until ELSE f.due_date END"
#define HALLWAY_QUEUED_ORDER HALLWAY_EFFECTIVE_DUE ", f.priority DESC, f.id"
#define HALLWAY_QUEUED_COLUMNS \
    "f.id, f.person_id, f.kind, f.due_date, f.priority, f.status, f.snoozed_until, f.reason, p.display_name"

void FollowUpsRepo::forEachQueued(RowId eventId, const std::function<void(FollowUp&)>& visit, int limit) {
    // sortQueue's order: effective due date (snoozed until, else due), then
    // priority, highest first, then id; TEXT compares bytewise like std::string.
    // With a limit, names are joined after the sort: joined first, SQLite
    // looked up all 14,700 of the power tier's people to keep 300 (49 ms
    // against 12). Without one, sorting twice costs more (110 ms against 84).
    auto& q = limit < 0 ? m_store.statement("SELECT " HALLWAY_QUEUED_COLUMNS
                                            " FROM follow_ups f JOIN people p ON p.id=f.person_id " HALLWAY_QUEUED_WHERE
                                            "ORDER BY " HALLWAY_QUEUED_ORDER)
                        : m_store.statement("SELECT " HALLWAY_QUEUED_COLUMNS " FROM (SELECT * FROM follow_ups f "
                                            HALLWAY_QUEUED_WHERE "ORDER BY " HALLWAY_QUEUED_ORDER
                                            " LIMIT ?2) f JOIN people p ON p.id=f.person_id ORDER BY " HALLWAY_QUEUED_ORDER);
    Resetter r{q};
    q.bind(1, eventId);
    if (limit >= 0) q.bind(2, limit);
    FollowUp f;
    f.eventId = eventId;
    while (q.step()) {
        f.id = q.getInt(0);
        f.personId = q.getInt(1);
        f.kind = q.getText(2);
        f.dueDate = q.getText(3);
        f.priority = q.getDouble(4);
        f.status = q.getText(5);
        f.snoozedUntil.reset();
        if (!q.isNull(6)) f.snoozedUntil = q.getText(6);
        f.reason = q.getText(7);
        f.personName = q.getText(8);
        visit(f);
    }
}

std::vector<std::pair<std::string, int>> FollowUpsRepo::queuedCountsByDue(RowId eventId) {
    auto& q = m_store.statement("SELECT " HALLWAY_EFFECTIVE_DUE " AS due, count(*) FROM follow_ups f " HALLWAY_QUEUED_WHERE
                                "GROUP BY due ORDER BY due");
    Resetter r{q};
    q.bind(1, eventId);
    std::vector<std::pair<std::string, int>> counts;
    while (q.step()) counts.emplace_back(q.getText(0), int(q.getInt(1)));
    return counts;
}

#undef HALLWAY_QUEUED_WHERE
#undef HALLWAY_EFFECTIVE_DUE
#undef HALLWAY_QUEUED_ORDER
#undef HALLWAY_QUEUED_COLUMNS

bool FollowUpsRepo::setStatus(RowId id, const std::string& status, const std::string& on, const std::string& reason) {
    auto& q = m_store.statement(
        "UPDATE follow_ups SET status=?2, status_on=?3, reason=CASE WHEN ?4 = '' THEN reason ELSE ?4 END, "
        "snoozed_until=CASE WHEN ?2 = 'snoozed' THEN snoozed_until ELSE NULL END, updated_at=?5 WHERE id=?1");
    q.bind(1, id).bind(2, status).bind(3, on).bind(4, reason).bind(5, nowInstant());
    q.run();
    return m_store.connection().changes() > 0;
}

bool FollowUpsRepo::snooze(RowId id, const std::string& until, const std::string& on) {
    auto& q = m_store.statement(
        "UPDATE follow_ups SET status='snoozed', snoozed_until=?2, status_on=?3, updated_at=?4 WHERE id=?1");
    q.bind(1, id).bind(2, until).bind(3, on).bind(4, nowInstant());
    q.run();
    return m_store.connection().changes() > 0;
}

bool FollowUpsRepo::setDraft(RowId id, const std::string& draft, std::optional<RowId> templateId, bool edited) {
    auto& q = m_store.statement(
        "UPDATE follow_ups SET draft=?2, template_id=?3, edited=max(edited, ?4), "
        "status=CASE WHEN status IN ('open', 'drafted') THEN 'drafted' ELSE status END, updated_at=?5 WHERE id=?1");
    q.bind(1, id).bind(2, draft).bind(3, templateId).bind(4, edited ? 1 : 0).bind(5, nowInstant());
    q.run();
    return m_store.connection().changes() > 0;
}

std::vector<MessageTemplate> FollowUpsRepo::templates() {
    auto& q = m_store.statement("SELECT id, name, kind, subject, body, builtin FROM templates ORDER BY name");
    Resetter r{q};
    std::vector<MessageTemplate> out;
    while (q.step()) out.push_back(readTemplate(q));
    return out;
}

std::optional<MessageTemplate> FollowUpsRepo::findTemplate(const std::string& name) {
    auto& q = m_store.statement("SELECT id, name, kind, subject, body, builtin FROM templates WHERE name=?");
    Resetter r{q};
    q.bind(1, name);
    if (!q.step()) return std::nullopt;
    return readTemplate(q);
}

void FollowUpsRepo::upsertTemplate(const MessageTemplate& t) {
    auto& q = m_store.statement(
        "INSERT INTO templates (name, kind, subject, body, builtin, updated_at) VALUES (?,?,?,?,?,?) "
        "ON CONFLICT (name) DO UPDATE SET kind=excluded.kind, subject=excluded.subject, body=excluded.body, "
        "builtin=excluded.builtin, updated_at=excluded.updated_at");
    q.bind(1, t.name).bind(2, t.kind).bind(3, t.subject).bind(4, t.body).bind(5, t.builtin ? 1 : 0).bind(6, nowInstant());
    q.run();
}

bool FollowUpsRepo::insertTemplateIfAbsent(const MessageTemplate& t) {
    auto& q = m_store.statement(
        "INSERT INTO templates (name, kind, subject, body, builtin, updated_at) VALUES (?,?,?,?,?,?) "
        "ON CONFLICT (name) DO NOTHING");
    q.bind(1, t.name).bind(2, t.kind).bind(3, t.subject).bind(4, t.body).bind(5, t.builtin ? 1 : 0).bind(6, nowInstant());
    q.run();
    return m_store.connection().changes() > 0;
}

void FollowUpsRepo::refreshBuiltinTemplate(const MessageTemplate& t) {
    auto& q = m_store.statement(
        "INSERT INTO templates (name, kind, subject, body, builtin, updated_at) VALUES (?1,?2,?3,?4,1,?5) "
        "ON CONFLICT (name) DO UPDATE SET kind=excluded.kind, subject=excluded.subject, body=excluded.body, "
        "updated_at=excluded.updated_at WHERE templates.builtin=1 AND (templates.kind<>excluded.kind OR "
        "templates.subject<>excluded.subject OR templates.body<>excluded.body)");
    q.bind(1, t.name).bind(2, t.kind).bind(3, t.subject).bind(4, t.body).bind(5, nowInstant());
    q.run();
}

std::optional<std::string> FollowUpsRepo::setting(const std::string& key) {
    auto& q = m_store.statement("SELECT value FROM settings WHERE key=?");
    Resetter r{q};
    q.bind(1, key);
    if (!q.step()) return std::nullopt;
    return q.getText(0);
}

void FollowUpsRepo::setSetting(const std::string& key, const std::string& value) {
    auto& q = m_store.statement(
        "INSERT INTO settings (key, value, updated_at) VALUES (?,?,?) "
        "ON CONFLICT (key) DO UPDATE SET value=excluded.value, updated_at=excluded.updated_at");
    q.bind(1, key).bind(2, value).bind(3, nowInstant());
    q.run();
}

std::vector<QueuePerson> FollowUpsRepo::peopleWithInteractions() {
    auto& q = m_store.statement("SELECT " PERSON_COLUMNS " FROM people p "
                                "WHERE p.id IN (SELECT DISTINCT person_id FROM interactions) ORDER BY p.id");
    Resetter r{q};
    std::vector<QueuePerson> out;
    while (q.step()) out.push_back(readPerson(q));
    return out;
}

}  // namespace hallway
