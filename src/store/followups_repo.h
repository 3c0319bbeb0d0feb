// The follow-up queue, message templates and settings. SQL lives here; the
// rules live in core/followup.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/followup.h"
#include "core/model.h"

namespace hallway {

class Store;

struct FollowUpQuery {
    std::optional<RowId> eventId;
    std::vector<std::string> statuses;  // empty: all
    std::optional<RowId> personId;
};

class FollowUpsRepo {
public:
    explicit FollowUpsRepo(Store& store) : m_store(store) {}

    // Everything a generation run for the event reads, in a handful of queries.
    QueueInputs loadInputs(RowId eventId);

    // Only what "met" is decided from (peopleMetAt): the event, its targets,
    // its interactions and its notes' people talked with; `person` limits
    // the rows to one person.
    QueueInputs loadMetInputs(RowId eventId, std::optional<RowId> person = std::nullopt);
    // What a draft of `item` may say (see DraftFacts), in a few small queries.
    DraftFacts draftFacts(const FollowUp& item);
    // draftFacts in two halves, so many items of one person share the first:
    // what is about the person at the event, then what is the item's own.
    DraftFacts personDraftFacts(RowId personId, std::optional<RowId> eventId);
    void addItemDraftFacts(const FollowUp& item, DraftFacts& facts);

    // Inserts unless the dedupe key exists; returns the new id, 0 when it existed.
    RowId insertIfAbsent(const FollowUp& item);
    // Inserts many rows per statement; each item's id is set, 0 when its
    // dedupe key existed already. The caller holds the transaction.
    void insertNew(std::vector<FollowUp>& items);
    std::optional<FollowUp> find(RowId id);
    // Ordered by due date, priority (highest first), id; personName filled.
    std::vector<FollowUp> list(const FollowUpQuery& query);
    // The event's queue (open, drafted, snoozed) in sortQueue's order, one item
    // at a time and only what a list line shows: id, person id and name, kind,
    // due date, priority, status, snoozed until and reason. The draft, rule,
    // dedupe key and the rest stay empty (find() has them). `limit`: only the
    // first so many (negative: all).
    void forEachQueued(RowId eventId, const std::function<void(FollowUp&)>& visit, int limit = -1);
    // How many of the event's queued items fall due on each effective due date
    // (snoozed until, else due), in date order: the queue's group counts
    // without reading its rows.
    std::vector<std::pair<std::string, int>> queuedCountsByDue(RowId eventId);

    // Status changes stamp status_on with `on` (YYYY-MM-DD).
    bool setStatus(RowId id, const std::string& status, const std::string& on, const std::string& reason = "");
    bool snooze(RowId id, const std::string& until, const std::string& on);
    bool setDraft(RowId id, const std::string& draft, std::optional<RowId> templateId, bool edited);

    // Templates.
    std::vector<MessageTemplate> templates();
    std::optional<MessageTemplate> findTemplate(const std::string& name);
    // Inserts or replaces by name; `builtin` false marks the user's version.
    void upsertTemplate(const MessageTemplate& tpl);
    // Adds the template only when its name is not taken; true when added.
    bool insertTemplateIfAbsent(const MessageTemplate& tpl);
    // Adds the template, or updates it when the stored one is still builtin
    // (never the user's edited version). Writes nothing when unchanged.
    void refreshBuiltinTemplate(const MessageTemplate& tpl);

    // Settings (small key/value strings).
    std::optional<std::string> setting(const std::string& key);
    void setSetting(const std::string& key, const std::string& value);

    // Every person with at least one interaction, with warmth, name, cadence.
    std::vector<QueuePerson> peopleWithInteractions();

private:
    Store& m_store;
};

}  // namespace hallway
