// `hallway queue ...` (generate, list, draft, mark, snooze, export, mailto,
// cold), `templates`, `settings`.
#include <algorithm>
#include <iomanip>
#include <iostream>

#include "cli/cli_common.h"
#include "core/followup.h"
#include "core/template_text.h"
#include "core/time_util.h"
#include "formats/followup_export.h"
#include "services/followup_service.h"
#include "services/safe_write.h"
#include "store/followups_repo.h"
#include "store/notes_repo.h"
#include "store/people_repo.h"
#include "store/store.h"

namespace hallway::cli {
namespace {

using nlohmann::json;

json itemJson(const FollowUp& f) {
    auto [subject, body] = splitDraft(f.draft);
    return {{"id", f.id},
            {"person_id", f.personId},
            {"person", f.personName},
            {"event_id", f.eventId ? json(*f.eventId) : json(nullptr)},
            {"kind", f.kind},
            {"rule", f.rule},
            {"due", f.dueDate},
            {"priority", f.priority},
            {"status", f.status},
            {"channel", f.channel},
            {"snoozed_until", f.snoozedUntil ? json(*f.snoozedUntil) : json(nullptr)},
            {"attempt", f.attempt},
            {"note_id", f.noteId ? json(*f.noteId) : json(nullptr)},
            {"note_item_id", f.noteItemId ? json(*f.noteItemId) : json(nullptr)},
            {"reason", f.reason},
            {"subject", subject},
            {"draft", f.draft},
            {"edited", f.edited},
            {"dedupe_key", f.dedupeKey}};
}

std::string todayOr(const std::string& given) {
    if (given.empty()) return localDateString(nowInstant(), systemTimeZone());
    if (!isValidDate(given)) throw CommandError("--today wants a date YYYY-MM-DD, got '" + given + "'");
    return given;
}

RowId itemId(const std::string& text) {
    auto id = parseRowId(text);
    if (!id) throw CommandError("ITEM wants a queue item id (see `hallway queue`), got '" + text + "'");
    return *id;
}

std::string groupOf(const FollowUp& f, const std::string& today) { return dueGroupKey(dueGroupOf(f, today)); }

class QueueCommands : public CommandGroup {
public:
    void declare(CLI::App& app, bool& asJson) override {
        m_queue = app.add_subcommand("queue", "The follow-up queue: who to thank, what you promised, who to introduce");
        m_queue->add_option("--event", m_event, "only this event (id or name)");
        m_queue->add_option("--due", m_due, "today (with overdue), week (the next 7 days, with overdue) or overdue")
            ->check(CLI::IsMember({"today", "week", "overdue"}));
        m_queue->add_option("--today", m_today, "the date to count from, YYYY-MM-DD (default: today)");
        m_queue->add_flag("--json", asJson, "print JSON");

        m_generate = m_queue->add_subcommand("generate", "Run the follow-up rules for an event; prints what it added and why");
        m_generate->add_option("--event", m_event, "event id or name")->required();
        m_generate->add_option("--today", m_today, "the date to count from, YYYY-MM-DD (default: today)");
        m_generate->add_flag("--json", asJson, "print JSON");

        m_draft = m_queue->add_subcommand(
            "draft", "Render an item's message from its template and store it; your notes about them are printed under it");
        m_draft->add_option("ITEM", m_item, "queue item id")->required();
        m_draft->add_option("--template", m_template, "template name (default: the item's kind)");
        m_draft->add_flag("--together", m_together,
                          "one message with the person's other items due within a week (greeting and closing once)");
        m_draft->add_flag("--json", asJson, "print JSON");

        m_edit = m_queue->add_subcommand("edit", "Replace an item's draft with your own text (fill its [[blanks]])");
        m_edit->add_option("ITEM", m_item, "queue item id")->required();
        m_edit->add_option("--subject", m_subject, "the subject line (default: keep it)");
        m_edit->add_option("--body", m_body, "the message")->required();
        m_edit->add_flag("--json", asJson, "print JSON");

        m_mark = m_queue->add_subcommand("mark", "Set an item's status (sent refuses a draft with a [[blank]] left)");
        m_mark->add_option("ITEM", m_item, "queue item id")->required();
        m_mark->add_option("STATUS", m_status, "sent, replied, done or dropped")
            ->required()
            ->check(CLI::IsMember({"open", "sent", "replied", "done", "dropped"}));
        m_mark->add_option("--today", m_today, "the date of the change, YYYY-MM-DD (default: today)");
        m_mark->add_flag("--together", m_together, "also the person's other items sent in the same message (queue draft --together)");
        m_mark->add_flag("--json", asJson, "print JSON");

        m_snooze = m_queue->add_subcommand("snooze", "Put an item away until a later day");
        m_snooze->add_option("ITEM", m_item, "queue item id")->required();
        m_snooze->add_option("UNTIL", m_until, "3d, 1w or YYYY-MM-DD")->required();
        m_snooze->add_option("--today", m_today, "the date to count from, YYYY-MM-DD (default: today)");
        m_snooze->add_flag("--json", asJson, "print JSON");

        m_export = m_queue->add_subcommand("export", "Write an event's queue as iCalendar to-dos, CSV or a Markdown report");
        m_export->add_option("--event", m_event, "event id or name")->required();
        m_export->add_option("--format", m_format, "ics, csv or md")->required()->check(CLI::IsMember({"ics", "csv", "md"}));
        m_export->add_option("FILE", m_file, "output file, - for standard output")->required();
        m_export->add_flag("--force", m_force, "replace FILE when it exists");
        m_export->add_flag("--json", asJson, "print JSON");

        m_mailto = m_queue->add_subcommand("mailto", "Print a mailto: link with the item's draft");
        m_mailto->add_option("ITEM", m_item, "queue item id")->required();

        m_cold = m_queue->add_subcommand("cold", "People going cold: few interactions and a long silence");
        m_cold->add_option("--today", m_today, "the date to count from, YYYY-MM-DD (default: today)");
        m_cold->add_option("--days", m_silence, "silence that counts as cold (default 60)");
        m_cold->add_flag("--json", asJson, "print JSON");

        m_templates = app.add_subcommand("templates", "Message templates for follow-up drafts");
        m_templates->add_flag("--json", asJson, "print JSON");
        m_templateSet = m_templates->add_subcommand("set", "Change or add a template");
        m_templateSet->add_option("NAME", m_template, "template name, e.g. thank_you")->required();
        m_templateSet->add_option("--subject", m_subject, "subject line with {placeholders}");
        m_templateSet->add_option("--body", m_body, "message with {placeholders}");
        m_templateSet->add_flag("--json", asJson, "print JSON");

        m_settings = app.add_subcommand("settings", "Your own settings (my_name signs drafts)");
        m_settings->add_flag("--json", asJson, "print JSON");
        m_settingSet = m_settings->add_subcommand("set", "Set a setting");
        m_settingSet->add_option("KEY", m_key, "my_name")->required()->check(CLI::IsMember({"my_name"}));
        m_settingSet->add_option("VALUE", m_value, "value")->required();
    }

