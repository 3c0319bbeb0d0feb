// `hallway backup [FILE]`, `hallway restore FILE`, `hallway backups`.
#include <iomanip>
#include <iostream>

#include "cli/cli_common.h"
#include "services/safe_write.h"
#include "store/backup.h"
#include "store/store.h"

namespace hallway::cli {
namespace {

using nlohmann::json;

std::string localStamp(std::int64_t unixSeconds) {
    std::time_t t = std::time_t(unixSeconds);
    std::tm local{};
    localtime_r(&t, &local);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &local);
    return text;
}

class BackupCommands : public CommandGroup {
public:
    void declare(CLI::App& app, bool& asJson) override {
        m_backup = app.add_subcommand("backup", "Copy the database (default: into its backups folder, kept until "
                                                "you delete it)");
        m_backup->add_option("FILE", m_file, "where to write the copy");
        m_backup->add_flag("--force", m_force, "replace FILE when it exists");
        m_backup->add_flag("--json", asJson, "print JSON");

        m_restore = app.add_subcommand("restore", "Replace the database with a backup (the current one is kept in "
                                                  "the backups folder)");
        m_restore->add_option("FILE", m_file, "backup file (see `hallway backups`)")->required();
        m_restore->add_flag("--json", asJson, "print JSON");

        m_list = app.add_subcommand("backups", "List the database's backups, oldest first, with what each holds");
        m_list->add_flag("--json", asJson, "print JSON");
    }

    bool selected() const override { return *m_backup || *m_restore || *m_list; }

    std::optional<int> runWithoutStore(const std::string& dbPath, std::ostream& out, bool asJson) override {
        if (*m_restore) return runRestore(dbPath, out, asJson);
        if (*m_list) return runList(dbPath, out, asJson);
        return std::nullopt;
    }

    int run(Store& store, std::ostream& out, bool asJson) override {
        std::string path = m_file;
        if (path.empty()) {
            path = takeAutomaticBackup(store, "manual");
        } else {
            if (checkWritePath(path, store.path()) == WriteCheck::ReplacesFile && !m_force) throw WouldReplace(path);
            backupDatabase(store, path);
        }
        if (asJson) out << json{{"backup", path}, {"schema", store.schemaVersion()}}.dump(2) << "\n";
        else out << "Backed up " << store.path() << " to " << path << "\n";
        return 0;
    }

private:
    int runRestore(const std::string& dbPath, std::ostream& out, bool asJson) {
        RestoreReport r = restoreDatabase(dbPath, m_file);
        Store store(dbPath);  // a backup from an older schema is upgraded now, not at the next start
        if (asJson) {
            out << json{{"restored_from", r.restoredFrom},
                        {"previous_database_saved_to", r.safetyBackup},
                        {"previous_was_damaged", r.replacedDamaged},
                        {"backup_schema", r.schemaVersion},
                        {"schema", store.schemaVersion()}}
                       .dump(2)
                << "\n";
        } else {
            out << "Restored " << dbPath << " from " << r.restoredFrom << "\n";
            if (r.replacedDamaged) out << "  the damaged database was moved to " << r.safetyBackup << "\n";
            else if (!r.safetyBackup.empty()) out << "  the database as it was is saved in " << r.safetyBackup << "\n";
            if (r.schemaVersion != store.schemaVersion())
                out << "  upgraded from schema " << r.schemaVersion << " to " << store.schemaVersion() << "\n";
        }
        return 0;
    }

    int runList(const std::string& dbPath, std::ostream& out, bool asJson) {
        auto list = listBackups(dbPath);
        if (asJson) {
            json arr = json::array();
            for (const auto& b : list) {
                BackupContents c = inspectBackup(b.path);
                json j{{"path", b.path},          {"bytes", b.bytes},   {"modified", localStamp(b.modified)},
                       {"reason", b.reason},      {"manual", b.manual}, {"readable", c.readable},
                       {"schema", c.schemaVersion}};
                if (c.readable) j.update({{"events", c.events}, {"people", c.people}, {"notes", c.notes}});
                else j["problem"] = c.problem;
                arr.push_back(j);
            }
            out << arr.dump(2) << "\n";
            return 0;
        }
        if (list.empty()) {
            out << "No backups yet in " << backupFolder(dbPath) << " (make one: hallway backup)\n";
            return 0;
        }
        for (const auto& b : list) {
            BackupContents c = inspectBackup(b.path);
            out << localStamp(b.modified) << "  " << std::left << std::setw(16) << b.reason << std::right << "  ";
            if (c.readable)
                out << std::setw(3) << c.events << " events " << std::setw(6) << c.people << " people " << std::setw(6)
                    << c.notes << " notes";
            else
                out << "(" << c.problem << ")";
            out << "  " << b.path << "\n";
        }
        int automatic = 0;
        for (const auto& b : list) automatic += !b.manual;
        out << list.size() << " backup" << (list.size() == 1 ? "" : "s") << " in " << backupFolder(dbPath)
            << "; manual ones are kept until you delete them, the newest " << kKeptBackups
            << " automatic ones (" << automatic << " now) and the newest of each kind are kept\n";
        out << "Put one back with: hallway --db " << dbPath << " restore FILE\n";
        return 0;
    }

    CLI::App* m_backup = nullptr;
    CLI::App* m_restore = nullptr;
    CLI::App* m_list = nullptr;
    std::string m_file;
    bool m_force = false;
};

}  // namespace

std::unique_ptr<CommandGroup> makeBackupCommands() { return std::make_unique<BackupCommands>(); }

}  // namespace hallway::cli
