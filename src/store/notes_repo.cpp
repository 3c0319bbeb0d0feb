#include "store/notes_repo.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "core/text.h"
#include "core/time_util.h"
#include "store/query_util.h"
#include "store/sqlite.h"
#include "store/store.h"

namespace hallway {
namespace {

Note readNote(const sql::Statement& q) {
    Note n;
    n.id = q.getInt(0);
    n.createdAt = q.getInt(1);
    if (!q.isNull(2)) n.eventId = q.getInt(2);
    if (!q.isNull(3)) n.sessionId = q.getInt(3);
    n.body = q.getText(4);
    n.topic = q.getText(6);
    std::string tags = q.getText(5);
    size_t start = 0;
    while (start < tags.size()) {
        size_t end = tags.find(' ', start);
        if (end == std::string::npos) end = tags.size();
        if (end > start) n.tags.push_back(tags.substr(start, end - start));
        start = end + 1;
    }
    return n;
}

#define NOTE_COLUMNS "n.id, n.created_at, n.event_id, n.session_id, n.body, n.tags, n.topic"

}  // namespace

RowId NotesRepo::insertNote(const Note& note, const std::vector<NoteItemRecord>& items) {
    std::string tags;
    for (auto& t : note.tags) tags += (tags.empty() ? "" : " ") + t;
    auto& q = m_store.statement(
        "INSERT INTO notes (created_at, event_id, session_id, body, tags, topic) VALUES (?,?,?,?,?,?)");
    q.bind(1, note.createdAt).bind(2, note.eventId).bind(3, note.sessionId).bind(4, note.body).bind(5, tags);
    q.bind(6, note.topic);
    q.run();
    RowId id = m_store.connection().lastInsertId();
    auto& link = m_store.statement("INSERT OR IGNORE INTO note_people (note_id, person_id, met) VALUES (?,?,?)");
    for (RowId person : note.people) {
        const bool met = std::find(note.metPeople.begin(), note.metPeople.end(), person) != note.metPeople.end();
        link.bind(1, id).bind(2, person).bind(3, met ? 1 : 0);
        link.run();
    }
    auto& item = m_store.statement(
        "INSERT INTO note_items (note_id, kind, text, on_date, done, quote) VALUES (?,?,?,?,?,?)");
    for (auto& it : items) {
        item.bind(1, id).bind(2, it.kind).bind(3, it.text).bind(4, it.onDate).bind(5, it.done ? 1 : 0);
        item.bind(6, it.quote);
        item.run();
    }
    return id;
}

std::optional<Note> NotesRepo::findNote(RowId id) {
    std::optional<Note> note;
    {
        auto& q = m_store.statement("SELECT " NOTE_COLUMNS " FROM notes n WHERE n.id=?");
        sql::ResetOnExit r{q};
        q.bind(1, id);
        if (!q.step()) return std::nullopt;
        note = readNote(q);
    }
    auto& p = m_store.statement("SELECT person_id, met FROM note_people WHERE note_id=? ORDER BY rowid");
    sql::ResetOnExit r{p};
    p.bind(1, id);
    while (p.step()) {
        note->people.push_back(p.getInt(0));
        if (p.getInt(1)) note->metPeople.push_back(p.getInt(0));
    }
    return note;
}

std::vector<NoteItemRecord> NotesRepo::items(RowId noteId) {
    auto& q = m_store.statement(
        "SELECT id, note_id, kind, text, on_date, done, quote FROM note_items WHERE note_id=? ORDER BY id");
    sql::ResetOnExit r{q};
    q.bind(1, noteId);
    std::vector<NoteItemRecord> out;
    while (q.step()) {
        NoteItemRecord it;
        it.id = q.getInt(0);
        it.noteId = q.getInt(1);
        it.kind = q.getText(2);
        it.text = q.getText(3);
        if (!q.isNull(4)) it.onDate = q.getText(4);
        it.done = q.getInt(5) != 0;
        it.quote = q.getText(6);
        out.push_back(it);
    }
    return out;
}

std::vector<Note> NotesRepo::recentNotes(int limit, std::optional<RowId> eventId) {
    // Two statements: "?1 IS NULL OR event_id = ?1" keeps SQLite off both
    // indexes and scans every note (57 ms at 500,000).
    auto& q = eventId ? m_store.statement("SELECT " NOTE_COLUMNS " FROM notes n WHERE n.event_id = ?1 "
                                          "ORDER BY n.created_at DESC, n.id DESC LIMIT ?2")
                      : m_store.statement("SELECT " NOTE_COLUMNS " FROM notes n "
                                          "ORDER BY n.created_at DESC, n.id DESC LIMIT ?2");
    std::vector<Note> out;
    {
        sql::ResetOnExit r{q};
        if (eventId) q.bind(1, *eventId);
        q.bind(2, limit);
        while (q.step()) out.push_back(readNote(q));
    }
    auto& p = m_store.statement("SELECT person_id, met FROM note_people WHERE note_id=? ORDER BY rowid");
    for (auto& n : out) {
        sql::ResetOnExit r{p};
        p.bind(1, n.id);
        while (p.step()) {
            n.people.push_back(p.getInt(0));
            if (p.getInt(1)) n.metPeople.push_back(p.getInt(0));
        }
    }
    return out;
}

std::vector<Note> NotesRepo::notesAbout(RowId personId) {
    auto& q = m_store.statement("SELECT " NOTE_COLUMNS " FROM notes n JOIN note_people np ON np.note_id = n.id "
                                "WHERE np.person_id = ? ORDER BY n.created_at, n.id");
    sql::ResetOnExit r{q};
    q.bind(1, personId);
    std::vector<Note> out;
    while (q.step()) out.push_back(readNote(q));
    return out;
}

std::vector<Note> NotesRepo::notesAboutAt(RowId personId, std::optional<RowId> eventId) {
    // From the person's links (CROSS JOIN keeps that order): a few hundred,
    // where the event's index would walk all its notes (50,000 at the power tier).
    auto& q = m_store.statement("SELECT " NOTE_COLUMNS " FROM note_people np CROSS JOIN notes n ON np.note_id = n.id "
                                "WHERE np.person_id = ?1 AND n.event_id IS ?2 ORDER BY n.created_at, n.id");
    sql::ResetOnExit r{q};
    q.bind(1, personId).bind(2, eventId);
    std::vector<Note> out;
    while (q.step()) out.push_back(readNote(q));
    return out;
}

int NotesRepo::countNotes() {
    auto& q = m_store.statement("SELECT count(*) FROM notes");
    sql::ResetOnExit r{q};
    q.step();
    return int(q.getInt(0));
}

RowId NotesRepo::addInteraction(const Interaction& i) {
    auto& q = m_store.statement(
        "INSERT INTO interactions (person_id, event_id, note_id, occurred_at, kind, direction, summary) "
        "VALUES (?,?,?,?,?,?,?)");
    q.bind(1, i.personId).bind(2, i.eventId).bind(3, i.noteId).bind(4, i.occurredAt).bind(5, i.kind);
    q.bind(6, i.direction).bind(7, i.summary);
    q.run();
    return m_store.connection().lastInsertId();
}

std::vector<Interaction> NotesRepo::interactionsWith(RowId personId) {
    auto& q = m_store.statement(
        "SELECT id, person_id, event_id, note_id, occurred_at, kind, direction, summary FROM interactions "
        "WHERE person_id=? ORDER BY occurred_at, id");
    sql::ResetOnExit r{q};
    q.bind(1, personId);
    std::vector<Interaction> out;
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
        out.push_back(i);
    }
    return out;
}

