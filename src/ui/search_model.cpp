#include "ui/search_model.h"

#include <algorithm>
#include <exception>

#include "store/search_repo.h"
#include "ui/ui_format.h"

namespace hallway::ui {
namespace {

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

struct KindWords {
    const char* kind;
    const char* label;
    const char* one;
    const char* many;
};
const KindWords kKinds[] = {{"person", "People", "person", "people"},
                            {"session", "Sessions", "session", "sessions"},
                            {"note", "Notes", "note", "notes"}};

}  // namespace

bool GlobalSearchModel::sync(Store& store, const std::string& query, std::uint64_t revision) {
    if (m_built && query == m_query && revision == m_revision) {
        // The frame after the hits: the counts for "and N more", unless a key
        // came first (then the new text's search replaces them).
        if (m_countsDue) {
            m_countsDue = false;
            try {
                SearchRepo(store).countSearch(query, m_totals);
            } catch (const std::exception& e) {
                m_error = e.what();
            }
            wordTotals();
        }
        return false;
    }
    const bool textChanged = !m_built || query != m_query;
    m_built = true;
    m_query = query;
    m_revision = revision;
    m_error.clear();
    // Keep the selected hit across a data change, not across new text.
    const SearchHit* before = textChanged ? nullptr : selectedHit();
    const std::string beforeKind = before ? before->kind : std::string();
    const RowId beforeId = before ? before->id : 0;
    m_hits.clear();
    m_groups.clear();
    m_selected = -1;
    m_totals = {};
    m_countsDue = false;
    if (blank(query)) return false;

    std::vector<SearchHit> found;
    ++m_searches;
    try {
        found = SearchRepo(store).search(query, kLimitPerKind, &m_totals, SearchRepo::SearchCounting::Later);
    } catch (const std::exception& e) {
        m_error = e.what();
    }
    m_countsDue = m_totals.people.uncounted || m_totals.sessions.uncounted || m_totals.notes.uncounted;
    m_details.clear();
    for (const KindWords& k : kKinds) {
        SearchGroup group;
        group.kind = k.kind;
        group.label = k.label;
        group.first = int(m_hits.size());
        for (const auto& hit : found) {
            if (hit.kind != k.kind) continue;
            m_hits.push_back(hit);
            // A snippet that only repeats the title would take half the row from it.
            std::string plain;
            for (const SnippetSpan& span : snippetSpans(hit.snippet)) plain += span.text;
            if (plain == hit.title) m_hits.back().snippet.clear();
            std::string detail;
            if (hit.kind == "session") {
                detail = dayTimeLabel(hit.startsAt, hit.endsAt, hit.timeZone);
                if (!hit.room.empty()) detail += " \u00b7 " + hit.room;
                if (!hit.speakers.empty()) detail += " \u00b7 " + hit.speakers;
            }
            m_details.push_back(std::move(detail));
        }
        group.count = int(m_hits.size()) - group.first;
        if (group.count > 0) m_groups.push_back(group);
    }
    wordTotals();
    if (before)
        for (size_t i = 0; i < m_hits.size(); ++i)
            if (m_hits[i].kind == beforeKind && m_hits[i].id == beforeId) m_selected = int(i);
    return true;
}

void GlobalSearchModel::wordTotals() {
    for (SearchGroup& group : m_groups)
        for (const KindWords& k : kKinds) {
            if (std::string(k.kind) != group.kind) continue;
            const SearchTotal& total = m_totals.of(k.kind);
            group.more = total.uncounted ? 0 : std::max(0, total.count - group.count);
            group.moreText.clear();
            if (group.more > 0)
                group.moreText = std::string("and ") + (total.atLeast ? "at least " : "") +
                                 std::to_string(group.more) + " more " +
                                 (group.more == 1 && !total.atLeast ? k.one : k.many);
        }
}

void GlobalSearchModel::moveSelection(int delta) {
    if (m_hits.empty()) {
        m_selected = -1;
        return;
    }
    m_selected = std::clamp(m_selected + delta, -1, int(m_hits.size()) - 1);
}

void GlobalSearchModel::select(int index) {
    m_selected = (index >= 0 && index < int(m_hits.size())) ? index : -1;
}

const SearchHit* GlobalSearchModel::selectedHit() const {
    if (m_selected < 0 || m_selected >= int(m_hits.size())) return nullptr;
    return &m_hits[size_t(m_selected)];
}

std::vector<SnippetSpan> snippetSpans(const std::string& snippet) {
    std::vector<SnippetSpan> spans;
    auto add = [&](std::string text, bool match) {
        if (text.empty()) return;
        if (!spans.empty() && spans.back().match == match)
            spans.back().text += text;
        else
            spans.push_back({std::move(text), match});
    };
    size_t pos = 0;
    while (pos < snippet.size()) {
        const size_t open = snippet.find('[', pos);
        const size_t close = open == std::string::npos ? std::string::npos : snippet.find(']', open + 1);
        if (close == std::string::npos) {  // no complete bracket pair left: plain text
            add(snippet.substr(pos), false);
            break;
        }
        add(snippet.substr(pos, open - pos), false);
        add(snippet.substr(open + 1, close - open - 1), true);
        pos = close + 1;
    }
    // Snippets come from several lines of a note: show them as one.
    for (auto& s : spans)
        std::replace_if(s.text.begin(), s.text.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
    return spans;
}

}  // namespace hallway::ui
