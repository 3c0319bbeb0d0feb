// People's "Export…" dialog: a path (typed or picked), vCard 4.0 or CSV by
// its extension, optionally only the people of the tag being filtered.
#pragma once
#include <optional>
#include <string>

#include "ui/app_state.h"
#include "ui/file_chooser.h"
#include "ui/ui_widgets.h"

namespace hallway {
class Store;
}

namespace hallway::ui {

class ExportPeopleDialog {
public:
    // Opens it on the next draw, with no error showing.
    void open() {
        m_open = true;
        m_error.clear();
    }
    // Draws it while open; Export writes through the people service.
    void draw(Store& store, AppState& state);

    // Testing hooks: the Export button, Browse…, the chooser, the field and the error shown.
    std::optional<WidgetRect> confirmRect() const { return m_confirmRect; }
    std::optional<WidgetRect> browseRect() const { return m_browseRect; }
    FileChooser& chooser() { return m_chooser; }
    const std::string& pathField() const { return m_path; }
    const std::string& error() const { return m_error; }

private:
    bool m_open = false;
    std::string m_path = "~/hallway-people.vcf";
    std::string m_error;
    std::string m_replacePath;  // the user was told this file exists
    bool m_tagOnly = true;
    bool m_refocus = false;
    std::optional<WidgetRect> m_confirmRect, m_browseRect;
    FileChooser m_chooser;
};

}  // namespace hallway::ui
