// `hallway note`, `search`, `person`, `interaction`, `met`.
#include <iomanip>
#include <iostream>

#include "cli/cli_common.h"
#include "core/time_util.h"
#include "services/capture_service.h"
#include "services/people_service.h"
#include "store/search_repo.h"
#include "store/store.h"

namespace hallway::cli {
namespace {

using nlohmann::json;

Instant parseWhen(const std::string& text, const std::string& zone) {
    if (text.empty()) return nowInstant();
    if (auto t = parseIsoDateTime(text, zone)) return *t;
    throw CommandError("--at wants a date-time like 2025-02-01T10:15 (read in the event's zone), got '" + text + "'");
}

class CaptureCommands : public CommandGroup {
public:
    void declare(CLI::App& app, bool& asJson) override {
        m_note = app.add_subcommand("note", "Write down who you met and what matters; saved at once");
        m_note->add_option("TEXT", m_text, "the note; @name links a person; #promise #intro #detail #ask and "
                                            "lines starting [ ] become follow-up items")
            ->required();
        m_note->add_option("--event", m_event, "event id or name (links the session running then)");
        m_note->add_option("--at", m_at, "when, e.g. 2025-02-01T10:15 (default: now)");
        m_note->add_option("--session", m_session, "link this session instead of the one running then");
        m_note->add_flag("--no-session", m_noSession, "do not link a session");
        m_note->add_option("--person", m_people, "someone you talked with (id or name; counts as met); repeatable");
        m_note->add_flag("--new-person", m_newPerson, "create people for @names nobody matches");
        m_note->add_flag("--json", asJson, "print JSON");

        m_search = app.add_subcommand("search", "Search people, sessions and notes");
        m_search->add_option("TEXT", m_text, "words (prefixes match: 'ana lim')")->required();
        m_search->add_option("--limit", m_limit, "hits per kind");
        m_search->add_flag("--json", asJson, "print JSON");

        m_person = app.add_subcommand("person", "Everything about one person across events, in time order");
        m_person->add_option("PERSON", m_who, "id or name")->required();
        m_person->add_flag("--json", asJson, "print JSON");

        m_interaction = app.add_subcommand("interaction", "Log a touch with a person");
        m_interaction->add_option("PERSON", m_who, "id or name")->required();
        m_interaction->add_option("KIND", m_kind, "met, coffee, call, email, intro_made, resource_shared, "
                                                  "referral_asked, referral_given")
            ->required();
        m_interaction->add_option("--direction", m_direction, "give, ask or neutral")
            ->check(CLI::IsMember({"give", "ask", "neutral"}));
        m_interaction->add_option("--event", m_event, "event id or name");
        m_interaction->add_option("--at", m_at, "when (default: now)");
        m_interaction->add_option("--summary", m_summary, "one line on what happened");
        m_interaction->add_flag("--json", asJson, "print JSON");

        m_met = app.add_subcommand("met", "Mark a person met at an event (logs the interaction)");
        m_met->add_option("PERSON", m_who, "id or name")->required();
        m_met->add_option("--event", m_event, "event id or name")->required();
        m_met->add_option("--at", m_at, "when (default: now)");
        m_met->add_flag("--json", asJson, "print JSON");
    }

    bool selected() const override { return *m_note || *m_search || *m_person || *m_interaction || *m_met; }
    bool writesNothing() const override { return *m_search || *m_person; }

