// The top bar's global search: hits over people, sessions and notes from
// SearchRepo::search, grouped by kind, with a keyboard selection. Queries the
// store only when the typed text (or the data revision) changed, never per
// frame. No ImGui in here.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "store/search_repo.h"

namespace hallway {
class Store;
}

namespace hallway::ui {

struct SearchGroup {
    const char* kind = "";   // "person", "session", "note"
    const char* label = "";  // "People", "Sessions", "Notes"
    int first = 0;      // index of its first hit in hits()
    int count = 0;
    int more = 0;       // hits of this kind beyond the ones shown
    std::string moreText;  // "and 14 more sessions" ("at least" when counting stopped); empty when none
};

class GlobalSearchModel {
public:
    static constexpr int kLimitPerKind = 6;

    // Searches when `query` or `revision` moved since the last run. True when it ran.
    // A blank query clears the hits without a search.
    bool sync(Store& store, const std::string& query, std::uint64_t revision);

    const std::string& query() const { return m_query; }
    // People first, then sessions, then notes, each in rank order.
    const std::vector<SearchHit>& hits() const { return m_hits; }
    // Only the kinds that have hits, in the order of hits().
    const std::vector<SearchGroup>& groups() const { return m_groups; }
    // A session hit's second line, "Sat 1 Feb 09:00–09:30 · Hall A · Ana Lima"
    // (its event's zone); empty for other kinds. Made once per search.
    const std::string& detail(int index) const { return m_details[size_t(index)]; }
    int searchCount() const { return m_searches; }
    const std::string& error() const { return m_error; }

    // -1 = nothing selected. Down from nothing picks the first hit; Up from the
    // first hit goes back to nothing; the ends do not wrap.
    int selected() const { return m_selected; }
    // The "and N more" counts are still to come (they follow a frame after the hits).
    bool countsPending() const { return m_countsDue; }
    void moveSelection(int delta);
    void select(int index);
    void clearSelection() { m_selected = -1; }
    const SearchHit* selectedHit() const;

private:
    void wordTotals();

    bool m_built = false;
    SearchTotals m_totals;
    bool m_countsDue = false;
    std::string m_query;
    std::uint64_t m_revision = 0;
    std::vector<SearchHit> m_hits;
    std::vector<SearchGroup> m_groups;
    std::vector<std::string> m_details;
    int m_selected = -1;
    int m_searches = 0;
    std::string m_error;
};

// "met [Ana] at [Fosdem]" -> "met ", "Ana"*, " at ", "Fosdem"* (* = matched).
struct SnippetSpan {
    std::string text;
    bool match = false;
};
std::vector<SnippetSpan> snippetSpans(const std::string& snippet);

}  // namespace hallway::ui