    bool selected() const override { return *m_queue || *m_templates || *m_settings; }
    bool readsOnly() const override { return bool(*m_export); }
    bool writesNothing() const override {
        // The list, an export and the cold list; drafts, marks and generation write.
        return *m_queue && !*m_generate && !*m_draft && !*m_edit && !*m_mark && !*m_snooze && !*m_mailto;
    }

    int run(Store& store, std::ostream& out, bool asJson) override {
        FollowUpsRepo repo(store);
        if (*m_templates) return runTemplates(store, repo, out, asJson);
        if (*m_settings) return runSettings(store, repo, out, asJson);
        if (*m_generate) return runGenerate(store, out, asJson);
        if (*m_draft) return runDraft(store, out, asJson);
        if (*m_edit) return runEdit(store, repo, out, asJson);
        if (*m_mark || *m_snooze) return runStatus(store, repo, out, asJson);
        if (*m_export) return runExport(store, repo, out, asJson);
        if (*m_mailto) return runMailto(store, repo, out);
        if (*m_cold) return runCold(store, out, asJson);
        return runList(store, repo, out, asJson);
    }

private:
    int runGenerate(Store& store, std::ostream& out, bool asJson) {
        Event event = resolveEvent(store, m_event);
        std::string today = todayOr(m_today);
        QueueReport r = generateQueue(store, event.id, today);
        if (asJson) {
            json added = json::array(), dropped = json::array();
            for (auto& f : r.added) added.push_back(itemJson(f));
            for (auto& f : r.dropped) dropped.push_back(itemJson(f));
            out << json{{"event_id", event.id}, {"today", today}, {"added", added}, {"dropped", dropped},
                        {"skipped", r.skipped}, {"unknown_placeholders", r.unknownPlaceholders}}.dump(2) << "\n";
            return 0;
        }
        out << (r.added.empty() ? "Nothing new" : "Added " + std::to_string(r.added.size()) + " item" +
                                                    (r.added.size() == 1 ? "" : "s"))
            << " for " << event.name << " (as of " << today << ")\n";
        for (auto& f : r.added)
            out << std::setw(6) << f.id << "  " << f.dueDate << "  " << std::left << std::setw(16) << f.kind << std::right
                << f.personName << "  [" << f.rule << "]\n        " << f.reason << "\n";
        for (auto& f : r.dropped) out << "  let go #" << f.id << " " << f.personName << ": " << f.reason << "\n";
        for (auto& s : r.skipped) out << "  note: " << s << "\n";
        for (auto& u : r.unknownPlaceholders) out << "  warning: unknown placeholder " << u << " left in the draft\n";
        return 0;
    }

