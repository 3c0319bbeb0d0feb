// The GUI front end. The app shell owns GLFW, OpenGL and the ImGui context.
#pragma once
#include "cli/cli.h"

namespace hallway::ui {

// Opens the window on the database in `request` and runs until closed; with a
// screenshot path, renders that view to PNG after a few frames and returns.
int runApp(const GuiRequest& request);

}  // namespace hallway::ui
