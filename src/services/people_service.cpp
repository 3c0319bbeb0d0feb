#include "services/people_service.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>
#include <unordered_set>
#include <unordered_map>
#include <stdexcept>

#include "core/atomic_file.h"
#include "core/followup.h"
#include "core/text.h"
#include "core/time_util.h"
#include "formats/people_export.h"
#include "services/followup_service.h"
#include "services/safe_write.h"
#include "services/service_errors.h"
#include "store/agenda_repo.h"
#include "store/backup.h"
#include "store/store.h"

namespace hallway {
namespace {

constexpr std::uintmax_t kMaxContactsBytes = 256u << 20;

std::string companyKey(const std::string& company) { return text::nameKey(company); }

Person toPerson(const ContactRecord& c, const std::string& source) {
    Person p;
    p.displayName = c.fullName;
    p.givenName = c.givenName;
    p.familyName = c.familyName;
    p.company = c.company;
    p.role = c.role;
    p.source = source;
    for (auto& e : c.emails) p.emails.push_back({e.value, e.label});
    for (auto& ph : c.phones) p.phones.push_back({ph.value, ph.label});
    for (auto& u : c.urls) p.urls.push_back({u.value, u.label});
    p.tags = c.tags;
    if (!c.note.empty()) p.howMet = c.note;
    if (c.birthday) p.facts.push_back({0, "birthday", c.birthday});
    return p;
}

enum class MatchKind { None, One, Ambiguous, PossibleDuplicate };

struct Match {
    MatchKind kind = MatchKind::None;
    RowId id = 0;
    std::vector<RowId> candidates;
    std::string reason;
};

// A record's identity keys, computed once: matching and then indexing the
// person it becomes both use them.
struct RecordKeys {
    std::vector<std::string> emails;  // as stored: trimmed, lower-case
    std::vector<std::string> urls;    // profileUrlKey of each URL
    std::string profile;              // its LinkedIn profile key, if any
    std::string name;                 // text::nameKey of the full name
    std::string company;              // companyKey
};

RecordKeys keysOf(const ContactRecord& c) {
    RecordKeys k;
    k.emails.reserve(c.emails.size());
    for (auto& e : c.emails) k.emails.push_back(text::lower(text::trim(e.value)));
    k.urls.reserve(c.urls.size());
    for (auto& u : c.urls) {
        k.urls.push_back(profileUrlKey(text::trim(u.value)));
        if (k.urls.back().rfind("linkedin.com/in/", 0) == 0) k.profile = k.urls.back();
    }
    k.name = text::nameKey(c.fullName);
    k.company = companyKey(c.company);
    return k;
}

// What an import matches records against, read from the database once and
// kept current as the import adds people: no query per record.
class MatchIndex {
public:
    explicit MatchIndex(PeopleRepo& people) {
        for (auto& k : people.allMatchKeys()) add(k.person, k.kind == "email" ? m_byEmail : m_byUrl, k.key);
        for (auto& n : people.allNames()) m_byName[n.nameKey].push_back({n.brief.id, companyKey(n.brief.company)});
    }

    void addPerson(RowId person, const RecordKeys& keys) { m_byName[keys.name].push_back({person, keys.company}); }

    void setCompany(RowId person, const std::string& nameKey, const std::string& company) {
        for (auto& n : m_byName[nameKey])
            if (n.id == person) n.companyKey = companyKey(company);
    }

    // Adds the record's emails and URLs as they will be stored.
    void addDetails(RowId person, const RecordKeys& keys) {
        for (auto& e : keys.emails) add(person, m_byEmail, e);
        for (auto& u : keys.urls) add(person, m_byUrl, u);
    }