    int runList(Store& store, FollowUpsRepo& repo, std::ostream& out, bool asJson) {
        std::string today = todayOr(m_today);
        FollowUpQuery q;
        if (!m_event.empty()) q.eventId = resolveEvent(store, m_event).id;
        q.statuses = {"open", "drafted", "snoozed"};
        std::vector<FollowUp> items = repo.list(q);
        sortQueue(items);
        std::vector<std::string> groups = {"overdue", "today", "week", "later"};
        if (m_due == "overdue") groups = {"overdue"};
        else if (m_due == "today") groups = {"overdue", "today"};
        else if (m_due == "week") groups = {"overdue", "today", "week"};
        if (asJson) {
            json arr = json::array();
            for (auto& f : items) {
                std::string g = groupOf(f, today);
                if (std::find(groups.begin(), groups.end(), g) == groups.end()) continue;
                json j = itemJson(f);
                j["group"] = g;
                j["effective_due"] = effectiveDue(f);
                arr.push_back(j);
            }
            out << json{{"today", today}, {"items", arr}}.dump(2) << "\n";
            return 0;
        }
        bool any = false;
        for (auto& g : groups) {
            bool header = false;
            for (auto& f : items) {
                if (groupOf(f, today) != g) continue;
                if (!header) out << (any ? "\n" : "") << dueGroupTitle(dueGroupOf(f, today)) << "\n";
                header = any = true;
                out << std::setw(6) << f.id << "  " << effectiveDue(f) << "  " << std::left << std::setw(28)
                    << followUpKindLabel(f.kind) << std::right << f.personName;
                if (f.status != "open") out << "  (" << f.status << ")";
                out << "\n        " << f.reason << "\n";
            }
        }
        if (!any) out << "Nothing to follow up" << (m_due.empty() ? "" : " in that range") << ".\n";
        return 0;
    }

