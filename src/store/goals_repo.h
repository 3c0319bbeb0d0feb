// Event goals and the counts their progress is computed from.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/model.h"

namespace hallway {

class Store;

// kind: "people_met", "coffee_chats", "follow_ups_sent" (numeric, with a
// target) or "text" (free text, no number).
struct EventGoal {
    RowId id = 0;
    RowId eventId = 0;
    std::string kind;
    std::optional<int> target;
    std::string text;
};

class GoalsRepo {
public:
    explicit GoalsRepo(Store& store) : m_store(store) {}
    RowId add(const EventGoal& goal);
    bool remove(RowId goalId);
    std::vector<EventGoal> goals(RowId eventId);

    int interactionsOfKind(RowId eventId, const std::string& kind);
    // Follow-ups of the event that went out: sent, replied or done.
    int followUpsSent(RowId eventId);

private:
    Store& m_store;
};

}  // namespace hallway