    Match find(const RecordKeys& keys) const {
        std::vector<RowId> byDetail;
        auto collect = [&](const std::unordered_map<std::string, std::vector<RowId>>& map, const std::string& key) {
            auto it = map.find(key);
            if (it != map.end()) byDetail.insert(byDetail.end(), it->second.begin(), it->second.end());
        };
        for (auto& e : keys.emails) collect(m_byEmail, e);
        for (auto& u : keys.urls)
            if (u.find('/') != std::string::npos) collect(m_byUrl, u);  // a bare domain is no identity
        std::sort(byDetail.begin(), byDetail.end());
        byDetail.erase(std::unique(byDetail.begin(), byDetail.end()), byDetail.end());
        Match m;
        if (byDetail.size() == 1) return {MatchKind::One, byDetail.front(), {}, ""};
        if (byDetail.size() > 1) {
            m.kind = MatchKind::Ambiguous;
            m.candidates = std::move(byDetail);
            m.reason = "its email or profile URL belongs to " + std::to_string(m.candidates.size()) +
                       " people; not imported";
            return m;
        }
        auto it = m_byName.find(keys.name);
        if (it == m_byName.end()) return m;
        // Someone with another LinkedIn profile is another person, whatever the
        // name. Nobody holds this record's profile (it would have matched above),
        // so anyone with a profile at all has another one.
        std::vector<const Named*> sameName;
        for (auto& n : it->second)
            if (keys.profile.empty() || !m_withProfile.count(n.id)) sameName.push_back(&n);
        if (sameName.empty()) return m;
        // Same name and same company (both blank counts as the same) is the rule;
        // same name with another company may be another person: add, and say so.
        std::vector<RowId> sameCompany;
        for (auto* n : sameName)
            if (n->companyKey == keys.company) sameCompany.push_back(n->id);
        if (sameCompany.size() == 1) return {MatchKind::One, sameCompany[0], {}, ""};
        // A speaker from an agenda has a name and no company: a record with that
        // name tells us their company, it is not somebody else.
        if (sameCompany.empty()) {
            std::vector<RowId> noCompany;
            for (auto* n : sameName)
                if (n->companyKey.empty()) noCompany.push_back(n->id);
            if (noCompany.size() == 1) return {MatchKind::One, noCompany[0], {}, ""};
        }
        if (sameCompany.size() > 1) {
            m.kind = MatchKind::Ambiguous;
            m.candidates = sameCompany;
            m.reason = "several people share this name and company; not imported";
            return m;
        }
        m.kind = MatchKind::PossibleDuplicate;
        for (auto* n : sameName) m.candidates.push_back(n->id);
        m.reason = "added as a new person: same name as an existing one but another company (merge if it is the same)";
        return m;
    }

private:
    using KeyMap = std::unordered_map<std::string, std::vector<RowId>>;

    void add(RowId person, KeyMap& map, const std::string& key) {
        if (key.empty()) return;
        auto& ids = map[key];
        if (std::find(ids.begin(), ids.end(), person) == ids.end()) ids.push_back(person);
        if (&map == &m_byUrl && key.rfind("linkedin.com/in/", 0) == 0) m_withProfile.insert(person);
    }

    // Common names are shared by dozens of people: their company keys are
    // computed once here, not for every record compared against them.
    struct Named {
        RowId id;
        std::string companyKey;
    };
    KeyMap m_byEmail, m_byUrl;
    std::unordered_set<RowId> m_withProfile;  // people with a LinkedIn profile
    std::unordered_map<std::string, std::vector<Named>> m_byName;
};

// Adds what the record knows to person `id`; true when anything changed.
bool applyRecord(PeopleRepo& people, RowId id, const ContactRecord& c) {
    auto current = people.find(id);
    if (!current) return false;
    Person p = *current;
    bool changed = false;
    auto take = [&](std::string& field, const std::string& incoming) {
        if (!incoming.empty() && field != incoming) {
            field = incoming;
            changed = true;
        }
    };
    auto fillBlank = [&](std::string& field, const std::string& incoming) {
        if (field.empty() && !incoming.empty()) {
            field = incoming;
            changed = true;
        }
    };
    // The file is newer than what we hold about a job; names the user may have typed stay.
    take(p.company, c.company);
    take(p.role, c.role);
    fillBlank(p.givenName, c.givenName);
    fillBlank(p.familyName, c.familyName);
    fillBlank(p.howMet, c.note);
    if (changed) people.updateFields(p);
    for (auto& e : c.emails) changed |= people.addEmail(id, {e.value, e.label});
    for (auto& ph : c.phones) changed |= people.addPhone(id, {ph.value, ph.label});
    for (auto& u : c.urls) changed |= people.addUrl(id, {u.value, u.label});
    for (auto& t : c.tags) changed |= people.addTag(id, t);
    return changed;
}

std::vector<PersonBrief> briefs(PeopleRepo& people, const std::vector<RowId>& ids) {
    std::vector<PersonBrief> out;
    for (RowId id : ids)
        if (auto p = people.find(id)) out.push_back({p->id, p->displayName, p->company, p->role});
    return out;
}

}  // namespace

ContactsImportReport importContactsFile(Store& store, const std::string& path, const ContactsImportOptions& options) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw FormatError(path, 0, "is a folder, not a contacts file");
    auto size = std::filesystem::file_size(path, ec);
    if (ec) throw FormatError(path, 0, "cannot read the file: " + ec.message());
    if (size > kMaxContactsBytes)
        throw FormatError(path, 0, "file is " + std::to_string(size >> 20) + " MiB; over 256 MiB is refused");
    std::optional<std::string> bytes = readWholeFile(path);
    if (!bytes) throw FormatError(path, 0, "cannot read the file: " + std::string(std::strerror(errno)));
    return importContactsBytes(store, *bytes, path, options);
}

