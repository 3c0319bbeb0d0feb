// The table of command families. To add one: a src/cli/<name>_cli.cpp with a
// CommandGroup and its make function (cli_common.h), its declaration and one
// row below. --help lists each family's commands under its heading; the man
// page and the bash/zsh completions are generated from the same definitions.
#include "cli/cli_common.h"

namespace hallway::cli {

// Each defined in the family's own file.
std::unique_ptr<CommandGroup> makeAgendaCommands();
std::unique_ptr<CommandGroup> makePeopleCommands();
std::unique_ptr<CommandGroup> makeCaptureCommands();
std::unique_ptr<CommandGroup> makeQueueCommands();
std::unique_ptr<CommandGroup> makeBackupCommands();
std::unique_ptr<CommandGroup> makeRefreshCommands();
std::unique_ptr<CommandGroup> makeSyncCommands();

const std::vector<CommandFamily>& commandFamilies() {
    static const std::vector<CommandFamily> table = {
        {"agenda", "Agenda", makeAgendaCommands},
        {"people", "People, targets and goals", makePeopleCommands},
        {"capture", "Notes, search and who you met", makeCaptureCommands},
        {"queue", "Follow-ups and drafts", makeQueueCommands},
        {"backup", "Backups", makeBackupCommands},
        {"url", "Agendas by URL", makeRefreshCommands},
        {"sync", "Sync", makeSyncCommands},
    };
    return table;
}

}  // namespace hallway::cli