    int runDraft(Store& store, std::ostream& out, bool asJson) {
        RowId id = itemId(m_item);
        RenderedDraft d = draftFollowUp(store, id, m_template, todayOr(m_today)).value;
        std::vector<FollowUp> together;
        if (m_together) {
            together = followUpsDueTogether(store, id);
            std::vector<std::string> unknown = d.unknown;
            d = combinedDraft(store, id);
            d.unknown = unknown;
        }
        auto item = FollowUpsRepo(store).find(id);
        auto person = PeopleRepo(store).find(item->personId);
        const Reach reach = person ? reachOf(*person) : Reach{};
        std::vector<Note> notes = notesBehind(store, id);
        std::vector<std::string> blanks = draftBlanks(d.text());
        const LinkedInText linkedIn = linkedInText(d.body, reach.connection);
        if (asJson) {
            json arr = json::array(), ids = json::array();
            for (auto& n : notes) arr.push_back({{"id", n.id}, {"body", n.body}});
            for (auto& f : together) ids.push_back(f.id);
            json j{{"id", id}, {"subject", d.subject}, {"body", d.body}, {"unknown_placeholders", d.unknown},
                   {"blanks", blanks}, {"notes", arr}, {"channel", channelKey(reach.channel)},
                   {"to", reach.address}, {"together_with", ids}};
            if (reach.channel == Channel::LinkedIn)
                j["linkedin"] = {{"characters", linkedIn.characters}, {"limit", linkedIn.limit},
                                 {"cut_characters", linkedIn.cutCharacters}, {"text", linkedIn.text}};
            out << j.dump(2) << "\n";
            return 0;
        }
        if (reach.channel == Channel::LinkedIn) {
            // LinkedIn has no subject; a note with a connection request is short.
            out << "LinkedIn " << (reach.connection ? "message" : "connection note") << " to " << reach.address << " ("
                << linkedIn.characters << " of " << linkedIn.limit << " characters)\n\n"
                << linkedIn.text << "\n";
            if (linkedIn.cutCharacters)
                out << "\n(cut: " << linkedIn.cutCharacters << " characters over LinkedIn's limit of " << linkedIn.limit
                    << " are left out above; shorten it with `hallway queue edit " << id << " --body ...`)\n";
        } else {
            if (reach.channel == Channel::Email) out << "To: " << reach.address << "\n";
            else
                out << "To: (no email address or LinkedIn profile: add one with `hallway people set " << item->personId
                    << " --email ADDRESS` or `--url PROFILE`)\n";
            out << "Subject: " << d.subject << "\n\n" << d.body << "\n";
        }
        if (!together.empty()) {
            out << "\nOne message for " << together.size() + 1 << " items (#" << id;
            for (auto& f : together) out << ", #" << f.id << " " << followUpKindLabel(f.kind);
            out << "): `hallway queue mark " << id << " sent --together` marks them all\n";
        }
        for (auto& u : d.unknown) out << "warning: unknown placeholder {" << u << "} left in the draft; fix the template\n";
        if (!blanks.empty())
            out << "\nTo fill before sending (`hallway queue edit " << id << " --body ...`): " << joined(blanks) << "\n";
        if (!notes.empty()) {
            out << "\nYour notes (private: never part of the draft)\n";
            for (auto& n : notes) {
                std::string body = n.body;
                for (size_t at = body.find('\n'); at != std::string::npos; at = body.find('\n', at + 1))
                    body.replace(at, 1, "\n    ");
                out << "  - " << body << "\n";
            }
        }
        return 0;
    }

    int runEdit(Store& store, FollowUpsRepo& repo, std::ostream& out, bool asJson) {
        RowId id = itemId(m_item);
        auto item = repo.find(id);
        if (!item) throw CommandError("no queue item " + m_item + " (see `hallway queue`)");
        std::string subject = m_subject.empty() ? splitDraft(currentDraft(store, *item)).first : m_subject;
        std::string draft = "Subject: " + subject + "\n\n" + m_body;
        setFollowUpDraft(store, {id}, draft, true);
        std::vector<std::string> blanks = draftBlanks(draft);
        if (asJson) out << json{{"id", id}, {"draft", draft}, {"blanks", blanks}}.dump(2) << "\n";
        else {
            out << "Saved your draft for " << item->personName << "\n";
            if (!blanks.empty()) out << "still to fill: " << joined(blanks) << "\n";
        }
        return 0;
    }

    // The notes of the item's event that link its person, oldest first.
    static std::vector<Note> notesBehind(Store& store, RowId id) {
        auto item = FollowUpsRepo(store).find(id);
        std::vector<Note> out;
        if (!item) return out;
        for (auto& n : NotesRepo(store).notesAbout(item->personId))
            if (n.eventId == item->eventId) out.push_back(std::move(n));
        return out;
    }

    static std::string joined(const std::vector<std::string>& list) {
        std::string s;
        for (auto& x : list) s += (s.empty() ? "" : ", ") + x;
        return s;
    }

