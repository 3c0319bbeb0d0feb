// `hallway people ...`, `target ...`, `targets`, `network`.
#include <iomanip>
#include <iostream>

#include "cli/cli_common.h"
#include "core/atomic_file.h"
#include "core/person_edit.h"
#include "core/time_util.h"
#include "formats/people_export.h"
#include "services/capture_service.h"
#include "services/people_service.h"
#include "store/people_repo.h"
#include "store/store.h"

namespace hallway::cli {
namespace {

using nlohmann::json;

json personJson(const Person& p) {
    auto details = [](const std::vector<ContactDetail>& list) {
        json arr = json::array();
        for (auto& d : list) arr.push_back({{"value", d.value}, {"label", d.label}});
        return arr;
    };
    json facts = json::array();
    for (auto& f : p.facts) facts.push_back({{"text", f.text}, {"date", f.onDate ? json(*f.onDate) : json(nullptr)}});
    return {{"id", p.id},          {"name", p.displayName}, {"given_name", p.givenName}, {"family_name", p.familyName},
            {"company", p.company}, {"role", p.role},       {"emails", details(p.emails)}, {"phones", details(p.phones)},
            {"urls", details(p.urls)}, {"tags", p.tags},    {"facts", facts},              {"how_met", p.howMet},
            {"source", p.source},  {"keep_in_touch_days", p.keepInTouchDays ? json(*p.keepInTouchDays) : json(nullptr)}};
}

std::string slot(Instant start, Instant end, const std::string& zone) {
    return localDateString(start, zone) + " " + localTimeString(start, zone) + "-" + localTimeString(end, zone);
}

class PeopleCommands : public CommandGroup {
public:
    void declare(CLI::App& app, bool& asJson) override {
        m_people = app.add_subcommand("people", "List, import, add, merge and export people");
        m_people->add_option("--search", m_search, "words in name, company or role");
        m_people->add_option("--tag", m_tag, "only people with this tag");
        m_people->add_flag("--json", asJson, "print JSON");
        m_people->require_subcommand(0, 1);

        m_import = m_people->add_subcommand("import", "Import contacts: " + contactsFormatLabels());
        m_import->add_option("FILE", m_file, "contacts file")->required();
        m_import->add_option("--format", m_format, contactsFormatChoices())->check(CLI::IsMember(contactsFormatKeys()));
        m_import->add_option("--map", m_map, "CSV column mapping HEADER=FIELD (name first_name last_name company "
                                             "role email phone url tags note); repeatable");
        m_import->add_flag("--json", asJson, "print JSON");

        m_add = m_people->add_subcommand("add", "Add a person by hand or from a badge's QR text");
        m_add->add_option("NAME", m_name, "full name");
        m_add->add_option("--from-text", m_fromText, "a vCard or MECARD:... payload from a badge QR code");
        m_add->add_option("--company", m_company, "company");
        m_add->add_option("--role", m_role, "job title");
        m_add->add_option("--email", m_emails, "email address; repeatable");
        m_add->add_option("--url", m_urls, "profile URL; repeatable");
        m_add->add_option("--tag", m_tags, "tag; repeatable");
        m_add->add_option("--fact", m_facts, "something to remember; repeatable");
        m_add->add_option("--keep-in-touch", m_cadence, "check in every N days");
        m_add->add_flag("--json", asJson, "print JSON");

        m_merge = m_people->add_subcommand("merge", "Merge person B into person A, keeping everything of both");
        m_merge->add_option("A", m_a, "person who stays (id or name)")->required();
        m_merge->add_option("B", m_b, "person merged into A (id or name)")->required();
        m_merge->add_flag("--json", asJson, "print JSON");

        m_export = m_people->add_subcommand("export", "Export people to vCard 4.0 or CSV");
        m_export->add_option("FILE", m_file, "output file, - for standard output")->required();
        m_export->add_option("--format", m_exportFormat, "vcard or csv (default: from the extension, vcard for -)")
            ->check(CLI::IsMember({"vcard", "csv"}));
        m_export->add_option("--tag", m_tag, "only people with this tag");
        m_export->add_flag("--force", m_force, "replace FILE when it exists");
        m_export->add_flag("--json", asJson, "print JSON");

        m_set = m_people->add_subcommand("set", "Add contact details to a person who exists (no duplicate is made)");
        m_set->add_option("PERSON", m_a, "id or name")->required();
        m_set->add_option("--email", m_emails, "email address; repeatable");
        m_set->add_option("--url", m_urls, "profile URL (LinkedIn, ...); repeatable");
        m_set->add_option("--company", m_company, "company");
        m_set->add_option("--role", m_role, "job title");
        m_set->add_flag("--json", asJson, "print JSON");

        m_show = m_people->add_subcommand("show", "Everything stored about one person");
        m_show->add_option("PERSON", m_a, "id or name")->required();
        m_show->add_flag("--json", asJson, "print JSON");

        m_target = app.add_subcommand("target", "Mark a person you want to meet at an event");
        m_target->require_subcommand(1);
        m_targetAdd = m_target->add_subcommand("add", "Add or update a target");
        m_targetAdd->add_option("PERSON", m_a, "id or name")->required();
        m_targetAdd->add_option("--event", m_event, "event id or name")->required();
        m_targetAdd->add_option("--priority", m_priority, "must, should or nice")
            ->check(CLI::IsMember({"must", "should", "nice"}));
        m_targetAdd->add_option("--why", m_why, "why you want to meet them");
        m_targetAdd->add_option("--question", m_questions, "a question or talking point; repeatable");
        m_targetAdd->add_flag("--json", asJson, "print JSON");
        m_targetSet = m_target->add_subcommand("set", "Set a target's status");
        m_targetSet->add_option("PERSON", m_a, "id or name")->required();
        m_targetSet->add_option("--event", m_event, "event id or name")->required();
        m_targetSet->add_option("--status", m_status, "not_yet, met or missed")
            ->required()
            ->check(CLI::IsMember({"not_yet", "met", "missed"}));
        m_targetSet->add_flag("--json", asJson, "print JSON");
        m_targetRemove = m_target->add_subcommand("remove", "Stop wanting to meet a person at an event");
        m_targetRemove->add_option("PERSON", m_a, "id or name")->required();
        m_targetRemove->add_option("--event", m_event, "event id or name")->required();
        m_targetRemove->add_flag("--json", asJson, "print JSON");

        m_targets = app.add_subcommand("targets", "Who you want to meet at an event, and where to find them");
        m_targets->add_option("--event", m_event, "event id or name")->required();
        m_targets->add_flag("--json", asJson, "print JSON");

        m_goals = app.add_subcommand("goals", "An event's goals and progress; `goals add` sets one");
        m_goals->add_option("--event", m_event, "event id or name")->required();
        m_goals->add_flag("--json", asJson, "print JSON");
        m_goals->require_subcommand(0, 1);
        m_goalAdd = m_goals->add_subcommand("add", "Add a goal: a number of people met, coffee chats, follow-ups sent, or text");
        m_goalAdd->add_option("KIND", m_kind, "people_met, coffee_chats, follow_ups_sent or text")
            ->required()
            ->check(CLI::IsMember({"people_met", "coffee_chats", "follow_ups_sent", "text"}));
        m_goalAdd->add_option("--target", m_goalTarget, "the number to reach");
        m_goalAdd->add_option("--text", m_why, "what the goal is about, e.g. \"in developer tooling\"");
        m_goalAdd->add_flag("--json", asJson, "print JSON");

        m_network = app.add_subcommand("network", "People per company, tag or role, with warmth");
        m_network->add_option("--by", m_by, "company, tag or role")->check(CLI::IsMember({"company", "tag", "role"}));
        m_network->add_flag("--json", asJson, "print JSON");
    }

