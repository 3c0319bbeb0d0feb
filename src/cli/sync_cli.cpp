// `hallway sync` (one round), `hallway sync setup`, `hallway sync status`.
// The password is read from --password-file, HALLWAY_SYNC_PASSWORD, the
// terminal (setup) or where setup kept it; it is never printed.
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <optional>

#include "cli/cli_common.h"
#include "core/text.h"
#include "core/time_util.h"
#include "services/sync_secret.h"
#include "services/sync_service.h"
#include "store/store.h"

namespace hallway::cli {
namespace {

using nlohmann::json;

std::string when(Instant t) { return t ? isoString(t, systemTimeZone()) : "never"; }

struct SendFields {
    bool howMet = false, facts = false;
};

// "how-met,facts", "facts", "none"...: the private fields a card may carry.
SendFields parseSendFields(const std::string& list) {
    SendFields f;
    std::size_t at = 0;
    while (at <= list.size()) {
        std::size_t comma = std::min(list.find(',', at), list.size());
        std::string item = text::lower(text::trim(list.substr(at, comma - at)));
        if (item == "how-met") f.howMet = true;
        else if (item == "facts") f.facts = true;
        else if (item != "none" && !item.empty())
            throw CommandError("--send: unknown field \"" + item + "\" (give how-met, facts, both as how-met,facts, or none)");
        at = comma + 1;
    }
    return f;
}

std::string sentText(bool howMet, bool facts) {
    if (howMet && facts) return "how-met, facts";
    if (howMet) return "how-met";
    if (facts) return "facts";
    return "none";
}

// Typed at the terminal without echo.
std::string promptPassword(const std::string& prompt) {
    if (!isatty(0)) throw CommandError("no password: give --password-file FILE or HALLWAY_SYNC_PASSWORD");
    std::cerr << prompt << std::flush;
    termios old{};
    tcgetattr(0, &old);
    termios quiet = old;
    quiet.c_lflag &= ~tcflag_t(ECHO);
    tcsetattr(0, TCSANOW, &quiet);
    std::string line;
    std::getline(std::cin, line);
    tcsetattr(0, TCSANOW, &old);
    std::cerr << "\n";
    if (line.empty()) throw CommandError("no password given");
    return line;
}

class SyncCommands : public CommandGroup {
public:
    void declare(CLI::App& app, bool& asJson) override {
        m_sync = app.add_subcommand("sync", "Sync with your CardDAV/CalDAV server (Nextcloud, Radicale, Fastmail...): "
                                            "one round, or setup and status");
        m_sync->add_option("--password-file", m_passwordFile, "read the password from the first line of FILE");
        m_sync->add_flag("--json", asJson, "print JSON: what the round did");
        m_sync->require_subcommand(0, 1);

        m_setup = m_sync->add_subcommand("setup", "Link a server: find the account (RFC 6764), create the \"Hallway\" "
                                                  "address book and \"Hallway follow-ups\" task list when missing");
        m_setup->add_option("--url", m_url, "the server's address, e.g. https://cloud.example.org")->required();
        m_setup->add_option("--user", m_user, "user name on the server")->required();
        m_setup->add_option("--password-file", m_passwordFile, "read the password from the first line of FILE");
        m_setup->add_option("--ca-file", m_caFile, "trust this CA certificate (PEM) too, for a self-hosted server");
        m_setup->add_flag("--allow-http", m_allowHttp,
                          "allow plain http:// to another machine (your password would travel unencrypted)");
        m_setup->add_option("--send", m_send,
                            "private fields the cards may carry: how-met, facts, how-met,facts or none (the default; "
                            "kept as it was when linking again)");
        m_setup->add_flag("--json", asJson, "print JSON");

        m_sendCmd = m_sync->add_subcommand("send", "Choose which private fields the cards carry from the next round on: "
                                                   "how-met, facts, how-met,facts or none");
        m_sendCmd->add_option("FIELDS", m_send, "how-met, facts, how-met,facts or none")->required();
        m_sendCmd->add_flag("--json", asJson, "print JSON");

        m_status = m_sync->add_subcommand("status", "What is linked, the last round, pending changes, conflicts");
        m_status->add_flag("--json", asJson, "print JSON");
    }

    bool selected() const override { return bool(*m_sync); }