bool NotesRepo::hasInteraction(RowId eventId, RowId personId, const std::string& kind) {
    auto& q = m_store.statement("SELECT 1 FROM interactions WHERE person_id=? AND event_id=? AND kind=? LIMIT 1");
    sql::ResetOnExit r{q};
    q.bind(1, personId).bind(2, eventId).bind(3, kind);
    return q.step();
}

int NotesRepo::removeInteractions(RowId eventId, RowId personId, const std::string& kind) {
    auto& q = m_store.statement("DELETE FROM interactions WHERE person_id=? AND event_id=? AND kind=?");
    q.bind(1, personId).bind(2, eventId).bind(3, kind);
    q.run();
    return m_store.connection().changes();
}

Warmth NotesRepo::warmth(RowId personId) {
    auto& q = m_store.statement(
        "SELECT count(*), coalesce(max(occurred_at), 0), sum(direction='give'), sum(direction='ask') "
        "FROM interactions WHERE person_id=?");
    sql::ResetOnExit r{q};
    q.bind(1, personId);
    q.step();
    return {int(q.getInt(0)), q.getInt(1), int(q.getInt(2)), int(q.getInt(3))};
}

void NotesRepo::saveDraft(const std::string& key, const std::string& body) {
    auto& q = m_store.statement(
        "INSERT INTO drafts (key, body, updated_at) VALUES (?,?,?) "
        "ON CONFLICT (key) DO UPDATE SET body=excluded.body, updated_at=excluded.updated_at");
    q.bind(1, key).bind(2, body).bind(3, nowInstant());
    q.run();
}

std::optional<std::string> NotesRepo::draft(const std::string& key) {
    auto& q = m_store.statement("SELECT body FROM drafts WHERE key=?");
    sql::ResetOnExit r{q};
    q.bind(1, key);
    if (!q.step()) return std::nullopt;
    return q.getText(0);
}

void NotesRepo::clearDraft(const std::string& key) {
    auto& q = m_store.statement("DELETE FROM drafts WHERE key=?");
    q.bind(1, key);
    q.run();
}

}  // namespace hallway