    bool selected() const override { return *m_people || *m_target || *m_targets || *m_network || *m_goals; }
    bool readsOnly() const override { return bool(*m_export); }
    bool writesNothing() const override {
        if (*m_people) return !*m_import && !*m_add && !*m_merge && !*m_set;  // list, show, export
        return *m_targets || *m_network || (*m_goals && !*m_goalAdd);
    }

    int run(Store& store, std::ostream& out, bool asJson) override {
        PeopleRepo people(store);
        if (*m_import) return runImport(store, out, asJson);
        if (*m_add) return runAdd(store, people, out, asJson);
        if (*m_merge) {
            RowId a = resolvePerson(store, m_a), b = resolvePerson(store, m_b);
            mergePeople(store, a, b);
            auto p = people.find(a);
            if (asJson) out << personJson(*p).dump(2) << "\n";
            else out << "Merged #" << b << " into #" << a << " " << p->displayName << "\n";
            return 0;
        }
        if (*m_export) return runExport(store, out, asJson);
        if (*m_set) return runSet(store, people, out, asJson);
        if (*m_show) {
            auto p = people.find(resolvePerson(store, m_a));
            if (asJson) {
                out << personJson(*p).dump(2) << "\n";
                return 0;
            }
            out << p->displayName << "  #" << p->id << "\n";
            if (!p->role.empty() || !p->company.empty()) out << "  " << p->role << (p->role.empty() || p->company.empty() ? "" : " at ") << p->company << "\n";
            for (auto& e : p->emails) out << "  email  " << e.value << (e.label.empty() ? "" : " (" + e.label + ")") << "\n";
            for (auto& t : p->phones) out << "  phone  " << t.value << (t.label.empty() ? "" : " (" + t.label + ")") << "\n";
            for (auto& u : p->urls) out << "  url    " << u.value << "\n";
            if (!p->tags.empty()) {
                out << "  tags  ";
                for (auto& t : p->tags) out << " #" << t;
                out << "\n";
            }
            for (auto& f : p->facts) out << "  fact   " << f.text << (f.onDate ? " (" + *f.onDate + ")" : "") << "\n";
            if (!p->howMet.empty()) out << "  how we met: " << p->howMet << "\n";
            return 0;
        }
        if (*m_people) {
            PeopleQuery q;
            q.search = m_search;
            q.tag = m_tag;
            auto list = people.list(q);
            if (asJson) {
                json arr = json::array();
                for (auto& b : list) arr.push_back({{"id", b.id}, {"name", b.displayName}, {"company", b.company}, {"role", b.role}});
                out << arr.dump(2) << "\n";
            } else if (list.empty()) {
                out << (m_search.empty() && m_tag.empty() ? "No people yet. Import contacts: hallway people import FILE\n"
                                                          : "Nobody matches.\n");
            } else {
                for (auto& b : list) {
                    out << std::setw(6) << b.id << "  " << b.displayName;
                    if (!b.role.empty() || !b.company.empty()) out << " — " << b.role << (b.role.empty() || b.company.empty() ? "" : ", ") << b.company;
                    out << "\n";
                }
                out << list.size() << (list.size() == 1 ? " person\n" : " people\n");
            }
            return 0;
        }
        if (*m_targetAdd) {
            Event event = resolveEvent(store, m_event);
            RowId person = resolvePerson(store, m_a);
            Target t;
            if (auto existing = people.findTarget(event.id, person)) t = *existing;
            t.eventId = event.id;
            t.personId = person;
            if (!m_priority.empty()) t.priority = *targetPriorityFromName(m_priority);
            if (!m_why.empty()) t.why = m_why;
            for (auto& q : m_questions)
                if (std::find(t.questions.begin(), t.questions.end(), q) == t.questions.end()) t.questions.push_back(q);
            saveTarget(store, t);
            auto p = people.find(person);
            if (asJson) out << json{{"event_id", event.id}, {"person_id", person}, {"name", p->displayName},
                                    {"priority", targetPriorityName(t.priority)}}.dump(2) << "\n";
            else out << "Target at " << event.name << ": " << p->displayName << " (" << targetPriorityName(t.priority) << ")\n";
            return 0;
        }
        if (*m_targetSet) {
            Event event = resolveEvent(store, m_event);
            RowId person = resolvePerson(store, m_a);
            // The app's Met toggle: a "met" is logged too, which the queue and "met at EVENT" read.
            if (setTargetStatus(store, event.id, person, *targetStatusFromName(m_status), nowInstant()).empty())
                throw CommandError("that person is not a target at " + event.name + " (add them with `hallway target add`)");
            if (asJson) out << json{{"event_id", event.id}, {"person_id", person}, {"status", m_status}}.dump(2) << "\n";
            else out << "Status: " << m_status << "\n";
            return 0;
        }
        if (*m_targetRemove) {
            Event event = resolveEvent(store, m_event);
            RowId person = resolvePerson(store, m_a);
            if (removeTarget(store, event.id, person).empty())
                throw CommandError("that person is not a target at " + event.name);
            if (asJson) out << json{{"event_id", event.id}, {"person_id", person}, {"removed", true}}.dump(2) << "\n";
            else out << "No longer a target at " << event.name << "\n";
            return 0;
        }
        if (*m_targets) return runTargets(store, out, asJson);
        if (*m_goals) {
            Event event = resolveEvent(store, m_event);
            if (*m_goalAdd) {
                std::optional<int> target;
                if (m_goalTarget > 0) target = m_goalTarget;
                RowId id = addGoal(store, event.id, m_kind, target, m_why).value;
                if (asJson) out << json{{"goal_id", id}, {"event_id", event.id}}.dump(2) << "\n";
                else out << "Goal added for " << event.name << "\n";
                return 0;
            }
            auto list = goalProgress(store, event.id);
            if (asJson) {
                json arr = json::array();
                for (auto& g : list)
                    arr.push_back({{"goal_id", g.goalId}, {"kind", g.kind}, {"label", g.label},
                                   {"target", g.target ? json(*g.target) : json(nullptr)}, {"done", g.done}});
                out << arr.dump(2) << "\n";
            } else if (list.empty()) {
                out << "No goals for " << event.name << ". Add one: hallway goals --event " << event.id
                    << " add people_met --target 5 --text \"in developer tooling\"\n";
            } else {
                for (auto& g : list) {
                    if (g.target) out << "  " << g.done << "/" << *g.target << "  " << g.label << (g.done >= *g.target ? "  ✓" : "") << "\n";
                    else out << "  -    " << g.label << "\n";
                }
            }
            return 0;
        }
        if (*m_network) {
            auto groups = people.network(m_by);
            if (asJson) {
                json arr = json::array();
                for (auto& g : groups)
                    arr.push_back({{"group", g.group}, {"people", g.people}, {"interactions", g.genuineInteractions},
                                   {"relationships", g.relationships}});
                out << json{{"by", m_by}, {"groups", arr}}.dump(2) << "\n";
            } else if (groups.empty()) {
                out << "No people yet.\n";
            } else {
                out << std::left << std::setw(32) << m_by << std::right << std::setw(8) << "people" << std::setw(14)
                    << "interactions" << std::setw(15) << "relationships" << "\n";
                for (auto& g : groups)
                    out << std::left << std::setw(32) << (g.group.empty() ? "(none)" : g.group.substr(0, 31)) << std::right
                        << std::setw(8) << g.people << std::setw(14) << g.genuineInteractions << std::setw(15)
                        << g.relationships << "\n";
                out << "A relationship is 2 or more logged interactions with a person.\n";
            }
            return 0;
        }
        return 0;
    }

private:
    int runImport(Store& store, std::ostream& out, bool asJson) {
        ContactsImportOptions options;
        options.format = m_format;
        for (const auto& m : m_map) {
            auto eq = m.find('=');
            if (eq == std::string::npos || eq == 0 || eq + 1 == m.size())
                throw CommandError("--map wants HEADER=FIELD, got '" + m + "'");
            options.parse.csvColumns[m.substr(0, eq)] = m.substr(eq + 1);
        }
        auto r = importContactsFile(store, m_file, options);
        if (asJson) {
            json amb = json::array();
            for (auto& a : r.ambiguous) {
                json c = json::array();
                for (auto& b : a.candidates) c.push_back({{"id", b.id}, {"name", b.displayName}, {"company", b.company}});
                amb.push_back({{"line", a.line}, {"name", a.name}, {"reason", a.reason}, {"candidates", c}});
            }
            out << json{{"format", r.format}, {"people_added", r.added}, {"people_updated", r.updated},
                        {"people_unchanged", r.unchanged}, {"ambiguous", amb}, {"warnings", r.warnings}}.dump(2) << "\n";
            return 0;
        }
        out << "Imported " << m_file << " (" << r.format << "): " << r.added << " added, "
            << r.updated << " updated, " << r.unchanged << " unchanged\n";
        for (auto& a : r.ambiguous) {
            out << "  line " << a.line << ": " << a.name << ": " << a.reason << ":";
            for (auto& b : a.candidates) out << " #" << b.id << " " << b.displayName << (b.company.empty() ? "" : " (" + b.company + ")");
            out << "\n";
        }
        for (auto& w : r.warnings) out << "  warning: " << w << "\n";
        return 0;
    }

