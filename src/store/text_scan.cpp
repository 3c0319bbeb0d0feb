#include "store/text_scan.h"

#include <algorithm>

#include "store/query_util.h"
#include "store/sqlite.h"
#include "store/store.h"

namespace hallway {
namespace {

// Any character but tab, newline, carriage return and space..tilde.
const char* const kNonAscii = "*[^\t\n\r -~]*";

}  // namespace

void forEachNonAsciiName(Store& store, const std::function<void(std::string_view)>& visit) {
    static const char* const kQueries[] = {
        "SELECT display_name || ' ' || company FROM people WHERE display_name || company GLOB ?",
        "SELECT title FROM sessions WHERE title GLOB ?",
    };
    for (const char* sql : kQueries) {
        auto& q = store.statement(sql);
        sql::ResetOnExit r{q};
        q.bind(1, kNonAscii);
        while (q.step()) visit(q.getText(0));
    }
}

RowId forEachNonAsciiNote(Store& store, RowId afterId, const std::function<void(std::string_view)>& visit) {
    {
        auto& q = store.statement("SELECT body FROM notes WHERE id > ? AND body GLOB ?");
        sql::ResetOnExit r{q};
        q.bind(1, afterId).bind(2, kNonAscii);
        while (q.step()) visit(q.getText(0));
    }
    auto& q = store.statement("SELECT coalesce(max(id), 0) FROM notes");
    sql::ResetOnExit r{q};
    q.step();
    return std::max(afterId, RowId(q.getInt(0)));
}

}  // namespace hallway
