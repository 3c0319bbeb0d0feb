#include "cli/cli.h"

#include "cli/build_info.h"
#include "cli/cli_common.h"
#include "cli/cli_docs.h"

#include <CLI/CLI.hpp>

#include <charconv>
#include <filesystem>
#include <iostream>

#include "formats/agenda.h"
#include "services/safe_write.h"
#include "store/agenda_repo.h"
#include "store/schema.h"
#include "store/store.h"

namespace hallway {
namespace {

using cli::CommandError;
using cli::cliMessage;
using cli::parseRowId;

std::string versionText() {
    return std::string("hallway ") + HALLWAY_VERSION + " (commit " + buildCommit() + ", database schema " +
           std::to_string(schema::latestVersion()) + ")";
}

}  // namespace

namespace cli {

std::optional<RowId> parseRowId(const std::string& s) {
    RowId id = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
    if (ec != std::errc() || ptr != s.data() + s.size() || id <= 0) return std::nullopt;
    return id;
}

Event resolveEvent(Store& store, const std::string& selector) {
    if (auto id = parseRowId(selector)) {
        if (auto e = AgendaRepo(store).findEvent(*id)) return *e;
        throw CommandError("no event with id " + selector + " (see `hallway events`)");
    }
    if (auto e = AgendaRepo(store).findEventByName(selector)) return *e;
    throw CommandError("no event named '" + selector + "' (see `hallway events`)");
}

}  // namespace cli

int runCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, const GuiLauncher& launchGui,
           const std::vector<std::string>& guiViews) {
    CLI::App app{"Hallway: plan events, capture who you meet, follow up.\n"
                 "Run without a subcommand to open the app."};
    app.set_version_flag("--version", versionText(), "Print the version, the commit it was built from and the "
                                                     "database schema version, and exit");
    std::string dbPath = Store::defaultPath();
    app.add_option("--db", dbPath, "SQLite database file")->capture_default_str();

    GuiRequest gui;
    std::string sizeText;
    std::string guiEvent;
    app.add_option("--screenshot", gui.screenshotPath, "GUI: render a view to this PNG file and exit");
    std::string viewHelp;
    for (const auto& v : guiViews) viewHelp += (viewHelp.empty() ? " (" : ", ") + v;
    auto* view = app.add_option("--view", gui.view, "GUI: view to open" + viewHelp + (viewHelp.empty() ? "" : ")"));
    if (!guiViews.empty()) view->check(CLI::IsMember(guiViews));
    app.add_option("--size", sizeText, "GUI: window size WxH, e.g. 1280x800");
    app.add_option("--event", guiEvent, "GUI: event id to open");
    std::string openFile;
    app.add_option("FILE", openFile, "GUI: an agenda or contacts file to open in the import dialog");
    // For the build: the man page and shell completions, from these very definitions.
    std::string generate;
    app.add_option("--generate", generate)->group("")->check(CLI::IsMember({"man", "bash", "zsh"}));

    bool asJson = false;
    // Every command family declares its subcommands, listed in --help under the family's heading.
    std::vector<std::unique_ptr<cli::CommandGroup>> groups;
    for (const cli::CommandFamily& family : cli::commandFamilies()) {
        const size_t before = app.get_subcommands({}).size();
        groups.push_back(family.make());
        groups.back()->declare(app, asJson);
        const auto declared = app.get_subcommands({});
        for (size_t i = before; i < declared.size(); ++i) declared[i]->group(family.heading);
    }

    app.require_subcommand(0, 1);
    // Set last: subcommands made after it would inherit it in their --help.
    app.footer(cli::helpFooter());

    std::vector<const char*> argv;
    for (const auto& a : args) argv.push_back(a.c_str());
    try {
        app.parse(int(argv.size()), const_cast<char**>(argv.data()));
    } catch (const CLI::ParseError& e) {
        int code = app.exit(e, out, err);
        return code == 0 ? 0 : 2;
    }

    if (!generate.empty()) {
        if (generate == "man") out << cli::manPage(app, HALLWAY_VERSION);
        else if (generate == "bash") out << cli::bashCompletion(app);
        else out << cli::zshCompletion(app);
        return 0;
    }

    try {
        if (app.get_subcommands().empty()) {
            if (!openFile.empty()) {
                // `hallway FILE` from a launcher; a mistyped command name lands here too.
                std::error_code ec;
                if (!std::filesystem::is_regular_file(openFile, ec)) {
                    err << "hallway: '" << openFile << "' is neither a command nor a file (see hallway --help)\n";
                    return 2;
                }
                gui.openFile = std::filesystem::absolute(openFile, ec).string();
            }
            if (!sizeText.empty()) {
                int w = 0, h = 0;
                if (std::sscanf(sizeText.c_str(), "%dx%d", &w, &h) != 2 || w < 320 || h < 240 || w > 8192 ||
                    h > 8192)
                    throw CommandError("--size wants WIDTHxHEIGHT between 320x240 and 8192x8192, got '" + sizeText +
                                       "'");
                gui.width = w;
                gui.height = h;
            }
            if (!guiEvent.empty()) {
                auto id = parseRowId(guiEvent);
                if (!id) throw CommandError("--event wants an event id, got '" + guiEvent + "'");
                gui.eventId = id;
            }
            gui.dbPath = dbPath;
            if (!launchGui) {
                err << "hallway: this build has no GUI; use a subcommand (see --help)\n";
                return 2;
            }
            return launchGui(gui);
        }

        if (dbPath.empty()) throw CommandError("--db needs a file name; an empty one would keep nothing");
        if (dbPath == ":memory:" || dbPath.rfind("file::memory:", 0) == 0)
            throw CommandError("--db " + dbPath + " is a throwaway in-memory database: nothing would be kept; "
                               "give a file name");
        for (auto& g : groups)
            if (g->selected())
                if (auto code = g->runWithoutStore(dbPath, out, asJson)) return *code;

        std::optional<Store> opened;
        try {
            opened.emplace(dbPath);
        } catch (const StorageRefused&) {
            // Opening wanted a byte a full disk does not have; a command that
            // writes nothing reads without one.
            bool writesNothing = false;
            for (auto& g : groups) writesNothing |= g->selected() && g->writesNothing();
            if (!writesNothing) throw;
            Store::OpenOptions quiet;
            quiet.create = false;
            quiet.writesNothing = true;
            opened.emplace(dbPath, quiet);
        } catch (const DamagedDatabase& e) {
            bool readsOnly = false;
            for (auto& g : groups) readsOnly |= g->selected() && g->readsOnly();
            if (!readsOnly) throw;
            // An export saves what can still be read; nothing is written.
            err << "hallway: " << e.what() << "\n";
            Store::OpenOptions ro;
            ro.readOnly = true;
            opened.emplace(dbPath, ro);
        }
        Store& store = *opened;

        for (auto& g : groups)
            if (g->selected()) return g->run(store, out, asJson);
    } catch (const WouldReplace& e) {
        err << "hallway: " << e.what() << "; nothing was written (add --force to replace it)\n";
        return 1;
    } catch (const FormatError& e) {
        err << "hallway: " << cliMessage(e) << "\n";
        return 1;
    } catch (const StoreError& e) {
        err << "hallway: " << e.what() << "\n";
        return 1;
    } catch (const CommandError& e) {
        err << "hallway: " << e.what() << "\n";
        return 1;
    } catch (const std::exception& e) {
        // std::invalid_argument from the services carries a message for the user.
        err << "hallway: " << cliMessage(e) << "\n";
        return 1;
    }
    return 0;
}

}  // namespace hallway
