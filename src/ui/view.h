// A view is one mode of the window (Plan, Capture, Follow up, People): the
// shell draws the current one under the mode bar. Every view is one row of
// the table in views.cpp, which the mode bar, Ctrl+digit, `--view`, the
// screenshot's view list and the benchmark iterate. To add a view: a
// `src/ui/<name>_view.{h,cpp}` pair deriving from View, and one row there.
#pragma once
#include <imgui.h>

#include <memory>
#include <string>
#include <vector>

#include "ui/app_state.h"

namespace hallway {
class Store;
}

namespace hallway::ui {

class View {
public:
    virtual ~View() = default;
    // Brings the view models up to date with the store (cheap when nothing
    // changed). The shell calls it each frame while the view shows, before draw.
    virtual void sync(Store& store, AppState& state) = 0;
    // Draws into the current window's remaining space.
    virtual void draw(Store& store, AppState& state) = 0;
    // The view became the shown one (a mode button, a shortcut, a jump).
    virtual void shown(AppState& state) { (void)state; }
    // Still reading on a thread of its own: the window keeps drawing frames
    // (instead of waiting for input) until it is in.
    virtual bool readingInBackground() const { return false; }
    void setHeadingFont(ImFont* font) { m_headingFont = font; }

protected:
    ImFont* m_headingFont = nullptr;
};

struct ViewEntry {
    const char* key;    // `--view KEY`, the settings file's last view, HALLWAY_SCREENSHOT_VISIT
    const char* label;  // the mode bar's button
    int shortcut;       // Ctrl+this key (GLFW key code: the ASCII digit)
    std::unique_ptr<View> (*make)();
};

// Every view in mode bar order; a view's Mode is its index here (the named
// Mode values are the views other code jumps to, and keep this order).
const std::vector<ViewEntry>& viewTable();
const ViewEntry& viewEntry(Mode mode);
// The views' keys in table order ("plan", "capture", ...).
std::vector<std::string> viewKeys();

}  // namespace hallway::ui