    int runAdd(Store& store, PeopleRepo& people, std::ostream& out, bool asJson) {
        RowId id = 0;
        bool created = true;
        if (!m_fromText.empty()) {
            const AddedPerson added = addPersonFromText(store, m_fromText);
            id = added.id;
            created = added.created;
        } else {
            if (m_name.empty()) throw CommandError("give a NAME or --from-text");
            Person p;
            p.displayName = m_name;
            p.company = m_company;
            p.role = m_role;
            p.source = "typed";
            for (auto& e : m_emails) p.emails.push_back({e, ""});
            for (auto& u : m_urls) p.urls.push_back({u, u.find("linkedin.") != std::string::npos ? "linkedin" : ""});
            p.tags = m_tags;
            const std::string today = localDateString(nowInstant(), systemTimeZone());
            for (auto& f : m_facts) p.facts.push_back(factFromText(f, today));
            if (m_cadence > 0) p.keepInTouchDays = m_cadence;
            id = addPerson(store, p).id;
        }
        auto p = people.find(id);
        if (asJson) {
            json j = personJson(*p);
            j["created"] = created;
            out << j.dump(2) << "\n";
        } else {
            out << (created ? "Added #" : "Updated #") << id << " " << p->displayName << "\n";
        }
        return 0;
    }

