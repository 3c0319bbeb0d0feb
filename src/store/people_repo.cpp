#include "store/people_repo.h"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <map>

#include "core/text.h"
#include "core/time_util.h"
#include "store/collation.h"
#include "store/query_util.h"
#include "store/sqlite.h"
#include "store/store.h"

namespace hallway {
namespace {

std::vector<std::string> splitLines(const std::string& s) {
    std::vector<std::string> out;
    for (auto& line : text::lines(s))
        if (!line.empty()) out.push_back(std::move(line));
    return out;
}

std::string joinLines(const std::vector<std::string>& lines) {
    std::string out;
    for (size_t i = 0; i < lines.size(); ++i) out += (i ? "\n" : "") + lines[i];
    return out;
}

Target readTarget(const sql::Statement& q) {
    Target t;
    t.id = q.getInt(0);
    t.eventId = q.getInt(1);
    t.personId = q.getInt(2);
    t.priority = targetPriorityFromName(q.getText(3)).value_or(TargetPriority::Should);
    t.why = q.getText(4);
    t.questions = splitLines(q.getText(5));
    t.status = targetStatusFromName(q.getText(6)).value_or(TargetStatus::NotYet);
    return t;
}

#define TARGET_COLUMNS "id, event_id, person_id, priority, why, questions, status"

}  // namespace

RowId PeopleRepo::create(const Person& p) {
    auto& q = m_store.statement(
        "INSERT INTO people (display_name, name_key, given_name, family_name, company, role, how_met, "
        "keep_in_touch_days, source, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
    Instant now = nowInstant();
    std::string name = text::collapseSpaces(p.displayName);
    q.bind(1, name).bind(2, text::nameKey(name)).bind(3, p.givenName).bind(4, p.familyName);
    q.bind(5, p.company).bind(6, p.role).bind(7, p.howMet).bind(8, p.keepInTouchDays);
    q.bind(9, p.source.empty() ? std::string("typed") : p.source).bind(10, now).bind(11, now);
    q.run();
    RowId id = m_store.connection().lastInsertId();
    for (auto& e : p.emails) addEmail(id, e);
    for (auto& ph : p.phones) addPhone(id, ph);
    for (auto& u : p.urls) addUrl(id, u);
    for (auto& t : p.tags) addTag(id, t);
    for (auto& f : p.facts) addFact(id, f);
    return id;
}

void PeopleRepo::updateFields(const Person& p) {
    m_store.indexPersonBeforeChange(p.id);
    auto& q = m_store.statement(
        "UPDATE people SET display_name=?, name_key=?, given_name=?, family_name=?, company=?, role=?, how_met=?, "
        "keep_in_touch_days=?, source=?, updated_at=? WHERE id=?");
    std::string name = text::collapseSpaces(p.displayName);
    q.bind(1, name).bind(2, text::nameKey(name)).bind(3, p.givenName).bind(4, p.familyName);
    q.bind(5, p.company).bind(6, p.role).bind(7, p.howMet).bind(8, p.keepInTouchDays);
    q.bind(9, p.source).bind(10, nowInstant()).bind(11, p.id);
    q.run();
}

void PeopleRepo::rename(RowId personId, const std::string& displayName) {
    m_store.indexPersonBeforeChange(personId);
    auto& q = m_store.statement("UPDATE people SET display_name=?, name_key=?, updated_at=? WHERE id=?");
    q.bind(1, displayName).bind(2, text::nameKey(displayName)).bind(3, nowInstant()).bind(4, personId);
    q.run();
}

std::optional<PersonBrief> PeopleRepo::brief(RowId id) {
    auto& q = m_store.statement("SELECT id, display_name, company, role FROM people WHERE id=?");
    sql::ResetOnExit r{q};
    q.bind(1, id);
    if (!q.step()) return std::nullopt;
    return PersonBrief{q.getInt(0), q.getText(1), q.getText(2), q.getText(3)};
}

std::optional<Person> PeopleRepo::find(RowId id) {
    Person p;
    {
        auto& q = m_store.statement(
            "SELECT id, display_name, given_name, family_name, company, role, how_met, keep_in_touch_days, source "
            "FROM people WHERE id=?");
        sql::ResetOnExit r{q};
        q.bind(1, id);
        if (!q.step()) return std::nullopt;
        p.id = q.getInt(0);
        p.displayName = q.getText(1);
        p.givenName = q.getText(2);
        p.familyName = q.getText(3);
        p.company = q.getText(4);
        p.role = q.getText(5);
        p.howMet = q.getText(6);
        if (!q.isNull(7)) p.keepInTouchDays = int(q.getInt(7));
        p.source = q.getText(8);
    }
    {
        auto& q = m_store.statement("SELECT kind, value, label FROM person_contacts WHERE person_id=? ORDER BY id");
        sql::ResetOnExit r{q};
        q.bind(1, id);
        while (q.step()) {
            std::string kind = q.getText(0);
            ContactDetail d{q.getText(1), q.getText(2)};
            if (kind == "email") p.emails.push_back(d);
            else if (kind == "phone") p.phones.push_back(d);
            else p.urls.push_back(d);
        }
    }
    {
        auto& q = m_store.statement("SELECT tag FROM person_tags WHERE person_id=? ORDER BY tag");
        sql::ResetOnExit r{q};
        q.bind(1, id);
        while (q.step()) p.tags.push_back(q.getText(0));
    }
    {
        auto& q = m_store.statement("SELECT id, text, on_date FROM person_facts WHERE person_id=? ORDER BY id");
        sql::ResetOnExit r{q};
        q.bind(1, id);
        while (q.step()) {
            PersonFact f;
            f.id = q.getInt(0);
            f.text = q.getText(1);
            if (!q.isNull(2)) f.onDate = q.getText(2);
            p.facts.push_back(f);
        }
    }
    return p;
}

// The user's network: everyone not only an agenda's speaker, plus speakers
// the user met, targeted, logged a touch with or wrote a note about. A macro
// so that it joins the statements' literals (the statement cache is keyed by
// their address). A CASE, since SQLite evaluates every side of an OR: it
// stops at the first answer, and looks a person up in the large tables by
// their index instead of copying 625,000 note links into a temporary index
// each time (the count at the power tier: 52-300 -> 11-27 ms). Targets are
// few and have no index by person: read once.
#define HALLWAY_IN_NETWORK                                                                        \
    "(CASE WHEN p.source <> 'agenda' THEN 1 "                                                    \
    "WHEN EXISTS (SELECT 1 FROM interactions i WHERE i.person_id = p.id) THEN 1 "                \
    "WHEN EXISTS (SELECT 1 FROM note_people n WHERE n.person_id = p.id) THEN 1 "                 \
    "WHEN p.id IN (SELECT person_id FROM targets) THEN 1 ELSE 0 END)"

namespace {

int scopeCode(PeopleScope scope) { return scope == PeopleScope::Network ? 1 : scope == PeopleScope::AgendaOnly ? 2 : 0; }

void sortByCollation(std::vector<PersonBrief>& people) {
    std::vector<std::pair<std::string, size_t>> keys;
    keys.reserve(people.size());
    for (size_t i = 0; i < people.size(); ++i) keys.emplace_back(collationKey(people[i].displayName), i);
    std::sort(keys.begin(), keys.end(), [&](const auto& a, const auto& b) {
        return a.first != b.first ? a.first < b.first : people[a.second].id < people[b.second].id;
    });
    // Put in place by following the permutation's cycles: a sorted copy of
    // 50,000 people was 5 MB more of fresh memory, each page a fault.
    std::vector<size_t> from(keys.size());
    for (size_t i = 0; i < keys.size(); ++i) from[i] = keys[i].second;
    for (size_t start = 0; start < from.size(); ++start) {
        if (from[start] == start) continue;
        PersonBrief held = std::move(people[start]);
        size_t at = start;
        while (from[at] != start) {
            people[at] = std::move(people[from[at]]);
            const size_t next = from[at];
            from[at] = at;
            at = next;
        }
        people[at] = std::move(held);
        from[at] = at;
    }
}

}  // namespace

std::vector<PersonBrief> PeopleRepo::list(const PeopleQuery& query) {
    std::vector<PersonBrief> out;
    std::string match = sql::ftsTypedQuery(query.search);
    const std::string tag = text::lower(text::trim(query.tag));
    auto read = [&](sql::Statement& q) {
        while (q.step()) out.push_back({q.getInt(0), q.getText(1), q.getText(2), q.getText(3)});
    };
    if (match.empty() && query.tag.empty() && query.limit <= 0) {
        // Room for everyone up front: growing by doubling moved 50,000 people
        // about three times over, into fresh pages.
        auto& count = m_store.statement("SELECT count(*) FROM people");
        sql::ResetOnExit r{count};
        if (count.step()) out.reserve(size_t(count.getInt(0)));
    }
    if (match.empty() || query.limit <= 0) {
        // The whole list, or the whole list filtered: in name order either way,
        // so a search narrows the table without reshuffling it.
        auto& q = m_store.statement(
            "SELECT p.id, p.display_name, p.company, p.role FROM people p "
            "WHERE (?1 = '' OR p.id IN (SELECT rowid FROM people_fts WHERE people_fts MATCH ?1)) "
            "AND (?2 = '' OR EXISTS (SELECT 1 FROM person_tags t WHERE t.person_id = p.id AND t.tag = ?2)) "
            "AND (?4 = 0 OR (?4 = 1) = " HALLWAY_IN_NETWORK ") "
            "ORDER BY p.name_key, p.id LIMIT ?3");
        sql::ResetOnExit r{q};
        q.bind(1, match).bind(2, tag).bind(3, query.limit > 0 ? query.limit : -1).bind(4, scopeCode(query.scope));
        read(q);
        sortByCollation(out);  // a limited list takes its first ones by name key, then sorts them
        return out;
    }
    // A picker wants the few best: people whose name matches before those who
    // only match by company or role, each group in name order. Candidates are
    // the newest matches of each kind, so "co" over 50,000 people at
    // "Company ..." stays a bounded lookup (bm25 ranked every match: 37 ms).
    auto& q = m_store.statement(
        "SELECT p.id, p.display_name, p.company, p.role FROM people p "
        "WHERE p.id IN (SELECT rowid FROM people_fts WHERE people_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?3) "
        "AND (?2 = '' OR EXISTS (SELECT 1 FROM person_tags t WHERE t.person_id = p.id AND t.tag = ?2)) "
        "ORDER BY p.name_key, p.id");
    constexpr int kCandidates = 200;
    {
        sql::ResetOnExit r{q};
        q.bind(1, "{display_name} : (" + match + ")").bind(2, tag).bind(3, kCandidates);
        read(q);
    }
    if (int(out.size()) < query.limit) {
        size_t byName = out.size();
        sql::ResetOnExit r{q};
        q.bind(1, match).bind(2, tag).bind(3, kCandidates);
        read(q);
        // The second query finds the name matches again; keep their first place.
        std::vector<PersonBrief> others;
        for (size_t i = byName; i < out.size(); ++i)
            if (std::none_of(out.begin(), out.begin() + long(byName), [&](const PersonBrief& p) { return p.id == out[i].id; }))
                others.push_back(std::move(out[i]));
        out.resize(byName);
        std::move(others.begin(), others.end(), std::back_inserter(out));
    }
    if (int(out.size()) > query.limit) out.resize(size_t(query.limit));
    return out;
}

ScopeCounts PeopleRepo::scopeCounts() {
    auto& q = m_store.statement("SELECT coalesce(sum(" HALLWAY_IN_NETWORK "), 0), count(*) FROM people p");
    sql::ResetOnExit r{q};
    q.step();
    ScopeCounts c;
    c.network = int(q.getInt(0));
    c.agendaOnly = int(q.getInt(1)) - c.network;
    return c;
}

bool PeopleRepo::inNetwork(RowId id) {
    auto& q = m_store.statement("SELECT " HALLWAY_IN_NETWORK " FROM people p WHERE p.id = ?");
    sql::ResetOnExit r{q};
    q.bind(1, id);
    return q.step() && q.getInt(0) != 0;
}

int PeopleRepo::count() {
    auto& q = m_store.statement("SELECT count(*) FROM people");
    sql::ResetOnExit r{q};
    q.step();
    return int(q.getInt(0));
}

bool PeopleRepo::addContact(RowId person, const char* kind, const ContactDetail& d) {
    std::string value = text::trim(d.value);
    if (value.empty()) return false;
    auto& q = m_store.statement(
        "INSERT OR IGNORE INTO person_contacts (person_id, kind, value, label, match_key) VALUES (?,?,?,?,?)");
    std::string key = std::string(kind) == "url" ? profileUrlKey(value) : text::lower(value);
    q.bind(1, person).bind(2, kind).bind(3, value).bind(4, text::lower(d.label)).bind(5, key);
    q.run();
    return m_store.connection().changes() > 0;
}

bool PeopleRepo::addEmail(RowId person, const ContactDetail& e) {
    return addContact(person, "email", {text::lower(text::trim(e.value)), e.label});
}
bool PeopleRepo::addPhone(RowId person, const ContactDetail& p) { return addContact(person, "phone", p); }
bool PeopleRepo::addUrl(RowId person, const ContactDetail& u) { return addContact(person, "url", u); }

bool PeopleRepo::addTag(RowId person, const std::string& tag) {
    std::string t = text::lower(text::collapseSpaces(tag));
    if (t.empty()) return false;
    auto& q = m_store.statement("INSERT OR IGNORE INTO person_tags (person_id, tag) VALUES (?,?)");
    q.bind(1, person).bind(2, t);
    q.run();
    return m_store.connection().changes() > 0;
}

RowId PeopleRepo::addFact(RowId person, const PersonFact& f) {
    auto& q = m_store.statement("INSERT INTO person_facts (person_id, text, on_date, created_at) VALUES (?,?,?,?)");
    q.bind(1, person).bind(2, text::trim(f.text)).bind(3, f.onDate).bind(4, nowInstant());
    q.run();
    return m_store.connection().lastInsertId();
}

void PeopleRepo::replaceDetails(const Person& p) {
    auto current = find(p.id);
    if (!current) throw StoreError("no person with id " + std::to_string(p.id));
    updateFields(p);
    auto sameValue = [](const ContactDetail& a, const ContactDetail& b) { return text::trim(a.value) == text::trim(b.value); };
    auto replace = [&](const char* kind, const std::vector<ContactDetail>& had, const std::vector<ContactDetail>& want) {
        for (const auto& old : had) {
            auto kept = std::find_if(want.begin(), want.end(), [&](const ContactDetail& w) { return sameValue(w, old); });
            if (kept == want.end()) {
                auto& q = m_store.statement("DELETE FROM person_contacts WHERE person_id=? AND kind=? AND value=?");
                q.bind(1, p.id).bind(2, kind).bind(3, old.value);
                q.run();
            } else if (text::lower(kept->label) != old.label) {
                auto& q = m_store.statement("UPDATE person_contacts SET label=? WHERE person_id=? AND kind=? AND value=?");
                q.bind(1, text::lower(kept->label)).bind(2, p.id).bind(3, kind).bind(4, old.value);
                q.run();
            }
        }
        for (const auto& w : want)
            if (std::none_of(had.begin(), had.end(), [&](const ContactDetail& o) { return sameValue(w, o); }))
                addContact(p.id, kind, w);
    };
    std::vector<ContactDetail> emails;
    for (const auto& e : p.emails) emails.push_back({text::lower(text::trim(e.value)), e.label});
    replace("email", current->emails, emails);
    replace("phone", current->phones, p.phones);
    replace("url", current->urls, p.urls);

    for (const auto& tag : current->tags)
        if (std::find(p.tags.begin(), p.tags.end(), tag) == p.tags.end()) {
            auto& q = m_store.statement("DELETE FROM person_tags WHERE person_id=? AND tag=?");
            q.bind(1, p.id).bind(2, tag);
            q.run();
        }
    for (const auto& tag : p.tags) addTag(p.id, tag);

    for (const auto& fact : current->facts)
        if (std::none_of(p.facts.begin(), p.facts.end(), [&](const PersonFact& f) { return f.id == fact.id; })) {
            auto& q = m_store.statement("DELETE FROM person_facts WHERE id=? AND person_id=?");
            q.bind(1, fact.id).bind(2, p.id);
            q.run();
        }
    for (const auto& fact : p.facts)
        if (fact.id == 0) addFact(p.id, fact);
}

std::vector<PersonBrief> PeopleRepo::withNameKey(const std::string& nameKey, const std::string& profileKey) {
    auto& q = m_store.statement(
        "SELECT id, display_name, company, role FROM people p WHERE name_key=?1 AND (?2 = '' OR NOT EXISTS ("
        "  SELECT 1 FROM person_contacts c WHERE c.person_id = p.id AND c.kind = 'url' "
        "  AND c.match_key LIKE 'linkedin.com/in/%' AND c.match_key <> ?2)) ORDER BY id");
    sql::ResetOnExit r{q};
    q.bind(1, nameKey).bind(2, profileKey);
    std::vector<PersonBrief> out;
    while (q.step()) out.push_back({q.getInt(0), q.getText(1), q.getText(2), q.getText(3)});
    return out;
}

std::vector<PeopleRepo::MatchKey> PeopleRepo::allMatchKeys() {
    auto& q = m_store.statement("SELECT person_id, kind, match_key FROM person_contacts WHERE kind IN ('email', 'url')");
    sql::ResetOnExit r{q};
    std::vector<MatchKey> out;
    while (q.step()) out.push_back({q.getInt(0), q.getText(1), q.getText(2)});
    return out;
}

std::vector<PeopleRepo::NameRow> PeopleRepo::allNames() {
    auto& q = m_store.statement("SELECT id, name_key, display_name, company, role FROM people");
    sql::ResetOnExit r{q};
    std::vector<NameRow> out;
    while (q.step()) out.push_back({q.getInt(0), q.getText(1), {q.getInt(0), q.getText(2), q.getText(3), q.getText(4)}});
    return out;
}

void PeopleRepo::merge(RowId kept, RowId gone) {
    auto keptPerson = find(kept);
    auto gonePerson = find(gone);
    if (!keptPerson || !gonePerson || kept == gone) return;

    // Scalar fields: keep what `kept` has, fill the blanks from `gone`.
    Person& k = *keptPerson;
    const Person& g = *gonePerson;
    auto fill = [](std::string& into, const std::string& from) {
        if (into.empty()) into = from;
    };
    fill(k.givenName, g.givenName);
    fill(k.familyName, g.familyName);
    fill(k.company, g.company);
    fill(k.role, g.role);
    if (k.howMet.empty()) k.howMet = g.howMet;
    else if (!g.howMet.empty() && g.howMet != k.howMet) k.howMet += "\n" + g.howMet;
    if (!k.keepInTouchDays) k.keepInTouchDays = g.keepInTouchDays;
    updateFields(k);

    // Targets at the same event: one survives, with the stronger priority,
    // both reasons and all questions.
    auto& goneTargets = m_store.statement("SELECT " TARGET_COLUMNS " FROM targets WHERE person_id=?");
    std::vector<Target> moving;
    {
        sql::ResetOnExit r{goneTargets};
        goneTargets.bind(1, gone);
        while (goneTargets.step()) moving.push_back(readTarget(goneTargets));
    }
    for (const Target& t : moving) {
        auto existing = findTarget(t.eventId, kept);
        if (!existing) continue;
        Target merged = *existing;
        merged.priority = std::min(existing->priority, t.priority);
        if (!t.why.empty() && t.why != merged.why) merged.why = merged.why.empty() ? t.why : merged.why + "; " + t.why;
        for (auto& question : t.questions)
            if (std::find(merged.questions.begin(), merged.questions.end(), question) == merged.questions.end())
                merged.questions.push_back(question);
        if (t.status == TargetStatus::Met) merged.status = TargetStatus::Met;
        upsertTarget(merged);
    }

    m_store.indexPersonBeforeChange(gone);
    // Rows keyed by person: move them, letting unique keys drop exact duplicates.
    static const char* const moves[] = {
        "UPDATE OR IGNORE person_contacts SET person_id=?1 WHERE person_id=?2",
        "UPDATE OR IGNORE person_tags SET person_id=?1 WHERE person_id=?2",
        "UPDATE person_facts SET person_id=?1 WHERE person_id=?2",
        "UPDATE OR IGNORE session_speakers SET person_id=?1 WHERE person_id=?2",
        "UPDATE speaker_source_ids SET person_id=?1 WHERE person_id=?2",
        "UPDATE OR IGNORE targets SET person_id=?1 WHERE person_id=?2",
        "UPDATE OR IGNORE note_people SET person_id=?1 WHERE person_id=?2",
        "UPDATE interactions SET person_id=?1 WHERE person_id=?2",
        "UPDATE follow_ups SET person_id=?1 WHERE person_id=?2",
        "DELETE FROM people WHERE id=?2",
    };
    for (const char* sqlText : moves) {
        auto& q = m_store.statement(sqlText);
        q.bind(1, kept).bind(2, gone);
        q.run();
    }
}

RowId PeopleRepo::upsertTarget(const Target& t) {
    auto& q = m_store.statement(
        "INSERT INTO targets (event_id, person_id, priority, why, questions, status, created_at) "
        "VALUES (?,?,?,?,?,?,?) ON CONFLICT (event_id, person_id) DO UPDATE SET priority=excluded.priority, "
        "why=excluded.why, questions=excluded.questions, status=excluded.status");
    q.bind(1, t.eventId).bind(2, t.personId).bind(3, targetPriorityName(t.priority)).bind(4, t.why);
    q.bind(5, joinLines(t.questions)).bind(6, targetStatusName(t.status)).bind(7, nowInstant());
    q.run();
    auto found = findTarget(t.eventId, t.personId);
    return found ? found->id : 0;
}

std::optional<Target> PeopleRepo::findTarget(RowId eventId, RowId personId) {
    auto& q = m_store.statement("SELECT " TARGET_COLUMNS " FROM targets WHERE event_id=? AND person_id=?");
    sql::ResetOnExit r{q};
    q.bind(1, eventId).bind(2, personId);
    if (!q.step()) return std::nullopt;
    return readTarget(q);
}

std::vector<Target> PeopleRepo::targets(RowId eventId) {
    auto& q = m_store.statement(
        "SELECT t.id, t.event_id, t.person_id, t.priority, t.why, t.questions, t.status FROM targets t "
        "JOIN people p ON p.id = t.person_id WHERE t.event_id=? "
        "ORDER BY CASE t.priority WHEN 'must' THEN 0 WHEN 'should' THEN 1 ELSE 2 END, p.name_key");
    sql::ResetOnExit r{q};
    q.bind(1, eventId);
    std::vector<Target> out;
    while (q.step()) out.push_back(readTarget(q));
    return out;
}

bool PeopleRepo::setTargetStatus(RowId eventId, RowId personId, TargetStatus status) {
    auto& q = m_store.statement("UPDATE targets SET status=? WHERE event_id=? AND person_id=?");
    q.bind(1, targetStatusName(status)).bind(2, eventId).bind(3, personId);
    q.run();
    return m_store.connection().changes() > 0;
}

bool PeopleRepo::removeTarget(RowId eventId, RowId personId) {
    auto& q = m_store.statement("DELETE FROM targets WHERE event_id=? AND person_id=?");
    q.bind(1, eventId).bind(2, personId);
    q.run();
    return m_store.connection().changes() > 0;
}

std::vector<PeopleRepo::Talk> PeopleRepo::talksOf(RowId personId) {
    auto& q = m_store.statement(
        "SELECT s.id, s.event_id, s.starts_at, s.title, s.room, s.ends_at FROM session_speakers ss CROSS JOIN sessions s "
        "ON s.id = ss.session_id WHERE ss.person_id=? AND s.removed_at IS NULL ORDER BY s.starts_at, s.id");
    sql::ResetOnExit r{q};
    q.bind(1, personId);
    std::vector<Talk> out;
    while (q.step()) out.push_back({q.getInt(0), q.getInt(1), q.getInt(2), q.getText(3), q.getText(4), q.getInt(5)});
    return out;
}

std::map<RowId, PeopleRepo::TargetTalks> PeopleRepo::targetsTalks(RowId eventId, size_t firstN) {
    // From the event's few targets through their talks (CROSS JOIN pins that
    // order), numbered and counted per person on ids alone; titles and rooms
    // are read for the first N only.
    auto& q = m_store.statement(
        "SELECT w.person_id, s.id, s.event_id, s.starts_at, s.title, s.room, s.ends_at, w.n FROM ("
        "SELECT ss.person_id AS person_id, s.id AS sid, "
        "row_number() OVER (PARTITION BY ss.person_id ORDER BY s.starts_at, s.id) AS k, "
        "count(*) OVER (PARTITION BY ss.person_id) AS n "
        "FROM targets t CROSS JOIN session_speakers ss ON ss.person_id = t.person_id "
        "CROSS JOIN sessions s ON s.id = ss.session_id "
        "WHERE t.event_id=?1 AND s.event_id=?1 AND s.removed_at IS NULL) w "
        "CROSS JOIN sessions s ON s.id = w.sid WHERE w.k <= ?2 ORDER BY w.person_id, w.k");
    sql::ResetOnExit r{q};
    q.bind(1, eventId).bind(2, std::int64_t(std::min<size_t>(firstN, size_t(INT64_MAX))));
    std::map<RowId, TargetTalks> out;
    while (q.step()) {
        TargetTalks& talks = out[q.getInt(0)];
        talks.first.push_back({q.getInt(1), q.getInt(2), q.getInt(3), q.getText(4), q.getText(5), q.getInt(6)});
        talks.total = size_t(q.getInt(7));
    }
    return out;
}

std::vector<std::string> PeopleRepo::tags() {
    auto& q = m_store.statement("SELECT DISTINCT tag FROM person_tags ORDER BY tag");
    sql::ResetOnExit r{q};
    std::vector<std::string> out;
    while (q.step()) out.push_back(q.getText(0));
    return out;
}

std::vector<NetworkGroup> PeopleRepo::network(const std::string& by) {
    // Interactions counted once per person in one grouped pass, not by a
    // lookup per person (which grows with everyone, met or not). Literals,
    // since the statement cache is keyed by the text's address.
    const char* sqlText = nullptr;
    if (by == "company")
        sqlText = "SELECT p.company, count(*), coalesce(sum(w.n), 0), sum(coalesce(w.n, 0) >= 2) FROM people p "
                  "LEFT JOIN (SELECT person_id, count(*) AS n FROM interactions GROUP BY person_id) w ON w.person_id = p.id "
                  "WHERE " HALLWAY_IN_NETWORK " "
                  "GROUP BY p.company COLLATE NOCASE ORDER BY count(*) DESC, p.company";
    else if (by == "role")
        sqlText = "SELECT p.role, count(*), coalesce(sum(w.n), 0), sum(coalesce(w.n, 0) >= 2) FROM people p "
                  "LEFT JOIN (SELECT person_id, count(*) AS n FROM interactions GROUP BY person_id) w ON w.person_id = p.id "
                  "WHERE " HALLWAY_IN_NETWORK " "
                  "GROUP BY p.role COLLATE NOCASE ORDER BY count(*) DESC, p.role";
    else
        sqlText = "SELECT coalesce(t.tag, ''), count(*), coalesce(sum(w.n), 0), sum(coalesce(w.n, 0) >= 2) FROM people p "
                  "LEFT JOIN person_tags t ON t.person_id = p.id "
                  "LEFT JOIN (SELECT person_id, count(*) AS n FROM interactions GROUP BY person_id) w ON w.person_id = p.id "
                  "WHERE " HALLWAY_IN_NETWORK " "
                  "GROUP BY t.tag ORDER BY count(*) DESC, t.tag";
    auto& q = m_store.statement(sqlText);
    sql::ResetOnExit r{q};
    std::vector<NetworkGroup> out;
    while (q.step()) out.push_back({q.getText(0), int(q.getInt(1)), int(q.getInt(2)), int(q.getInt(3))});
    return out;
}

}  // namespace hallway
