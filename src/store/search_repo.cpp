#include "store/search_repo.h"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <unordered_map>

#include "core/text.h"
#include "store/query_util.h"
#include "store/sqlite.h"
#include "store/store.h"

namespace hallway {
namespace {

// The whole query as one trigram phrase, for substring matches in names.
std::string trigramQuery(const std::string& input) {
    std::string t = text::collapseSpaces(input);
    if (t.size() < 3) return {};
    std::string out = "\"";
    for (char c : t) {
        if (c == '"') out += "\"\"";
        else out += c;
    }
    return out + "\"";
}

std::string firstLine(const std::string& body) {
    std::string line = body.substr(0, body.find('\n'));
    if (line.size() > 120) {
        size_t cut = 117;
        while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
        line = line.substr(0, cut) + "…";
    }
    return line;
}

// Ranking every match of a one-letter prefix over 500,000 notes costs far
// more than a frame: take the newest kCandidates matches (FTS5 walks its
// index in rowid order and stops at the LIMIT) and rank those here. FTS5's
// bm25() is not used: it counts every document matching each term to weigh
// it, a full doclist scan per query (9 ms for "a" over 500,000 notes).
constexpr int kCandidates = 60;

bool isWordByte(char c) {
    unsigned char u = static_cast<unsigned char>(c);
    return u >= 0x80 || std::isalnum(u);
}

// Calls fn(begin, end) for each word of text, as FTS5's unicode61 splits
// them for ASCII; bytes of other scripts stay inside words. Stops after
// maxTokens so a huge note costs a bounded time.
template <typename Fn>
void forEachToken(std::string_view text, Fn&& fn, size_t maxTokens = 4000) {
    size_t i = 0, count = 0;
    while (i < text.size() && count < maxTokens) {
        if (!isWordByte(text[i])) {
            ++i;
            continue;
        }
        size_t b = i;
        while (i < text.size() && isWordByte(text[i])) ++i;
        fn(b, i);
        ++count;
    }
}

// The query's words, folded, and which ASCII bytes they start with: a token
// whose first byte is another ASCII character cannot start with any of them,
// so it is skipped without folding (most of a 2 KB abstract's 300 tokens).
struct QueryWords {
    std::vector<std::string> words;
    bool startsWith[128] = {};
    bool empty() const { return words.empty(); }
    bool mayMatch(std::string_view token) const {
        const unsigned char c = static_cast<unsigned char>(token[0]);
        return c >= 0x80 || startsWith[std::tolower(c)];
    }
};

QueryWords queryWords(const std::string& query) {
    QueryWords q;
    forEachToken(query, [&](size_t b, size_t e) { q.words.push_back(text::searchFold(std::string_view(query).substr(b, e - b))); });
    for (const std::string& w : q.words)
        if (static_cast<unsigned char>(w[0]) < 0x80) q.startsWith[static_cast<unsigned char>(w[0])] = true;
    return q;
}

// How well one field answers the query: a whole-word hit counts 1, a prefix
// hit (the word being typed) 0.6, saturating and length-normalised the way
// BM25 does, so three mentions beat one and a short title beats a long note.
double fieldRelevance(std::string_view text, const QueryWords& query, double weight, double typicalTokens) {
    const std::vector<std::string>& words = query.words;
    if (text.empty() || words.empty()) return 0;
    std::vector<double> tf(words.size(), 0.0);
    double tokens = 0;
    forEachToken(text, [&](size_t b, size_t e) {
        ++tokens;
        if (!query.mayMatch(text.substr(b, e - b))) return;
        std::string token = text::searchFold(text.substr(b, e - b));
        for (size_t w = 0; w < words.size(); ++w) {
            if (token == words[w]) tf[w] += 1.0;
            else if (token.compare(0, words[w].size(), words[w]) == 0) tf[w] += 0.6;
        }
    });
    const double k1 = 1.2, b = 0.75;
    double norm = k1 * (1 - b + b * tokens / typicalTokens);
    double sum = 0;
    for (double f : tf) sum += f * (k1 + 1) / (f + norm);
    return weight * sum;
}

// "[word]" around tokens that start with a query word, in a window of about
// a dozen tokens around the first hit. Done here rather than with FTS5's
// snippet(), which would run the whole match again for every hit shown.
std::string makeSnippet(const std::string& text, const QueryWords& query) {
    const std::vector<std::string>& words = query.words;
    struct Token {
        size_t begin, end;
        bool hit;
    };
    std::vector<Token> tokens;
    forEachToken(text, [&](size_t b, size_t e) {
        bool hit = false;
        if (query.mayMatch(std::string_view(text).substr(b, e - b))) {
            std::string lowered = text::searchFold(std::string_view(text).substr(b, e - b));
            hit = std::any_of(words.begin(), words.end(), [&](const std::string& w) { return lowered.rfind(w, 0) == 0; });
        }
        tokens.push_back({b, e, hit});
    });
    if (tokens.empty()) return {};
    size_t first = 0;
    while (first < tokens.size() && !tokens[first].hit) ++first;
    if (first == tokens.size()) first = 0;
    size_t from = first >= 4 ? first - 4 : 0;
    size_t to = std::min(tokens.size(), from + 12);
    std::string out = from > 0 ? "…" : "";
    size_t cursor = tokens[from].begin;
    for (size_t t = from; t < to; ++t) {
        out += text.substr(cursor, tokens[t].begin - cursor);
        std::string word = text.substr(tokens[t].begin, tokens[t].end - tokens[t].begin);
        out += tokens[t].hit ? "[" + word + "]" : word;
        cursor = tokens[t].end;
    }
    if (to < tokens.size()) out += "…";
    for (char& c : out)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    return out;
}

// The FTS5 query for people whose name matches `match`: the speakers whose
// talks a search finds by name.
std::string speakerNameQuery(const std::string& match) { return "display_name : (" + match + ")"; }

// The newest matches' rowids (or whatever the statement's first column is),
// appended in the order found: newest first, duplicates dropped.
void newestMatches(sql::Statement& q, const std::string& match, std::vector<RowId>& out) {
    sql::ResetOnExit r{q};
    q.bind(1, match).bind(2, kCandidates);
    while (q.step()) {
        RowId id = q.getInt(0);
        if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
    }
}

// How many rows `q` (a count over a sub-select LIMITed by ?2) finds, up to
// SearchTotal::kCap. Run only when the candidates filled up, so a search
// with a few hits costs no second pass.
SearchTotal countUpTo(sql::Statement& q, const std::string& match, int known) {
    sql::ResetOnExit r{q};
    q.bind(1, match).bind(2, SearchTotal::kCap + 1);
    int n = q.step() ? int(q.getInt(0)) : 0;
    SearchTotal t;
    t.count = std::max(known, std::min(n, SearchTotal::kCap));
    t.atLeast = n > SearchTotal::kCap;
    return t;
}

// Best first; among equals the newer (found earlier) first. Score is the
// negated relevance so "lower is better", as SearchHit documents.
void keepBest(std::vector<SearchHit>& hits, int limit) {
    std::stable_sort(hits.begin(), hits.end(), [](const SearchHit& a, const SearchHit& b) { return a.score < b.score; });
    if (int(hits.size()) > limit) hits.resize(size_t(limit));
}

}  // namespace

std::vector<SearchHit> SearchRepo::search(const std::string& query, int limitPerKind, SearchTotals* totals,
                                         SearchCounting counting) {
    std::vector<SearchHit> out;
    SearchTotals counted;
    std::string match = sql::ftsTypedQuery(query);
    if (match.empty()) return out;
    auto words = queryWords(query);

    // People: names/company/role, facts (weaker), and substrings of names
    // (trigram; relevance 0 when no word starts there, so after word hits).
    std::vector<RowId> people;
    newestMatches(m_store.statement("SELECT rowid FROM people_fts WHERE people_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?2"),
                  match, people);
    std::vector<RowId> byFact;
    newestMatches(m_store.statement("SELECT f.person_id FROM facts_fts JOIN person_facts f ON f.id = facts_fts.rowid "
                                    "WHERE facts_fts MATCH ?1 ORDER BY facts_fts.rowid DESC LIMIT ?2"),
                  match, byFact);
    const bool peopleFull = int(people.size()) >= kCandidates || int(byFact.size()) >= kCandidates;
    for (RowId id : byFact)
        if (std::find(people.begin(), people.end(), id) == people.end()) people.push_back(id);
    if (std::string tri = trigramQuery(query); !tri.empty())
        newestMatches(m_store.statement("SELECT rowid FROM people_trigram WHERE people_trigram MATCH ?1 "
                                        "ORDER BY rowid DESC LIMIT ?2"),
                      tri, people);
    std::vector<SearchHit> personHits;
    for (RowId id : people) {
        auto& q = m_store.statement(
            "SELECT display_name, company, role, (SELECT group_concat(text, ' ') FROM person_facts WHERE person_id=?1) "
            "FROM people WHERE id=?1");
        sql::ResetOnExit r{q};
        q.bind(1, id);
        if (!q.step()) continue;
        std::string name = q.getText(0), company = q.getText(1), role = q.getText(2);
        double relevance = fieldRelevance(name, words, 3.0, 3) + fieldRelevance(company, words, 1.0, 3) +
                           fieldRelevance(role, words, 1.0, 3) + fieldRelevance(q.getText(3), words, 0.5, 12);
        std::string detail = role.empty() ? company : role + (company.empty() ? "" : ", " + company);
        personHits.push_back({"person", id, name, detail, -relevance});
    }
    counted.people.count = int(personHits.size());
    counted.people.uncounted = peopleFull;
    keepBest(personHits, limitPerKind);
    out.insert(out.end(), personHits.begin(), personHits.end());

    // Sessions: their own text, and the talks of speakers whose name matches
    // ("weber" finds Jonas Weber's talks), ranked with the speakers' names.
    std::vector<RowId> sessions;
    newestMatches(m_store.statement("SELECT rowid FROM sessions_fts WHERE sessions_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?2"),
                  match, sessions);
    bool sessionsFull = int(sessions.size()) >= kCandidates;
    const std::string byName = speakerNameQuery(match);
    {
        std::vector<RowId> bySpeaker;
        newestMatches(m_store.statement("SELECT ss.session_id FROM people_fts "
                                        "JOIN session_speakers ss ON ss.person_id = people_fts.rowid "
                                        "WHERE people_fts MATCH ?1 ORDER BY people_fts.rowid DESC LIMIT ?2"),
                      byName, bySpeaker);
        sessionsFull = sessionsFull || int(bySpeaker.size()) >= kCandidates;
        for (RowId id : bySpeaker)
            if (std::find(sessions.begin(), sessions.end(), id) == sessions.end()) sessions.push_back(id);
    }
    std::vector<SearchHit> sessionHits;
    std::unordered_map<RowId, std::string> abstracts;  // for the snippets of the hits kept
    for (RowId id : sessions) {
        auto& q = m_store.statement(
            "SELECT s.title, s.abstract, s.description, s.room, s.track, s.starts_at, s.ends_at, e.time_zone, "
            "(SELECT group_concat(name, ', ') FROM (SELECT p.display_name AS name FROM session_speakers ss "
            "JOIN people p ON p.id = ss.person_id WHERE ss.session_id = s.id ORDER BY ss.position)) "
            "FROM sessions s JOIN events e ON e.id = s.event_id WHERE s.id=? AND s.removed_at IS NULL");
        sql::ResetOnExit r{q};
        q.bind(1, id);
        if (!q.step()) continue;
        std::string title = q.getText(0), abstract = q.getText(1), speakers = q.getText(8);
        double relevance = fieldRelevance(title, words, 10.0, 8) + fieldRelevance(abstract, words, 2.0, 60) +
                           fieldRelevance(q.getText(2), words, 1.0, 150) + fieldRelevance(q.getText(3), words, 1.0, 2) +
                           fieldRelevance(q.getText(4), words, 1.0, 2) + fieldRelevance(speakers, words, 6.0, 3);
        SearchHit hit{"session", id, title, {}, -relevance};
        hit.room = q.getText(3);
        hit.startsAt = q.getInt(5);
        hit.endsAt = q.getInt(6);
        hit.timeZone = q.getText(7);
        hit.speakers = std::move(speakers);
        sessionHits.push_back(std::move(hit));
        abstracts.emplace(id, std::move(abstract));
    }
    counted.sessions.count = int(sessionHits.size());
    counted.sessions.uncounted = sessionsFull;
    // Snippets only for the hits shown, not every candidate ranked.
    keepBest(sessionHits, limitPerKind);
    for (SearchHit& hit : sessionHits) {
        hit.snippet = makeSnippet(hit.title, words);
        if (hit.snippet.find('[') == std::string::npos) hit.snippet = makeSnippet(abstracts[hit.id], words);
        // Found by its speaker only: the hit shows the speakers anyway.
        if (hit.snippet.find('[') == std::string::npos &&
            makeSnippet(hit.speakers, words).find('[') != std::string::npos)
            hit.snippet.clear();
    }
    out.insert(out.end(), sessionHits.begin(), sessionHits.end());

    std::vector<RowId> notes;
    newestMatches(m_store.statement("SELECT rowid FROM notes_fts WHERE notes_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?2"),
                  match, notes);
    std::vector<SearchHit> noteHits;
    std::unordered_map<RowId, std::string> bodies;
    for (RowId id : notes) {
        auto& q = m_store.statement("SELECT body FROM notes WHERE id=?");
        sql::ResetOnExit r{q};
        q.bind(1, id);
        if (!q.step()) continue;
        std::string body = q.getText(0);
        noteHits.push_back({"note", id, {}, {}, -fieldRelevance(body, words, 1.0, 30)});
        bodies.emplace(id, std::move(body));
    }
    counted.notes.count = int(noteHits.size());
    counted.notes.uncounted = int(notes.size()) >= kCandidates;
    keepBest(noteHits, limitPerKind);
    for (SearchHit& hit : noteHits) {
        hit.title = firstLine(bodies[hit.id]);
        hit.snippet = makeSnippet(bodies[hit.id], words);
    }
    out.insert(out.end(), noteHits.begin(), noteHits.end());
    // Counted only for whoever shows the counts.
    if (totals && counting == SearchCounting::Now) countSearch(query, counted);
    if (totals) *totals = counted;
    return out;
}

void SearchRepo::countSearch(const std::string& query, SearchTotals& totals) {
    const std::string match = sql::ftsTypedQuery(query);
    if (match.empty()) return;
    if (totals.people.uncounted)
        totals.people = countUpTo(
            m_store.statement("SELECT count(*) FROM (SELECT 1 FROM people_fts WHERE people_fts MATCH ?1 LIMIT ?2)"), match,
            totals.people.count);
    if (totals.sessions.uncounted) {
        // Both ways of matching, each counted up to the cap; the larger is a floor.
        const int found = totals.sessions.count;
        totals.sessions = countUpTo(m_store.statement("SELECT count(*) FROM (SELECT 1 FROM sessions_fts "
                                                      "JOIN sessions s ON s.id = sessions_fts.rowid "
                                                      "WHERE sessions_fts MATCH ?1 AND s.removed_at IS NULL LIMIT ?2)"),
                                    match, found);
        SearchTotal bySpeaker = countUpTo(
            m_store.statement("SELECT count(*) FROM (SELECT 1 FROM people_fts JOIN session_speakers ss "
                              "ON ss.person_id = people_fts.rowid WHERE people_fts MATCH ?1 LIMIT ?2)"),
            speakerNameQuery(match), 0);
        if (bySpeaker.count > totals.sessions.count) totals.sessions = bySpeaker;
        totals.sessions.atLeast = true;  // the two overlap and were not joined: a floor
    }
    if (totals.notes.uncounted)
        totals.notes = countUpTo(
            m_store.statement("SELECT count(*) FROM (SELECT 1 FROM notes_fts WHERE notes_fts MATCH ?1 LIMIT ?2)"), match,
            totals.notes.count);
}

}  // namespace hallway
