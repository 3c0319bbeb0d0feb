#include "ui/app.h"

#include <iostream>

namespace hallway::ui {

int runApp(const GuiRequest&) {
    std::cerr << "hallway: the GUI is not built yet\n";
    return 2;
}

}  // namespace hallway::ui
