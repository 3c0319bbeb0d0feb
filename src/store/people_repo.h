// People, their contact details, tags, facts and targets. SQL lives here.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/model.h"

namespace hallway {

class Store;

// One line of a people list: enough to show and to match, no details.
struct PersonBrief {
    RowId id = 0;
    std::string displayName;
    std::string company;
    std::string role;
};

struct PeopleQuery {
    std::string search;  // full-text over names, company, role (prefix words)
    std::string tag;
    int limit = 0;       // 0: all
    PeopleScope scope = PeopleScope::All;
};

// How many people are in the user's network and how many only on agendas.
struct ScopeCounts {
    int network = 0;
    int agendaOnly = 0;
};

// Counts per group for the network map.
struct NetworkGroup {
    std::string group;
    int people = 0;
    int genuineInteractions = 0;  // every logged interaction: the user logs real touches only
    int relationships = 0;        // people with 2 or more genuine interactions
};

class PeopleRepo {
public:
    explicit PeopleRepo(Store& store) : m_store(store) {}

    // Inserts the person with all details; returns the id.
    RowId create(const Person& person);
    // Writes the scalar fields (names, company, role, how met, cadence, source).
    void updateFields(const Person& person);
    // A new display name (and its sort key) only, as an agenda renames its speaker.
    void rename(RowId personId, const std::string& displayName);
    // Loads one person with contacts, tags and facts.
    std::optional<Person> find(RowId id);
    // In name order by a Unicode collation (collationKey), except a picker's
    // few best (a search with a limit), which keep name matches first.
    std::vector<PersonBrief> list(const PeopleQuery& query = {});
    // Name, company and role alone: one row, where find() reads five tables.
    std::optional<PersonBrief> brief(RowId id);
    int count();
    ScopeCounts scopeCounts();
    // Whether the person is in your network (PeopleScope::Network); false for nobody.
    bool inNetwork(RowId id);

    // Adds a detail unless the person has it; true when added.
    bool addEmail(RowId person, const ContactDetail& email);
    bool addPhone(RowId person, const ContactDetail& phone);
    bool addUrl(RowId person, const ContactDetail& url);
    bool addTag(RowId person, const std::string& tag);
    RowId addFact(RowId person, const PersonFact& fact);

    // Makes the stored person exactly `person`: its fields, and its emails,
    // phones, URLs, tags and facts (removing the ones not listed, relabelling
    // kept contacts). Facts with an id are kept; id 0 adds one. The caller
    // holds the transaction.
    void replaceDetails(const Person& person);

    // People with this name key (text::nameKey). With `profileKey` (a LinkedIn profile in profileUrlKey form): leaves out
    // people who have a different LinkedIn profile, who are someone else.
    std::vector<PersonBrief> withNameKey(const std::string& nameKey, const std::string& profileKey = "");

    // Every (person, kind, match key) of emails and URLs, and every person's
    // name key with company: what a bulk import matches against, read once.
    struct MatchKey {
        RowId person;
        std::string kind;
        std::string key;
    };
    std::vector<MatchKey> allMatchKeys();
    struct NameRow {
        RowId id;
        std::string nameKey;
        PersonBrief brief;
    };
    std::vector<NameRow> allNames();

    // Moves everything of `gone` onto `kept` (contacts, tags, facts, session
    // links and agenda speaker ids, targets, notes, interactions, follow-ups), fills `kept`'s empty
    // fields from `gone`, then deletes `gone`. One transaction is the caller's.
    void merge(RowId kept, RowId gone);

    // --- targets
    // Inserts or, when the person is already a target of the event, updates.
    RowId upsertTarget(const Target& target);
    std::optional<Target> findTarget(RowId eventId, RowId personId);
    std::vector<Target> targets(RowId eventId);
    bool setTargetStatus(RowId eventId, RowId personId, TargetStatus status);
    // False when they were not a target there. Notes and interactions stay.
    bool removeTarget(RowId eventId, RowId personId);

    // Every talk the person gives, at every event, in time order: one query,
    // not one per event.
    struct Talk {
        RowId sessionId = 0, eventId = 0;
        Instant startsAt = 0;
        std::string title, room;
        Instant endsAt = 0;
    };
    std::vector<Talk> talksOf(RowId personId);
    // The first `firstN` talks at `eventId` of every target of that event, in
    // time order, and how many each gives there: one query (a query per target
    // and a session load per talk took 1.3 s for a target of 20,000 talks).
    struct TargetTalks {
        std::vector<Talk> first;
        size_t total = 0;
    };
    std::map<RowId, TargetTalks> targetsTalks(RowId eventId, size_t firstN);

    // --- network
    // `by` is "company", "tag" or "role". People without a value group under "".
    // Groups of the user's network only (PeopleScope::Network).
    std::vector<NetworkGroup> network(const std::string& by);
    // Every tag in use, sorted: for filters, without network()'s counting.
    std::vector<std::string> tags();

private:
    bool addContact(RowId person, const char* kind, const ContactDetail& detail);
    Store& m_store;
};

}  // namespace hallway
