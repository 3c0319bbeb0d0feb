#include "store/goals_repo.h"

#include "store/query_util.h"
#include "store/sqlite.h"
#include "store/store.h"

namespace hallway {
namespace {
int single(sql::Statement& q) {
    sql::ResetOnExit r{q};
    q.step();
    return int(q.getInt(0));
}
}  // namespace

RowId GoalsRepo::add(const EventGoal& g) {
    auto& q = m_store.statement("INSERT INTO event_goals (event_id, kind, target, text) VALUES (?,?,?,?)");
    q.bind(1, g.eventId).bind(2, g.kind).bind(3, g.target).bind(4, g.text);
    q.run();
    return m_store.connection().lastInsertId();
}

bool GoalsRepo::remove(RowId goalId) {
    auto& q = m_store.statement("DELETE FROM event_goals WHERE id=?");
    q.bind(1, goalId);
    q.run();
    return m_store.connection().changes() > 0;
}

std::vector<EventGoal> GoalsRepo::goals(RowId eventId) {
    auto& q = m_store.statement("SELECT id, event_id, kind, target, text FROM event_goals WHERE event_id=? ORDER BY id");
    sql::ResetOnExit r{q};
    q.bind(1, eventId);
    std::vector<EventGoal> out;
    while (q.step()) {
        EventGoal g;
        g.id = q.getInt(0);
        g.eventId = q.getInt(1);
        g.kind = q.getText(2);
        if (!q.isNull(3)) g.target = int(q.getInt(3));
        g.text = q.getText(4);
        out.push_back(g);
    }
    return out;
}

int GoalsRepo::interactionsOfKind(RowId eventId, const std::string& kind) {
    auto& q = m_store.statement("SELECT count(*) FROM interactions WHERE event_id=? AND kind=?");
    q.bind(1, eventId).bind(2, kind);
    return single(q);
}

int GoalsRepo::followUpsSent(RowId eventId) {
    auto& q = m_store.statement(
        "SELECT count(*) FROM follow_ups WHERE event_id=? AND status IN ('sent', 'replied', 'done')");
    q.bind(1, eventId);
    return single(q);
}

}  // namespace hallway
