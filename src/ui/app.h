// The GUI front end. The app shell owns GLFW, OpenGL and the ImGui context.
#pragma once
#include <cstdint>
#include <chrono>
#include <optional>
#include <string>

#include "core/model.h"

namespace hallway::ui {

// SQLite's soft heap limit in the app (limitSqliteMemory). The store asks for
// a 64 MiB page cache (for imports), which a long session of browsing fills
// with pages read once. Visiting every view at the power tier takes about
// 24 MiB; 16 would save 5 MB more but re-reads pages (a note saved on a busy
// person's page: 6 -> 9 ms).
constexpr std::int64_t kAppSqliteMemory = std::int64_t(24) << 20;

// What the app opens on: its own struct, so the UI does not depend on the CLI
// (src/app/main.cpp fills it from the CLI's GuiRequest).
struct AppOptions {
    std::string dbPath;
    std::optional<std::string> screenshotPath;  // render one view to PNG and exit
    std::string view = "plan";                  // plan, capture, followup, people
    std::optional<RowId> eventId;
    std::optional<std::string> openFile;        // absolute path to show in the import dialog
    int width = 1280;
    int height = 800;
    // When main() began: the startup timing counts from it (else from runApp).
    std::optional<std::chrono::steady_clock::time_point> mainStarted;
};

// Opens the window on the database in `request` and runs until closed; with a
// screenshot path, renders that view to PNG after a few frames and returns.
int runApp(const AppOptions& request);

}  // namespace hallway::ui
