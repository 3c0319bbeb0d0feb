// `hallway backup [FILE]`, `hallway restore FILE`, `hallway backups`.
#include <iomanip>
#include <iostream>

#include "cli/cli_common.h"
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
        m_backup = app.add_subcommand("backup", "Copy the database (default: into the backups folder beside it)");
        m_backup->add_option("FILE", m_file, "where to write the copy");
        m_backup->add_flag("--json", asJson, "print JSON");

        m_restore = app.add_subcommand("restore", "Replace the database with a backup (the current one is backed "
                                                  "up first)");
        m_restore->add_option("FILE", m_file, "backup file (see `hallway backups`)")->required();
        m_restore->add_flag("--json", asJson, "print JSON");

        m_list = app.add_subcommand("backups", "List the automatic backups, oldest first");
        m_list->add_flag("--json", asJson, "print JSON");
    }

    bool selected() const override { return *m_backup || *m_restore || *m_list; }

    int run(Store& store, std::ostream& out, bool asJson) override {
        if (store.path().empty() || store.path() == ":memory:")
            throw CommandError("an in-memory database has no backups");

        if (*m_backup) {
            std::string path = m_file;
            if (path.empty()) path = takeAutomaticBackup(store, "manual");
            else backupDatabase(store, path);
            if (asJson) out << json{{"backup", path}, {"schema", store.schemaVersion()}}.dump(2) << "\n";
            else out << "Backed up " << store.path() << " to " << path << "\n";
            return 0;
        }

        if (*m_restore) {
            RestoreReport r = restoreDatabase(store.path(), m_file);
            store.migrate();  // a backup from an older schema is upgraded now, not at the next start
            if (asJson) {
                out << json{{"restored_from", r.restoredFrom},
                            {"previous_database_saved_to", r.safetyBackup},
                            {"backup_schema", r.schemaVersion},
                            {"schema", store.schemaVersion()}}
                           .dump(2)
                    << "\n";
            } else {
                out << "Restored " << store.path() << " from " << r.restoredFrom << "\n";
                if (!r.safetyBackup.empty()) out << "  the database as it was is saved in " << r.safetyBackup << "\n";
                if (r.schemaVersion != store.schemaVersion())
                    out << "  upgraded from schema " << r.schemaVersion << " to " << store.schemaVersion() << "\n";
            }
            return 0;
        }

        auto list = listBackups(store.path());
        if (asJson) {
            json arr = json::array();
            for (const auto& b : list)
                arr.push_back({{"path", b.path}, {"bytes", b.bytes}, {"modified", localStamp(b.modified)}});
            out << arr.dump(2) << "\n";
        } else if (list.empty()) {
            out << "No backups yet in " << backupFolder(store.path()) << " (make one: hallway backup)\n";
        } else {
            for (const auto& b : list)
                out << localStamp(b.modified) << "  " << std::setw(10) << b.bytes << "  " << b.path << "\n";
            out << list.size() << " backup" << (list.size() == 1 ? "" : "s") << "; the newest " << kKeptBackups
                << " automatic ones are kept\n";
        }
        return 0;
    }

private:
    CLI::App* m_backup = nullptr;
    CLI::App* m_restore = nullptr;
    CLI::App* m_list = nullptr;
    std::string m_file;
};

}  // namespace

std::unique_ptr<CommandGroup> makeBackupCommands() { return std::make_unique<BackupCommands>(); }

}  // namespace hallway::cli
