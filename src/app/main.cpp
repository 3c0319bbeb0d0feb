// The `hallway` binary: subcommands run the CLI; no subcommand opens the GUI.
#include <chrono>
#include <iostream>
#include <string>
#include <vector>

#include "cli/cli.h"
#ifdef HALLWAY_WITH_GUI
#include "ui/app.h"
#include "ui/view.h"
#endif

int main(int argc, char** argv) {
    const auto mainStarted = std::chrono::steady_clock::now();
    std::vector<std::string> args(argv, argv + argc);
    hallway::GuiLauncher launcher;
    std::vector<std::string> views;
#ifdef HALLWAY_WITH_GUI
    launcher = [mainStarted](const hallway::GuiRequest& request) {
        hallway::ui::AppOptions options;
        options.dbPath = request.dbPath;
        options.screenshotPath = request.screenshotPath;
        options.view = request.view;
        options.eventId = request.eventId;
        options.openFile = request.openFile;
        options.width = request.width;
        options.height = request.height;
        options.mainStarted = mainStarted;
        return hallway::ui::runApp(options);
    };
    views = hallway::ui::viewKeys();
#endif
    return hallway::runCli(args, std::cout, std::cerr, launcher, views);
}