    int runExport(Store& store, std::ostream& out, bool asJson) {
        if (m_file == "-") {
            // Standard output: the export itself, nothing around it.
            if (asJson) throw CommandError("people export - writes the export itself; --json does not apply");
            out << peopleExportText(store, m_exportFormat.empty() ? "vcard" : m_exportFormat, m_tag).text;
            return 0;
        }
        PeopleExport r = exportPeople(store, m_file, m_exportFormat, m_tag, m_force);
        if (asJson) out << json{{"file", m_file}, {"format", r.format}, {"people", r.people}}.dump(2) << "\n";
        else out << "Exported " << r.people << " people to " << m_file << " (" << r.format << ")\n";
        return 0;
    }

    int runSet(Store& store, PeopleRepo& people, std::ostream& out, bool asJson) {
        RowId id = resolvePerson(store, m_a);
        auto p = people.find(id);
        if (!p) throw CommandError("no person " + m_a);
        for (auto& e : m_emails)
            if (e.find('@') == std::string::npos || e.find(' ') != std::string::npos)
                throw CommandError("--email: '" + e + "' is not an email address");
        if (m_emails.empty() && m_urls.empty() && m_company.empty() && m_role.empty())
            throw CommandError("nothing to set: give --email, --url, --company or --role");
        // The app's person editor writes the same way: the whole person, edited.
        Person edited = *p;
        for (auto& e : m_emails) edited.emails.push_back({e, ""});
        for (auto& u : m_urls) edited.urls.push_back({u, ""});
        if (!m_company.empty()) edited.company = m_company;
        if (!m_role.empty()) edited.role = m_role;
        savePersonDetails(store, edited);
        auto now = people.find(id);
        const size_t added = now->emails.size() + now->urls.size() - p->emails.size() - p->urls.size();
        if (asJson) out << personJson(*now).dump(2) << "\n";
        else out << "Updated #" << id << " " << now->displayName << " (" << added << " new contact detail"
                 << (added == 1 ? "" : "s") << ")\n";
        return 0;
    }

