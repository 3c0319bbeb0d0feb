// Search over people, sessions and notes at once (Ctrl+K), ranked here
// from the search indexes' newest candidates. SQL lives here.
#pragma once
#include <string>
#include <vector>

#include "core/model.h"

namespace hallway {

class Store;

struct SearchHit {
    std::string kind;  // person, session, note
    RowId id = 0;
    std::string title;    // name, session title, first line of the note
    std::string snippet;  // matched text with [brackets] around the hits
    double score = 0;     // lower is better: the negated relevance, like FTS5's bm25
    // Sessions only: when and where, and who speaks (in the event's zone).
    Instant startsAt = 0, endsAt = 0;
    std::string room{};
    std::string timeZone{};
    std::string speakers{};  // "Ana Lopes, Bo Nielsen"
};

// How many hits a kind has in all, the ones returned included. Counting
// stops at SearchTotal::kCap; `atLeast` then says there are more still.
struct SearchTotal {
    static constexpr int kCap = 1000;
    int count = 0;
    bool atLeast = false;
    // The candidates filled up and counting them all was left for later
    // (SearchCounting::Later): `count` is only what was found so far.
    bool uncounted = false;
};
struct SearchTotals {
    SearchTotal people, sessions, notes;
    const SearchTotal& of(const std::string& kind) const {
        return kind == "person" ? people : kind == "session" ? sessions : notes;
    }
};

class SearchRepo {
public:
    explicit SearchRepo(Store& store) : m_store(store) {}

    // Ranked hits over people (names, company, role, facts; substrings of
    // names too), sessions (and the talks of speakers whose name matches) and
    // notes. Words are prefix-matched and ANDed. `totals`, when given, gets
    // how many hits each kind has beyond the `limitPerKind` returned.
    // Counting a kind's hits beyond its candidates costs as much as finding
    // them; as you type the hits come first and the counts a frame later:
    // SearchCounting::Later marks those kinds `uncounted` for countSearch.
    enum class SearchCounting { Now, Later };
    std::vector<SearchHit> search(const std::string& query, int limitPerKind = 10, SearchTotals* totals = nullptr,
                                  SearchCounting counting = SearchCounting::Now);
    // Counts the kinds search left uncounted in `totals` for the same query.
    void countSearch(const std::string& query, SearchTotals& totals);

private:
    Store& m_store;
};

}  // namespace hallway
