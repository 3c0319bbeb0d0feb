#include "services/schedule_service.h"

#include "store/agenda_repo.h"
#include "store/store.h"

namespace hallway {

Changes starSession(Store& store, RowId sessionId, bool starred) {
    return AgendaRepo(store).setStarred(sessionId, starred) ? Changes(Change::Stars) : Changes();
}

}  // namespace hallway