    int run(Store& store, std::ostream& out, bool asJson) override {
        if (*m_setup) return setup(store, out, asJson);
        if (*m_sendCmd) return send(store, out, asJson);
        if (*m_status) return status(store, out, asJson);
        return round(store, out, asJson);
    }

private:
    std::string givenPassword() {
        if (!m_passwordFile.empty()) return readPasswordFile(m_passwordFile);
        if (const char* env = std::getenv("HALLWAY_SYNC_PASSWORD"); env && *env) return env;
        return "";
    }

    int send(Store& store, std::ostream& out, bool asJson) {
        SendFields f = parseSendFields(m_send);
        setSyncSendFields(store, f.howMet, f.facts);
        if (asJson) {
            out << json{{"send", {{"how_met", f.howMet}, {"facts", f.facts}}}}.dump(2) << "\n";
            return 0;
        }
        out << "Private fields in the cards from the next round on: " << sentText(f.howMet, f.facts) << "\n";
        if (!f.howMet || !f.facts) out << "  what is not sent is taken off the server's cards at the next round\n";
        return 0;
    }

    int setup(Store& store, std::ostream& out, bool asJson) {
        std::optional<SendFields> send;
        if (!m_send.empty()) send = parseSendFields(m_send);  // a typo fails before any request
        std::string password = givenPassword();
        bool typed = password.empty();
        if (typed) password = promptPassword("Password for " + m_user + " at " + m_url + ": ");
        SyncSetupOptions o{m_url, m_user, password, m_caFile, m_allowHttp};
        SyncLinkResult linked = linkSyncAccount(store, o);
        const SyncSetupResult& r = linked.setup;
        const StoredSecret& kept = linked.kept;
        if (send) setSyncSendFields(store, send->howMet, send->facts);
        const auto account = syncAccount(store);
        const bool howMet = account && account->sendHowMet, facts = account && account->sendFacts;
        if (!kept.warning.empty()) std::cerr << "hallway: warning: " << kept.warning << "\n";
        if (asJson) {
            out << json{{"url", m_url},
                        {"user", m_user},
                        {"principal", r.account.principal},
                        {"address_book", r.addressBook},
                        {"task_list", r.taskList},
                        {"created", r.created},
                        {"password_kept_in", kept.where},
                        {"send", {{"how_met", howMet}, {"facts", facts}}}}
                       .dump(2)
                << "\n";
            return 0;
        }
        out << "Linked " << m_user << " at " << m_url << "\n";
        out << "  address book \"Hallway\":             " << r.addressBook << "\n";
        out << "  task list \"Hallway follow-ups\":     " << r.taskList << "\n";
        for (auto& c : r.created) out << "  created \"" << c << "\"\n";
        out << "  password kept in " << (kept.where == "libsecret" ? "the desktop's Secret Service" : syncPasswordFile())
            << "\n";
        out << "  private fields in the cards: " << sentText(howMet, facts)
            << (howMet || facts ? "" : " (notes and facts stay here; hallway sync send to change it)") << "\n";
        out << "Run hallway sync for the first round.\n";
        return 0;
    }

    int round(Store& store, std::ostream& out, bool asJson) {
        SyncStatusReport before = syncStatus(store);
        if (!before.account) throw CommandError("no sync is set up: run hallway sync setup --url URL --user NAME");
        std::string password = givenPassword();
        if (password.empty()) password = storedSyncPassword(*before.account);
        SyncRoundOptions o;
        o.password = password;
        SyncRoundReport r = runSyncRound(store, o);
        if (asJson) {
            out << json{{"people_pushed", r.peoplePushed},
                        {"people_updated", r.peopleUpdated},
                        {"people_added", r.peopleAdded},
                        {"people_matched", r.peopleMatched},
                        {"people_removed_on_server", r.peopleRemovedOnServer},
                        {"cards_deleted", r.cardsDeleted},
                        {"tasks_pushed", r.tasksPushed},
                        {"tasks_completed", r.tasksCompleted},
                        {"tasks_snoozed", r.tasksSnoozed},
                        {"tasks_dropped", r.tasksDropped},
                        {"events_pushed", r.eventsPushed},
                        {"events_deleted", r.eventsDeleted},
                        {"conflicts", r.conflicts},
                        {"requests", r.requests},
                        {"warnings", r.warnings}}
                       .dump(2)
                << "\n";
            return 0;
        }
        out << "Synced with " << before.account->url << " (" << r.requests << " requests)\n";
        out << "  people: " << r.peoplePushed << " written, " << r.peopleUpdated << " updated from the server, "
            << r.peopleAdded << " added from new cards, " << r.peopleMatched << " new cards matched to people here, "
            << r.peopleRemovedOnServer << " cards deleted on the server (the people stay here)\n";
        out << "  follow-ups: " << r.tasksPushed << " written, " << r.tasksCompleted << " completed there, "
            << r.tasksSnoozed << " moved there (snoozed), " << r.tasksDropped << " deleted there (dropped)\n";
        out << "  schedule: " << r.eventsPushed << " written, " << r.eventsDeleted << " removed\n";
        if (r.conflicts) out << "  " << r.conflicts << " new conflicts: see hallway sync status\n";
        for (auto& w : r.warnings) out << "  warning: " << w << "\n";
        return 0;
    }