    int runTargets(Store& store, std::ostream& out, bool asJson) {
        Event event = resolveEvent(store, m_event);
        auto list = whereToFind(store, event.id);
        auto slots = freeSlots(store, event.id);
        const std::string& zone = event.timeZone;
        if (asJson) {
            json arr = json::array();
            for (auto& w : list) {
                json talks = json::array();
                for (size_t i = 0; i < w.talks.size(); ++i) {
                    auto& s = w.talks[i];
                    json t{{"session_id", s.sessionId}, {"title", s.title}, {"room", s.room},
                           {"start", isoString(s.startsAt, zone)}, {"end", isoString(s.endsAt, zone)}};
                    if (w.after[i]) t["free_after"] = {{"start", isoString(w.after[i]->startsAt, zone)}, {"end", isoString(w.after[i]->endsAt, zone)}};
                    talks.push_back(t);
                }
                arr.push_back({{"person_id", w.person.id}, {"name", w.person.displayName}, {"company", w.person.company},
                               {"priority", targetPriorityName(w.target.priority)}, {"status", targetStatusName(w.target.status)},
                               {"why", w.target.why}, {"questions", w.target.questions}, {"where_to_find", talks}});
            }
            json free = json::array();
            for (auto& s : slots) free.push_back({{"start", isoString(s.startsAt, zone)}, {"end", isoString(s.endsAt, zone)}});
            out << json{{"event_id", event.id}, {"time_zone", zone}, {"targets", arr}, {"free_slots", free}}.dump(2) << "\n";
            return 0;
        }
        if (list.empty()) {
            out << "No targets at " << event.name << " yet. Add one: hallway target add PERSON --event " << event.id
                << " --priority must --why \"...\"\n";
            return 0;
        }
        for (auto& w : list) {
            out << "[" << targetPriorityName(w.target.priority) << "] " << w.person.displayName;
            if (!w.person.company.empty()) out << " (" << w.person.company << ")";
            if (w.target.status != TargetStatus::NotYet) out << " — " << targetStatusName(w.target.status);
            out << "\n";
            if (!w.target.why.empty()) out << "    why: " << w.target.why << "\n";
            for (auto& q : w.target.questions) out << "    ? " << q << "\n";
            if (w.talks.empty()) out << "    where to find: not speaking at this event\n";
            for (size_t i = 0; i < w.talks.size(); ++i) {
                auto& s = w.talks[i];
                out << "    where to find: " << slot(s.startsAt, s.endsAt, zone) << " " << s.room << " — " << s.title << "\n";
                if (w.after[i])
                    out << "      you are free after it until " << localTimeString(w.after[i]->endsAt, zone) << ": a coffee fits\n";
            }
        }
        out << "Free slots in your starred schedule (30 min or more, " << zone << "):\n";
        if (slots.empty()) out << "    none\n";
        for (auto& s : slots) out << "    " << slot(s.startsAt, s.endsAt, zone) << "\n";
        return 0;
    }

    CLI::App *m_people = nullptr, *m_import = nullptr, *m_add = nullptr, *m_merge = nullptr, *m_export = nullptr,
             *m_show = nullptr, *m_set = nullptr, *m_target = nullptr, *m_targetAdd = nullptr, *m_targetSet = nullptr, *m_targetRemove = nullptr,
             *m_targets = nullptr, *m_network = nullptr, *m_goals = nullptr, *m_goalAdd = nullptr;
    std::string m_search, m_tag, m_file, m_format = "auto", m_name, m_fromText, m_company, m_role, m_a, m_b,
                                         m_exportFormat, m_event, m_priority, m_why, m_status, m_by = "company";
    std::vector<std::string> m_map, m_emails, m_urls, m_tags, m_facts, m_questions;
    int m_cadence = 0;
    int m_goalTarget = 0;
    std::string m_kind;
    bool m_force = false;
};

}  // namespace

std::unique_ptr<CommandGroup> makePeopleCommands() { return std::make_unique<PeopleCommands>(); }

}  // namespace hallway::cli
