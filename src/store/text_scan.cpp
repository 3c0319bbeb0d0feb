#include "store/text_scan.h"

#include "store/query_util.h"
#include "store/sqlite.h"
#include "store/store.h"

namespace hallway {

void forEachNonAsciiText(Store& store, const std::function<void(std::string_view)>& visit) {
    // Any character but tab, newline, carriage return and space..tilde.
    static const char* kNonAscii = "*[^\t\n\r -~]*";
    static const char* kQueries[] = {
        "SELECT display_name || ' ' || company FROM people WHERE display_name || company GLOB ?",
        "SELECT title FROM sessions WHERE title GLOB ?",
        "SELECT body FROM notes WHERE body GLOB ?",
    };
    for (const char* sql : kQueries) {
        auto& q = store.statement(sql);
        sql::ResetOnExit r{q};
        q.bind(1, kNonAscii);
        while (q.step()) visit(q.getText(0));
    }
}

}  // namespace hallway
