// The user's own schedule: which sessions they starred.
#pragma once
#include "core/changes.h"
#include "core/model.h"

namespace hallway {

class Store;

// Stars or unstars session `sessionId`. Announces Stars; nothing when there is
// no such session.
Changes starSession(Store& store, RowId sessionId, bool starred);

}  // namespace hallway