ContactsImportReport importContactsBytes(Store& store, std::string_view bytes, const std::string& fileName,
                                         const ContactsImportOptions& options) {
    ContactsFile file = parseContacts(bytes, fileName, options.format, options.parse);
    ContactsImportReport report;
    report.format = file.format;
    report.warnings = file.warnings;
    // The input is valid: a rolling safety copy when one is due.
    backupBeforeLargeChange(store, "contacts-import", std::int64_t(file.contacts.size()));
    PeopleRepo people(store);
    Store::Transaction tx(store);
    store.suspendSearchIndexing();
    MatchIndex index(people);
    const std::string source = findContactsFormat(file.format)->source;
    for (const ContactRecord& c : file.contacts) {
        RecordKeys keys = keysOf(c);
        Match m = index.find(keys);
        if (m.kind == MatchKind::Ambiguous) {
            report.ambiguous.push_back({c.line, c.fullName, briefs(people, m.candidates), m.reason});
            continue;
        }
        if (m.kind == MatchKind::PossibleDuplicate)
            report.ambiguous.push_back({c.line, c.fullName, briefs(people, m.candidates), m.reason});
        if (m.kind == MatchKind::One) {
            if (applyRecord(people, m.id, c)) ++report.updated;
            else ++report.unchanged;
            index.addDetails(m.id, keys);
            if (!c.company.empty())
                if (auto p = people.find(m.id)) index.setCompany(m.id, text::nameKey(p->displayName), p->company);
            continue;
        }
        Person fresh = toPerson(c, source);
        RowId id = people.create(fresh);
        index.addPerson(id, keys);
        index.addDetails(id, keys);
        ++report.added;
    }
    store.resumeSearchIndexing();
    tx.commit();
    // A target's name and company show in the event's target lists.
    if (report.added + report.updated > 0) report.touched = Change::People | Change::Targets;
    return report;
}

PeopleExportText peopleExportText(Store& store, const std::string& format, const std::string& tag) {
    PeopleRepo people(store);
    PeopleQuery q;
    q.tag = tag;
    std::vector<Person> all;
    for (auto& b : people.list(q))
        if (auto p = people.find(b.id)) all.push_back(*p);
    return {format == "csv" ? peopleToCsv(all) : peopleToVCard(all), int(all.size())};
}

PeopleExport exportPeople(Store& store, const std::string& path, const std::string& format, const std::string& tag,
                          bool replace) {
    checkWritePath(path, store.path());  // refused before any work
    PeopleExport result;
    result.format = format;
    if (result.format.empty()) {
        std::string lowerPath = text::lower(path);
        bool csv = lowerPath.size() >= 4 && lowerPath.compare(lowerPath.size() - 4, 4, ".csv") == 0;
        result.format = csv ? "csv" : "vcard";
    }
    PeopleExportText t = peopleExportText(store, result.format, tag);
    writeUserFile(path, t.text, store.path(), replace);
    result.people = t.people;
    return result;
}

Changes savePersonDetails(Store& store, const Person& edited) {
    Store::Transaction tx(store);
    PeopleRepo(store).replaceDetails(edited);
    tx.commit();
    return Change::People | Change::Targets;
}

AddedPerson addPerson(Store& store, const Person& person) {
    if (text::trim(person.displayName).empty()) throw std::invalid_argument("a person needs a name");
    Store::Transaction tx(store);
    const RowId id = PeopleRepo(store).create(person);
    tx.commit();
    return {id, true, Change::People};
}

std::pair<RowId, bool> addContactRecord(Store& store, const ContactRecord& c, const std::string& source) {
    PeopleRepo people(store);
    Match m = MatchIndex(people).find(keysOf(c));
    if (m.kind == MatchKind::Ambiguous) {
        std::string names;
        for (auto& b : briefs(people, m.candidates)) names += (names.empty() ? "" : ", ") + b.displayName + " (#" + std::to_string(b.id) + ")";
        throw std::invalid_argument("this card matches several people: " + names + "; merge them first");
    }
    if (m.kind == MatchKind::One) {
        applyRecord(people, m.id, c);
        return {m.id, false};
    }
    return {people.create(toPerson(c, source)), true};
}

