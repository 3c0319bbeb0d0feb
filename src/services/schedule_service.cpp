#include "services/schedule_service.h"

#include "services/service_errors.h"
#include "store/agenda_repo.h"
#include "store/store.h"

namespace hallway {

Changes starSession(Store& store, RowId sessionId, bool starred) {
    if (!AgendaRepo(store).findSession(sessionId)) return {};
    starSessions(store, {sessionId}, starred);
    return Change::Stars;
}

Written<std::vector<StarredSession>> starSessions(Store& store, const std::vector<RowId>& sessionIds, bool starred) {
    AgendaRepo agenda(store);
    Written<std::vector<StarredSession>> out;
    for (RowId id : sessionIds) {
        auto session = agenda.findSession(id);
        if (!session) throw UnknownSession(id);
        out.value.push_back({*session, session->starred != starred});
    }
    Store::Transaction tx(store);
    for (auto& s : out.value) {
        if (!s.changed) continue;
        agenda.setStarred(s.session.id, starred);
        s.session.starred = starred;
        out.touched = Change::Stars;
    }
    tx.commit();
    return out;
}

}  // namespace hallway
