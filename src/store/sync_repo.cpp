#include "store/sync_repo.h"

#include "store/query_util.h"
#include "store/sqlite.h"
#include "store/store.h"

namespace hallway {

std::optional<SyncAccount> SyncRepo::account() {
    auto& q = m_store.statement(
        "SELECT url, user_name, principal, addressbook_home, calendar_home, ca_file, allow_http, secret_store, "
        "last_round_at, last_ok_at, last_error, send_how_met, send_facts FROM sync_account WHERE id=1");
    sql::ResetOnExit r{q};
    if (!q.step()) return std::nullopt;
    SyncAccount a;
    a.url = q.getText(0);
    a.user = q.getText(1);
    a.principal = q.getText(2);
    a.addressBookHome = q.getText(3);
    a.calendarHome = q.getText(4);
    a.caFile = q.getText(5);
    a.allowHttp = q.getInt(6) != 0;
    a.secretStore = q.getText(7);
    a.lastRoundAt = q.isNull(8) ? 0 : q.getInt(8);
    a.lastOkAt = q.isNull(9) ? 0 : q.getInt(9);
    a.lastError = q.getText(10);
    a.sendHowMet = q.getInt(11) != 0;
    a.sendFacts = q.getInt(12) != 0;
    return a;
}

void SyncRepo::saveAccount(const SyncAccount& a) {
    auto old = account();
    if (old && (old->principal != a.principal || old->user != a.user)) {
        m_store.statement("DELETE FROM sync_collections").run();
        m_store.statement("DELETE FROM sync_conflicts").run();
        // Another account: private fields go nowhere until the user opts in again.
        m_store.statement("UPDATE sync_account SET send_how_met=0, send_facts=0 WHERE id=1").run();
    }
    auto& q = m_store.statement(
        "INSERT INTO sync_account (id, url, user_name, principal, addressbook_home, calendar_home, ca_file, "
        "allow_http, secret_store, created_at) VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, strftime('%s','now')) "
        "ON CONFLICT(id) DO UPDATE SET url=?1, user_name=?2, principal=?3, addressbook_home=?4, calendar_home=?5, "
        "ca_file=?6, allow_http=?7, secret_store=?8");
    q.bind(1, a.url).bind(2, a.user).bind(3, a.principal).bind(4, a.addressBookHome).bind(5, a.calendarHome);
    q.bind(6, a.caFile).bind(7, a.allowHttp ? 1 : 0).bind(8, a.secretStore);
    q.run();
}

void SyncRepo::setSendFields(bool howMet, bool facts) {
    auto& q = m_store.statement("UPDATE sync_account SET send_how_met=?1, send_facts=?2 WHERE id=1");
    q.bind(1, howMet ? 1 : 0).bind(2, facts ? 1 : 0);
    q.run();
}

void SyncRepo::recordRound(Instant at, const std::string& error) {
    auto& q = m_store.statement(
        "UPDATE sync_account SET last_round_at=?1, last_error=?2, "
        "last_ok_at=CASE WHEN ?2='' THEN ?1 ELSE last_ok_at END WHERE id=1");
    q.bind(1, at).bind(2, error);
    q.run();
}

std::vector<SyncCollection> SyncRepo::collections() {
    auto& q = m_store.statement(
        "SELECT id, kind, event_id, url, display_name, sync_token, ctag FROM sync_collections ORDER BY id");
    sql::ResetOnExit r{q};
    std::vector<SyncCollection> out;
    while (q.step()) {
        SyncCollection c;
        c.id = q.getInt(0);
        c.kind = q.getText(1);
        if (!q.isNull(2)) c.eventId = q.getInt(2);
        c.url = q.getText(3);
        c.displayName = q.getText(4);
        c.syncToken = q.getText(5);
        c.ctag = q.getText(6);
        out.push_back(std::move(c));
    }
    return out;
}

RowId SyncRepo::saveCollection(const SyncCollection& c) {
    for (auto& have : collections()) {
        if (have.kind != c.kind || have.eventId != c.eventId) continue;
        if (have.url != c.url) {
            // Another collection now: its links and token belong to the old one.
            deleteCollection(have.id);
            break;
        }
        auto& q = m_store.statement("UPDATE sync_collections SET display_name=? WHERE id=?");
        q.bind(1, c.displayName).bind(2, have.id);
        q.run();
        return have.id;
    }
    auto& q = m_store.statement(
        "INSERT INTO sync_collections (kind, event_id, url, display_name, sync_token) VALUES (?, ?, ?, ?, '')");
    q.bind(1, c.kind).bind(2, c.eventId).bind(3, c.url).bind(4, c.displayName);
    q.run();
    return m_store.connection().lastInsertId();
}

void SyncRepo::setSyncToken(RowId collection, const std::string& token) {
    auto& q = m_store.statement("UPDATE sync_collections SET sync_token=? WHERE id=?");
    q.bind(1, token).bind(2, collection);
    q.run();
}

void SyncRepo::setCtag(RowId collection, const std::string& ctag) {
    auto& q = m_store.statement("UPDATE sync_collections SET ctag=? WHERE id=?");
    q.bind(1, ctag).bind(2, collection);
    q.run();
}

void SyncRepo::deleteCollection(RowId collection) {
    auto& items = m_store.statement("DELETE FROM sync_items WHERE collection_id=?");
    items.bind(1, collection);
    items.run();
    auto& q = m_store.statement("DELETE FROM sync_collections WHERE id=?");
    q.bind(1, collection);
    q.run();
}

std::vector<SyncItem> SyncRepo::items(RowId collection) {
    auto& q = m_store.statement(
        "SELECT id, collection_id, local_id, href, uid, etag, hash, base, state, stamp FROM sync_items "
        "WHERE collection_id=? ORDER BY id");
    sql::ResetOnExit r{q};
    q.bind(1, collection);
    std::vector<SyncItem> out;
    while (q.step()) {
        SyncItem i;
        i.id = q.getInt(0);
        i.collectionId = q.getInt(1);
        if (!q.isNull(2)) i.localId = q.getInt(2);
        i.href = q.getText(3);
        i.uid = q.getText(4);
        i.etag = q.getText(5);
        i.hash = q.getText(6);
        i.base = q.getText(7);
        i.state = q.getText(8);
        i.stamp = q.getText(9);
        out.push_back(std::move(i));
    }
    return out;
}

bool SyncRepo::hasItems(RowId collection) {
    auto& q = m_store.statement("SELECT EXISTS (SELECT 1 FROM sync_items WHERE collection_id=?)");
    sql::ResetOnExit r{q};
    q.bind(1, collection);
    return q.step() && q.getInt(0) != 0;
}

RowId SyncRepo::insertItem(const SyncItem& i) {
    auto& q = m_store.statement(
        "INSERT INTO sync_items (collection_id, local_id, href, uid, etag, hash, base, state, stamp) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    q.bind(1, i.collectionId).bind(2, i.localId).bind(3, i.href).bind(4, i.uid).bind(5, i.etag);
    q.bind(6, i.hash).bind(7, i.base).bind(8, i.state).bind(9, i.stamp);
    q.run();
    return m_store.connection().lastInsertId();
}

void SyncRepo::updateItem(const SyncItem& i) {
    auto& q = m_store.statement(
        "UPDATE sync_items SET local_id=?, href=?, uid=?, etag=?, hash=?, base=?, state=?, stamp=? WHERE id=?");
    q.bind(1, i.localId).bind(2, i.href).bind(3, i.uid).bind(4, i.etag).bind(5, i.hash).bind(6, i.base);
    q.bind(7, i.state).bind(8, i.stamp).bind(9, i.id);
    q.run();
}

void SyncRepo::setItemStamp(RowId id, const std::string& stamp) {
    auto& q = m_store.statement("UPDATE sync_items SET stamp=? WHERE id=?");
    q.bind(1, stamp).bind(2, id);
    q.run();
}

std::int64_t SyncRepo::cardRevision(RowId person) {
    auto& q = m_store.statement("SELECT rev FROM person_card_revs WHERE person_id=?");
    sql::ResetOnExit r{q};
    q.bind(1, person);
    return q.step() ? q.getInt(0) : 0;
}

void SyncRepo::deleteItem(RowId id) {
    auto& q = m_store.statement("DELETE FROM sync_items WHERE id=?");
    q.bind(1, id);
    q.run();
}

void SyncRepo::addConflict(const SyncConflict& c) {
    auto& q = m_store.statement(
        "INSERT OR IGNORE INTO sync_conflicts (kind, local_id, field, local_value, remote_value, found_at) "
        "VALUES (?, ?, ?, ?, ?, ?)");
    q.bind(1, c.kind).bind(2, c.localId).bind(3, c.field).bind(4, c.localValue).bind(5, c.remoteValue);
    q.bind(6, c.foundAt);
    q.run();
}

namespace {

// Both queries read these columns in this order (statements are cached by their literal).
#define HALLWAY_CONFLICT_COLUMNS                                                                              \
    "SELECT c.id, c.kind, c.local_id, coalesce(p.display_name, ''), c.field, c.local_value, c.remote_value, " \
    "c.found_at FROM sync_conflicts c LEFT JOIN people p ON p.id = c.local_id "

SyncConflict conflictRow(sql::Statement& q) {
    SyncConflict c;
    c.id = q.getInt(0);
    c.kind = q.getText(1);
    c.localId = q.getInt(2);
    c.name = q.getText(3);
    c.field = q.getText(4);
    c.localValue = q.getText(5);
    c.remoteValue = q.getText(6);
    c.foundAt = q.getInt(7);
    return c;
}

}  // namespace

std::vector<SyncConflict> SyncRepo::conflicts() {
    auto& q = m_store.statement(HALLWAY_CONFLICT_COLUMNS "ORDER BY c.id");
    sql::ResetOnExit r{q};
    std::vector<SyncConflict> out;
    while (q.step()) out.push_back(conflictRow(q));
    return out;
}

std::optional<SyncConflict> SyncRepo::conflict(RowId id) {
    auto& q = m_store.statement(HALLWAY_CONFLICT_COLUMNS "WHERE c.id = ?");
    sql::ResetOnExit r{q};
    q.bind(1, id);
    if (!q.step()) return std::nullopt;
    return conflictRow(q);
}

void SyncRepo::deleteConflict(RowId id) {
    auto& q = m_store.statement("DELETE FROM sync_conflicts WHERE id=?");
    q.bind(1, id);
    q.run();
}

SyncCounts SyncRepo::counts() {
    auto& q = m_store.statement(
        "SELECT c.kind, i.state, count(*) FROM sync_items i JOIN sync_collections c ON c.id = i.collection_id "
        "GROUP BY c.kind, i.state");
    sql::ResetOnExit r{q};
    SyncCounts n;
    while (q.step()) {
        std::string kind = q.getText(0);
        int count = int(q.getInt(2));
        if (q.getText(1) == "removed_remote") n.removedOnServer += count;
        else if (kind == "contacts") n.people += count;
        else if (kind == "tasks") n.tasks += count;
        else n.events += count;
    }
    auto& c = m_store.statement("SELECT count(*) FROM sync_conflicts");
    sql::ResetOnExit rc{c};
    if (c.step()) n.conflicts = int(c.getInt(0));
    return n;
}

std::vector<RowId> SyncRepo::networkPeople() {
    auto& q = m_store.statement(
        "SELECT id FROM people WHERE merged_into IS NULL AND ("
        " source <> 'agenda'"
        " OR id IN (SELECT person_id FROM targets)"
        " OR id IN (SELECT person_id FROM interactions)"
        " OR id IN (SELECT person_id FROM note_people WHERE met = 1)) ORDER BY id");
    sql::ResetOnExit r{q};
    std::vector<RowId> out;
    while (q.step()) out.push_back(q.getInt(0));
    return out;
}

std::vector<CalendarSession> SyncRepo::calendarSessions() {
    auto& q = m_store.statement(
        "SELECT s.id, s.event_id, s.starred, EXISTS (SELECT 1 FROM session_speakers sp JOIN targets t "
        "  ON t.person_id = sp.person_id AND t.event_id = s.event_id WHERE sp.session_id = s.id) AS target_talk "
        "FROM sessions s WHERE s.removed_at IS NULL AND (s.starred = 1 OR EXISTS (SELECT 1 FROM session_speakers sp "
        "  JOIN targets t ON t.person_id = sp.person_id AND t.event_id = s.event_id WHERE sp.session_id = s.id)) "
        "ORDER BY s.event_id, s.starts_at, s.id");
    sql::ResetOnExit r{q};
    std::vector<CalendarSession> out;
    while (q.step()) out.push_back({q.getInt(0), q.getInt(1), q.getInt(2) != 0, q.getInt(3) != 0});
    return out;
}

}  // namespace hallway