AddedPerson addPersonFromText(Store& store, std::string_view payload) {
    ContactRecord c = parseContactText(payload);
    Store::Transaction tx(store);
    auto [id, created] = addContactRecord(store, c, "badge");
    tx.commit();
    // An update may rename someone who is a target somewhere.
    return {id, created, Change::People | Change::Targets};
}

RowId resolvePerson(Store& store, const std::string& typed) {
    PeopleRepo people(store);
    std::string t = text::trim(typed);
    if (!t.empty() && std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        RowId id = std::stoll(t);
        if (people.find(id)) return id;
        throw std::invalid_argument("no person with id " + t);
    }
    auto exact = people.withNameKey(text::nameKey(t));
    if (exact.size() == 1) return exact[0].id;
    if (exact.size() > 1) throw UnresolvedPerson(t, false, UnresolvedPerson::Kind::SameName, std::move(exact));
    PeopleQuery q;
    q.search = t;
    q.limit = 11;
    auto found = people.list(q);
    if (found.size() == 1) return found[0].id;
    if (found.empty()) throw UnresolvedPerson(t, false, UnresolvedPerson::Kind::Nobody, {});
    throw UnresolvedPerson(t, false, UnresolvedPerson::Kind::Several, std::move(found));
}

Changes mergePeople(Store& store, RowId kept, RowId gone) {
    PeopleRepo people(store);
    if (kept == gone) throw std::invalid_argument("cannot merge a person into themselves");
    if (!people.find(kept)) throw std::invalid_argument("no person with id " + std::to_string(kept));
    if (!people.find(gone)) throw std::invalid_argument("no person with id " + std::to_string(gone));
    Store::Transaction tx(store);
    people.merge(kept, gone);
    tx.commit();
    // Their talks, notes, targets, interactions and follow-ups all move.
    return Change::Events | Change::People | Change::Notes | Change::Queue | Change::Targets;
}

NetworkMembership::NetworkMembership(Store& store, std::vector<RowId> people) {
    PeopleRepo repo(store);
    for (RowId id : people) m_before.emplace_back(id, repo.inNetwork(id));
}

bool NetworkMembership::changed(Store& store) const {
    PeopleRepo repo(store);
    for (const auto& [id, was] : m_before)
        if (repo.inNetwork(id) != was) return true;
    return false;
}

Changes saveTarget(Store& store, const Target& target) {
    const NetworkMembership network(store, {target.personId});
    Store::Transaction tx(store);
    PeopleRepo(store).upsertTarget(target);
    tx.commit();
    return network.changed(store) ? Change::Targets | Change::People : Changes(Change::Targets);
}

Changes removeTarget(Store& store, RowId eventId, RowId personId) {
    const NetworkMembership network(store, {personId});
    Store::Transaction tx(store);
    const bool removed = PeopleRepo(store).removeTarget(eventId, personId);
    tx.commit();
    if (!removed) return {};
    return network.changed(store) ? Change::Targets | Change::People : Changes(Change::Targets);
}

std::vector<FreeSlot> freeSlots(Store& store, RowId eventId, int minimumMinutes) {
    auto event = AgendaRepo(store).findEvent(eventId);
    if (!event) return {};
    const auto all = AgendaRepo(store).sessionSpans(eventId);
    // Programme hours per schedule day, and the starred sessions inside them.
    std::map<std::string, std::pair<Instant, Instant>> hours;
    std::map<std::string, std::vector<std::pair<Instant, Instant>>> busy;
    for (const auto& s : all) {
        std::string day = agendaDayString(s.startsAt, *event);  // a night session stays on its day
        auto [it, inserted] = hours.emplace(day, std::make_pair(s.startsAt, s.endsAt));
        if (!inserted) {
            it->second.first = std::min(it->second.first, s.startsAt);
            it->second.second = std::max(it->second.second, s.endsAt);
        }
        if (s.starred) busy[day].push_back({s.startsAt, s.endsAt});
    }
    std::vector<FreeSlot> out;
    const Instant minimum = Instant(minimumMinutes) * 60;
    for (auto& [day, span] : hours) {
        auto& taken = busy[day];
        std::sort(taken.begin(), taken.end());
        Instant cursor = span.first;
        for (auto& [start, end] : taken) {
            if (start - cursor >= minimum) out.push_back({cursor, start});
            cursor = std::max(cursor, end);
        }
        if (span.second - cursor >= minimum) out.push_back({cursor, span.second});
    }
    return out;
}