    int run(Store& store, std::ostream& out, bool asJson) override {
        std::optional<Event> event;
        if (!m_event.empty()) event = resolveEvent(store, m_event);
        std::string zone = event ? event->timeZone : systemTimeZone();

        if (*m_note) {
            NoteInput in;
            in.body = m_text;
            if (event) in.eventId = event->id;
            in.at = parseWhen(m_at, zone);
            if (!m_session.empty()) {
                auto id = parseRowId(m_session);
                if (!id) throw CommandError("--session wants a session id");
                in.sessionId = id;
            }
            in.noSession = m_noSession;
            in.createMissingPeople = m_newPerson;
            for (auto& p : m_people) in.people.push_back(resolvePerson(store, p));
            SavedNote saved = saveNote(store, in);
            if (asJson) {
                json people = json::array(), items = json::array(), created = json::array();
                for (auto& p : saved.people)
                    people.push_back({{"id", p.id}, {"name", p.displayName}, {"met", saved.met(p.id)}});
                for (auto& p : saved.createdPeople) created.push_back({{"id", p.id}, {"name", p.displayName}});
                for (auto& i : saved.items)
                    items.push_back({{"kind", i.kind}, {"text", i.text}, {"date", i.onDate ? json(*i.onDate) : json(nullptr)},
                                     {"done", i.done}, {"quote", i.quote}});
                json session = saved.session ? json{{"id", saved.session->id}, {"title", saved.session->title}} : json(nullptr);
                out << json{{"note_id", saved.noteId}, {"session", session}, {"people", people},
                            {"created_people", created}, {"items", items}, {"tags", saved.tags}}.dump(2) << "\n";
            } else {
                out << "Saved note " << saved.noteId;
                if (saved.session) out << " in \"" << saved.session->title << "\"";
                out << "\n";
                for (auto& p : saved.people)
                    out << (saved.met(p.id) ? "  talked with " : "  mentions ") << p.displayName << " #" << p.id << "\n";
                if (!saved.people.empty() && saved.metPeople.empty() && saved.items.empty())
                    out << "  (nobody counts as met: write \"#met @name\" or pass --person for someone you talked with)\n";
                for (auto& p : saved.createdPeople) out << "  new person " << p.displayName << " #" << p.id << "\n";
                for (auto& i : saved.items)
                    out << "  " << i.kind << ": " << i.text << (i.onDate ? " (" + *i.onDate + ")" : "") << (i.done ? " [done]" : "")
                        << (i.quote.empty() ? "" : " [for them: \"" + i.quote + "\"]") << "\n";
            }
            return 0;
        }
        if (*m_search) {
            SearchTotals totals;
            auto hits = SearchRepo(store).search(m_text, m_limit, &totals);
            // Per kind: how many were found in all and how many more than shown.
            auto shownOf = [&](const char* kind) {
                return int(std::count_if(hits.begin(), hits.end(), [&](const SearchHit& h) { return h.kind == kind; }));
            };
            if (asJson) {
                json arr = json::array();
                for (auto& h : hits) {
                    json hit{{"kind", h.kind}, {"id", h.id}, {"title", h.title}, {"snippet", h.snippet}, {"score", h.score}};
                    if (h.kind == "session")
                        hit.update({{"start", isoString(h.startsAt, h.timeZone)},
                                    {"end", isoString(h.endsAt, h.timeZone)},
                                    {"room", h.room},
                                    {"speakers", h.speakers}});
                    arr.push_back(std::move(hit));
                }
                json more = json::object();
                for (const char* kind : {"person", "session", "note"}) {
                    const SearchTotal& t = totals.of(kind);
                    more[kind] = {{"total", t.count}, {"more", std::max(0, t.count - shownOf(kind))}, {"at_least", t.atLeast}};
                }
                out << json{{"hits", arr}, {"totals", more}}.dump(2) << "\n";
            } else if (hits.empty()) {
                out << "Nothing matches \"" << m_text << "\".\n";
            } else {
                static const std::pair<const char*, const char*> kinds[] = {
                    {"person", "people"}, {"session", "sessions"}, {"note", "notes"}};
                for (const auto& [kind, plural] : kinds) {
                    for (auto& h : hits) {
                        if (h.kind != kind) continue;
                        out << std::left << std::setw(8) << h.kind << std::right << std::setw(7) << h.id << "  " << h.title
                            << "\n";
                        if (h.kind == "session") {
                            out << "                 " << cli::slotText(h.startsAt, h.endsAt, h.timeZone);
                            if (!h.room.empty()) out << "  [" << h.room << "]";
                            if (!h.speakers.empty()) out << "  " << h.speakers;
                            out << "\n";
                        }
                        if (!h.snippet.empty() && h.snippet != h.title) out << "                 " << h.snippet << "\n";
                    }
                    const SearchTotal& t = totals.of(kind);
                    const int more = t.count - shownOf(kind);
                    if (more > 0)
                        out << "  and " << (t.atLeast ? "at least " : "") << more << " more " << plural
                            << " (--limit N shows more)\n";
                }
            }
            return 0;
        }
        if (*m_person) {
            PersonTimeline t = personTimeline(store, resolvePerson(store, m_who));
            if (asJson) {
                json entries = json::array();
                for (auto& e : t.entries)
                    entries.push_back({{"at", e.at ? json(isoString(e.at, "UTC")) : json(nullptr)}, {"kind", e.kind},
                                       {"text", e.text}, {"event", e.eventName}, {"ref_id", e.refId}});
                out << json{{"id", t.person.id}, {"name", t.person.displayName}, {"company", t.person.company},
                            {"role", t.person.role}, {"interactions", t.warmth.interactions},
                            {"last_contact", t.warmth.lastContact ? json(isoString(t.warmth.lastContact, "UTC")) : json(nullptr)},
                            {"gives", t.warmth.gives}, {"asks", t.warmth.asks},
                            {"relationship", t.warmth.interactions >= 2}, {"timeline", entries}}.dump(2) << "\n";
                return 0;
            }
            out << t.person.displayName << " #" << t.person.id;
            if (!t.person.company.empty()) out << " — " << t.person.role << (t.person.role.empty() ? "" : ", ") << t.person.company;
            out << "\n  " << t.warmth.interactions << " interaction" << (t.warmth.interactions == 1 ? "" : "s")
                << (t.warmth.interactions >= 2 ? " (a relationship)" : "") << "; gave " << t.warmth.gives << ", asked "
                << t.warmth.asks;
            if (t.warmth.lastContact) out << "; last contact " << localDateString(t.warmth.lastContact, zone);
            out << "\n";
            if (t.entries.empty()) out << "  Nothing yet: no notes, talks, targets or interactions.\n";
            for (auto& e : t.entries) {
                out << "  " << (e.at ? localDateString(e.at, zone) : std::string("          ")) << "  " << std::left
                    << std::setw(12) << e.kind << std::right << e.text.substr(0, e.text.find('\n'));
                if (!e.eventName.empty()) out << "  [" << e.eventName << "]";
                out << "\n";
            }
            return 0;
        }
        if (*m_interaction) {
            Interaction i;
            i.personId = resolvePerson(store, m_who);
            if (event) i.eventId = event->id;
            i.occurredAt = parseWhen(m_at, zone);
            i.kind = m_kind;
            i.direction = m_direction;
            i.summary = m_summary;
            RowId id = logInteraction(store, i);
            if (asJson) out << json{{"interaction_id", id}, {"person_id", i.personId}}.dump(2) << "\n";
            else out << "Logged " << m_kind << " with #" << i.personId << "\n";
            return 0;
        }
        if (*m_met) {
            RowId person = resolvePerson(store, m_who);
            markMet(store, event->id, person, parseWhen(m_at, zone));
            if (asJson) out << json{{"person_id", person}, {"event_id", event->id}, {"status", "met"}}.dump(2) << "\n";
            else out << "Met #" << person << " at " << event->name << "\n";
            return 0;
        }
        return 0;
    }

private:
    CLI::App *m_note = nullptr, *m_search = nullptr, *m_person = nullptr, *m_interaction = nullptr, *m_met = nullptr;
    std::string m_text, m_event, m_at, m_session, m_who, m_kind, m_direction = "neutral", m_summary;
    std::vector<std::string> m_people;
    bool m_noSession = false, m_newPerson = false;
    int m_limit = 10;
};

}  // namespace

std::unique_ptr<CommandGroup> makeCaptureCommands() { return std::make_unique<CaptureCommands>(); }

}  // namespace hallway::cli
