// Shared pieces of the CLI's command files.
#pragma once
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iosfwd>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/model.h"
#include "services/import_service.h"

namespace hallway {

class Store;

namespace cli {

// A failure the user must read: "hallway: MESSAGE" on stderr, exit code 1.
struct CommandError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

std::optional<RowId> parseRowId(const std::string& s);
Event resolveEvent(Store& store, const std::string& selector);
// "Sat 2023-09-10 10:30-10:50" in `zone`: a session's slot as session lists show it.
std::string slotText(Instant start, Instant end, const std::string& zone);

// A family of subcommands living in its own file.
class CommandGroup {
public:
    virtual ~CommandGroup() = default;
    // Declares the subcommands on `app`; `asJson` is the shared --json flag.
    virtual void declare(CLI::App& app, bool& asJson) = 0;
    // True when one of this group's subcommands was given.
    virtual bool selected() const = 0;
    // Runs the chosen subcommand; returns the exit code.
    virtual int run(Store& store, std::ostream& out, bool asJson) = 0;
    // True when the chosen subcommand only reads (an export): it still runs
    // on a damaged database, opened read-only.
    virtual bool readsOnly() const { return false; }
    // True when the chosen subcommand writes nothing to the database (lists,
    // show, search, exports): on a full disk it still runs, the database
    // opened with Store::OpenOptions::writesNothing.
    virtual bool writesNothing() const { return false; }
    // Runs a subcommand that must not open the database through Store
    // (restore, listing backups); nullopt when the chosen one needs it.
    virtual std::optional<int> runWithoutStore(const std::string& dbPath, std::ostream& out, bool asJson) {
        return std::nullopt;
    }
};

// One row per family of subcommands (commands.cpp): the command line is
// wiring over this table.
struct CommandFamily {
    const char* name;     // the family's file: src/cli/<name>_cli.cpp
    const char* heading;  // --help lists the family's commands under it
    std::unique_ptr<CommandGroup> (*make)();
};
// In --help order.
const std::vector<CommandFamily>& commandFamilies();

// One line for stderr: the facts of the services' structured errors
// (services/service_errors.h) with the options that fix them; else what().
std::string cliMessage(const std::exception& e);
// The import's note on the zone, with "choose another with --tz" when it was a guess.
std::string zoneNoteForCli(const ZoneDecision& zone);

// The counts and change list of an agenda import, as `import --json` and
// `refresh --json` both report them.
nlohmann::json importCountsJson(const AgendaImportReport& r);

// `hallway import URL`: fetches and imports. Returns the report, or nothing
// when the server said not modified (then it has printed "unchanged").
std::optional<AgendaImportReport> importFromUrl(Store& store, const std::string& url,
                                                const AgendaImportOptions& options, bool allowHttp, bool asJson,
                                                std::ostream& out);

}  // namespace cli
}  // namespace hallway
