// The `hallway` binary: subcommands run the CLI; no subcommand opens the GUI.
#include <iostream>
#include <string>
#include <vector>

#include "cli/cli.h"
#ifdef HALLWAY_WITH_GUI
#include "ui/app.h"
#endif

int main(int argc, char** argv) {
    std::vector<std::string> args(argv, argv + argc);
    hallway::GuiLauncher launcher;
#ifdef HALLWAY_WITH_GUI
    launcher = [](const hallway::GuiRequest& request) { return hallway::ui::runApp(request); };
#endif
    return hallway::runCli(args, std::cout, std::cerr, launcher);
}