    int runStatus(Store& store, FollowUpsRepo& repo, std::ostream& out, bool asJson) {
        RowId id = itemId(m_item);
        std::string today = todayOr(m_today);
        auto item = repo.find(id);
        if (!item) throw CommandError("no queue item " + m_item + " (see `hallway queue`)");
        std::vector<RowId> alsoMarked;
        if (*m_mark) {
            try {
                if (m_together) {
                    alsoMarked = markFollowUpsTogether(store, id, m_status, today).value;
                    alsoMarked.erase(std::remove(alsoMarked.begin(), alsoMarked.end(), id), alsoMarked.end());
                } else {
                    markFollowUp(store, id, m_status, today);
                }
            } catch (const std::invalid_argument& e) {
                throw CommandError("not marked sent: " + cliMessage(e));
            }
        } else {
            std::string until = m_until;
            auto count = [&](char unit) { return std::atoi(m_until.substr(0, m_until.size() - 1).c_str()) * (unit == 'w' ? 7 : 1); };
            if (!m_until.empty() && (m_until.back() == 'd' || m_until.back() == 'w') && count(m_until.back()) > 0)
                until = addDays(today, count(m_until.back()));
            else if (!isValidDate(m_until))
                throw CommandError("snooze wants 3d, 1w or a date YYYY-MM-DD, got '" + m_until + "'");
            if (until <= today) throw CommandError("snooze until a day after today (" + today + ")");
            snoozeFollowUp(store, id, until, today);
        }
        auto now = repo.find(id);
        if (asJson) {
            json j = itemJson(*now);
            if (m_together) j["together_with"] = alsoMarked;
            out << j.dump(2) << "\n";
        } else {
            out << "#" << id << " " << followUpKindLabel(now->kind) << " for " << now->personName << ": " << now->status
                << (now->snoozedUntil ? " until " + *now->snoozedUntil : "") << "\n";
            for (RowId other : alsoMarked)
                if (auto o = repo.find(other))
                    out << "#" << other << " " << followUpKindLabel(o->kind) << " for " << o->personName << ": "
                        << o->status << " (same message)\n";
        }
        return 0;
    }

    int runExport(Store& store, FollowUpsRepo& repo, std::ostream& out, bool asJson) {
        const bool toStdout = m_file == "-";
        if (toStdout && asJson) throw CommandError("queue export - writes the export itself; --json does not apply");
        if (!toStdout) checkWritePath(m_file, store.path());  // refused before any work
        Event event = resolveEvent(store, m_event);
        FollowUpQuery q;
        q.eventId = event.id;
        std::vector<FollowUp> items = repo.list(q);
        // Drafts are rendered when needed: the exports carry the message as it would go out.
        for (auto& f : items) f.draft = currentDraft(store, f);
        std::string bytes;
        if (m_format == "ics") {
            bytes = followUpsToICalendar(items);
        } else {
            QueueInputs in = repo.loadInputs(event.id);
            if (m_format == "csv") {
                std::map<RowId, std::string> emails;
                for (auto& [id, p] : in.people) emails[id] = p.email;
                bytes = followUpsToCsv(items, emails);
            } else {
                bytes = eventReportMarkdown(in, items);
            }
        }
        if (toStdout) {
            out << bytes;
            return 0;
        }
        writeUserFile(m_file, bytes, store.path(), m_force);
        if (asJson) out << json{{"file", m_file}, {"format", m_format}, {"items", items.size()}}.dump(2) << "\n";
        else out << "Wrote " << items.size() << " item" << (items.size() == 1 ? "" : "s") << " to " << m_file << "\n";
        return 0;
    }

    int runMailto(Store& store, FollowUpsRepo& repo, std::ostream& out) {
        RowId id = itemId(m_item);
        auto item = repo.find(id);
        if (!item) throw CommandError("no queue item " + m_item + " (see `hallway queue`)");
        auto person = PeopleRepo(store).find(item->personId);
        if (!person || person->emails.empty()) {
            const Reach reach = person ? reachOf(*person) : Reach{};
            if (reach.channel == Channel::LinkedIn)
                throw CommandError(item->personName + " has no email address but a LinkedIn profile (" + reach.address +
                                   "): `hallway queue draft " + m_item + "` prints the message to paste there");
            throw CommandError(item->personName + " has no email address (add one with `hallway people set " +
                               std::to_string(item->personId) + " --email ADDRESS`)");
        }
        auto [subject, body] = splitDraft(currentDraft(store, *item));
        out << mailtoUrl(person->emails.front().value, subject, body) << "\n";
        return 0;
    }