std::vector<WhereToFind> whereToFind(Store& store, RowId eventId, size_t maxTalks) {
    PeopleRepo people(store);
    auto slots = freeSlots(store, eventId);
    const auto met = peopleMetAt(store, eventId);
    auto talks = people.targetsTalks(eventId, maxTalks);
    std::vector<WhereToFind> out;
    for (const Target& t : people.targets(eventId)) {
        WhereToFind w;
        w.target = t;
        // Met by any account (a coffee logged, a note of talking with them), not only the toggle.
        if (met.count(t.personId)) w.target.status = TargetStatus::Met;
        if (auto p = people.find(t.personId)) w.person = {p->id, p->displayName, p->company, p->role};
        if (auto it = talks.find(t.personId); it != talks.end()) {
            w.talks = std::move(it->second.first);
            w.talkCount = it->second.total;
        }
        for (const PeopleRepo::Talk& s : w.talks) {
            std::optional<FreeSlot> after;
            for (auto& slot : slots)
                if (slot.startsAt <= s.endsAt && slot.endsAt > s.endsAt) after = FreeSlot{s.endsAt, slot.endsAt};
            w.after.push_back(after);
        }
        out.push_back(std::move(w));
    }
    return out;
}

}  // namespace hallway

#include "store/goals_repo.h"

namespace hallway {

std::set<RowId> peopleMetIds(Store& store, RowId eventId) {
    std::set<RowId> out;
    for (const auto& [id, how] : peopleMetAt(store, eventId)) out.insert(out.end(), id);
    return out;
}

bool countsAsMet(Store& store, RowId eventId, RowId personId) {
    return peopleMetAt(store, eventId, personId).count(personId) > 0;
}

std::vector<GoalProgress> goalProgress(Store& store, RowId eventId) {
    GoalsRepo goals(store);
    const auto list = goals.goals(eventId);
    // The met set only when a goal counts it: it reads every note of the event.
    const bool needsMet = std::any_of(list.begin(), list.end(), [](const EventGoal& g) { return g.kind == "people_met"; });
    return goalProgress(store, eventId, needsMet ? peopleMetIds(store, eventId) : std::set<RowId>());
}

std::vector<GoalProgress> goalProgress(Store& store, RowId eventId, const std::set<RowId>& met) {
    GoalsRepo goals(store);
    std::vector<GoalProgress> out;
    for (const EventGoal& g : goals.goals(eventId)) {
        GoalProgress p;
        p.goalId = g.id;
        p.kind = g.kind;
        p.target = g.target;
        std::string n = g.target ? std::to_string(*g.target) : "?";
        if (g.kind == "people_met") {
            p.done = int(met.size());
            p.label = "Meet " + n + " people";
        } else if (g.kind == "coffee_chats") {
            p.done = goals.interactionsOfKind(eventId, "coffee");
            p.label = "Have " + n + " coffee chats";
        } else if (g.kind == "follow_ups_sent") {
            p.done = goals.followUpsSent(eventId);
            p.label = "Send " + n + " follow-ups";
        } else {
            p.label = g.text;
        }
        if (!g.text.empty() && g.kind != "text") p.label += ": " + g.text;
        out.push_back(p);
    }
    return out;
}

Written<RowId> addGoal(Store& store, RowId eventId, const std::string& kind, std::optional<int> target,
                       const std::string& text) {
    bool numeric = kind == "people_met" || kind == "coffee_chats" || kind == "follow_ups_sent";
    if (!numeric && kind != "text")
        throw std::invalid_argument("unknown goal kind '" + kind + "' (people_met, coffee_chats, follow_ups_sent, text)");
    if (numeric && (!target || *target <= 0)) throw std::invalid_argument("a " + kind + " goal needs --target N (N > 0)");
    if (!numeric && text::trim(text).empty()) throw std::invalid_argument("a text goal needs --text");
    if (!AgendaRepo(store).findEvent(eventId)) throw std::invalid_argument("no event with id " + std::to_string(eventId));
    GoalsRepo goals(store);
    EventGoal g;
    g.eventId = eventId;
    g.kind = kind;
    if (numeric) g.target = target;
    g.text = text::trim(text);
    return {goals.add(g), Change::Targets};
}

Changes removeGoal(Store& store, RowId goalId) {
    return GoalsRepo(store).remove(goalId) ? Changes(Change::Targets) : Changes();
}

}  // namespace hallway
