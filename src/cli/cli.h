// The command-line front end: `hallway SUBCOMMAND ...`. Without a subcommand
// the `hallway` binary opens the GUI through the launcher it is given.
#pragma once
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "core/model.h"

namespace hallway {

struct GuiRequest {
    std::string dbPath;
    std::optional<std::string> screenshotPath;  // render one view to PNG and exit
    std::string view = "plan";                  // a view's key from the app's view table
    std::optional<RowId> eventId;
    std::optional<std::string> openFile;        // absolute path to show in the import dialog (`hallway FILE`)
    int width = 1280;
    int height = 800;
};

using GuiLauncher = std::function<int(const GuiRequest&)>;

// Runs the command line `args` (args[0] is the program name). Returns the
// process exit code: 0 success, 1 failed (bad file, database trouble), 2 usage.
// `guiViews`: the GUI's view keys in order (its view table), the only values
// `--view` takes and what its help lists; empty: `--view` is not checked.
int runCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
           const GuiLauncher& launchGui = {}, const std::vector<std::string>& guiViews = {});

}  // namespace hallway