    int runCold(Store& store, std::ostream& out, bool asJson) {
        std::string today = todayOr(m_today);
        auto cold = peopleGoingCold(store, today, m_silence);
        if (asJson) {
            json arr = json::array();
            for (auto& c : cold)
                arr.push_back({{"person_id", c.person.id}, {"name", c.person.displayName}, {"days_silent", c.daysSilent},
                               {"interactions", c.person.warmth.interactions}, {"why", c.why}});
            out << arr.dump(2) << "\n";
            return 0;
        }
        if (cold.empty()) out << "Nobody is going cold.\n";
        for (auto& c : cold)
            out << std::setw(6) << c.person.id << "  " << c.person.displayName << ": " << c.daysSilent
                << " days silent, " << c.why << "\n";
        return 0;
    }

    int runTemplates(Store& store, FollowUpsRepo& repo, std::ostream& out, bool asJson) {
        ensureDefaultTemplates(store);
        if (*m_templateSet) {
            std::vector<std::string> unknown;
            try {
                unknown = saveTemplate(store, m_template, m_subject, m_body).value;
            } catch (const std::invalid_argument&) {
                throw CommandError("a new template needs --body");
            }
            if (asJson) {
                out << json{{"name", m_template}, {"unknown_placeholders", unknown}}.dump(2) << "\n";
            } else {
                out << "Saved template " << m_template << "\n";
                for (auto& u : unknown)
                    out << "warning: {" << u << "} is not a known placeholder and will show as is; known: " << knownList()
                        << "\n";
            }
            return 0;
        }
        auto list = repo.templates();
        if (asJson) {
            json arr = json::array();
            for (auto& t : list)
                arr.push_back({{"name", t.name}, {"kind", t.kind}, {"subject", t.subject}, {"body", t.body}, {"builtin", t.builtin}});
            out << arr.dump(2) << "\n";
            return 0;
        }
        for (auto& t : list) out << std::left << std::setw(28) << t.name << std::right << (t.builtin ? "  " : "* ") << t.subject << "\n";
        out << "(* edited by you; placeholders: " << knownList() << ")\n";
        return 0;
    }

    int runSettings(Store& store, FollowUpsRepo& repo, std::ostream& out, bool asJson) {
        if (*m_settingSet) {
            setMyName(store, m_value);  // my_name is the one key the option accepts
            out << (asJson ? json{{m_key, m_value}}.dump(2) : "Set " + m_key + " to \"" + m_value + "\"") << "\n";
            return 0;
        }
        std::string name = repo.setting("my_name").value_or("");
        if (asJson) out << json{{"my_name", name}}.dump(2) << "\n";
        else out << "my_name: " << (name.empty() ? "(not set: drafts are unsigned)" : name) << "\n";
        return 0;
    }

    static std::string knownList() {
        std::string s;
        for (auto& k : knownPlaceholders()) s += (s.empty() ? "{" : ", {") + k + "}";
        return s;
    }

    CLI::App *m_queue = nullptr, *m_generate = nullptr, *m_draft = nullptr, *m_edit = nullptr, *m_mark = nullptr,
             *m_snooze = nullptr,
             *m_export = nullptr, *m_mailto = nullptr, *m_cold = nullptr, *m_templates = nullptr,
             *m_templateSet = nullptr, *m_settings = nullptr, *m_settingSet = nullptr;
    std::string m_event, m_due, m_today, m_item, m_template, m_status, m_until, m_format, m_file, m_subject, m_body,
        m_key, m_value;
    int m_silence = 60;
    bool m_force = false;
    bool m_together = false;
};

}  // namespace

std::unique_ptr<CommandGroup> makeQueueCommands() { return std::make_unique<QueueCommands>(); }

}  // namespace hallway::cli