    int status(Store& store, std::ostream& out, bool asJson) {
        SyncStatusReport s = syncStatus(store);
        if (asJson) {
            if (!s.account) {
                out << json{{"configured", false}}.dump(2) << "\n";
                return 0;
            }
            json cols = json::array();
            for (auto& c : s.collections)
                cols.push_back({{"kind", c.kind}, {"name", c.displayName}, {"url", c.url},
                                {"event_id", c.eventId ? json(*c.eventId) : json(nullptr)}});
            json conflicts = json::array();
            for (auto& c : s.conflicts)
                conflicts.push_back({{"person_id", c.localId}, {"person", c.name}, {"field", c.field},
                                     {"here", c.localValue}, {"server", c.remoteValue}});
            out << json{{"configured", true},
                        {"url", s.account->url},
                        {"user", s.account->user},
                        {"principal", s.account->principal},
                        {"password_kept_in", s.account->secretStore},
                        {"send", {{"how_met", s.account->sendHowMet}, {"facts", s.account->sendFacts}}},
                        {"collections", cols},
                        {"linked", {{"people", s.counts.people}, {"tasks", s.counts.tasks}, {"events", s.counts.events}}},
                        {"removed_on_server", s.counts.removedOnServer},
                        {"pending", {{"people", s.pendingPeople}, {"tasks", s.pendingTasks}}},
                        {"conflicts", conflicts},
                        {"last_round_at", s.account->lastRoundAt ? json(s.account->lastRoundAt) : json(nullptr)},
                        {"last_ok_at", s.account->lastOkAt ? json(s.account->lastOkAt) : json(nullptr)},
                        {"last_error", s.account->lastError}}
                       .dump(2)
                << "\n";
            return 0;
        }
        if (!s.account) {
            out << "No sync is set up. Link your server with: hallway sync setup --url URL --user NAME\n";
            return 0;
        }
        out << "Linked " << s.account->user << " at " << s.account->url << "\n";
        for (auto& c : s.collections) out << "  " << c.kind << " \"" << c.displayName << "\": " << c.url << "\n";
        out << "Private fields in the cards: " << sentText(s.account->sendHowMet, s.account->sendFacts) << "\n";
        out << "Last round: " << when(s.account->lastRoundAt) << (s.account->lastError.empty() ? "" : " (failed)")
            << "; last that worked: " << when(s.account->lastOkAt) << "\n";
        if (!s.account->lastError.empty()) out << "  error: " << s.account->lastError << "\n";
        out << "On the server: " << s.counts.people << " people, " << s.counts.tasks << " follow-ups, "
            << s.counts.events << " calendar entries\n";
        if (s.counts.removedOnServer)
            out << "Deleted on the server and kept here (not written again): " << s.counts.removedOnServer << "\n";
        out << "Waiting for the next round: " << s.pendingPeople << " people, " << s.pendingTasks << " follow-ups\n";
        if (!s.conflicts.empty()) {
            out << "Conflicts (both values kept; the one here stays until you change it):\n";
            for (auto& c : s.conflicts)
                out << "  " << c.name << " #" << c.localId << " " << c.field << ": here \"" << c.localValue
                    << "\", server \"" << c.remoteValue << "\"\n";
        }
        return 0;
    }

    CLI::App* m_sync = nullptr;
    CLI::App* m_setup = nullptr;
    CLI::App* m_status = nullptr;
    CLI::App* m_sendCmd = nullptr;
    std::string m_url, m_user, m_passwordFile, m_caFile, m_send;
    bool m_allowHttp = false;
};

}  // namespace

std::unique_ptr<CommandGroup> makeSyncCommands() { return std::make_unique<SyncCommands>(); }

}  // namespace hallway::cli
