// The user's own schedule: which sessions they starred.
#pragma once
#include <vector>

#include "core/changes.h"
#include "core/model.h"

namespace hallway {

class Store;

// Stars or unstars session `sessionId`. Announces Stars when the session
// exists (also when it already was so: the caller's copy was out of date);
// nothing when there is no such session.
Changes starSession(Store& store, RowId sessionId, bool starred);

struct StarredSession {
    Session session;  // as it is now
    bool changed;     // false when it already was starred (or unstarred) as asked
};

// Stars or unstars every session of `sessionIds` in one transaction, all or
// none: throws UnknownSession (service_errors.h) for the first id that is no
// session, before writing anything. A session already so is not written;
// touched is empty when none changed.
Written<std::vector<StarredSession>> starSessions(Store& store, const std::vector<RowId>& sessionIds, bool starred);

}  // namespace hallway
