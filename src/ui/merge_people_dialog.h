// The person page's "Merge…" dialog: search the person to keep, read what
// moves to them, confirm; the people service merges.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/people_repo.h"
#include "ui/app_state.h"
#include "ui/people_model.h"
#include "ui/ui_widgets.h"

namespace hallway {
class Store;
}

namespace hallway::ui {

class MergePeopleDialog {
public:
    // Opens it on the next draw with an empty search and nobody picked.
    void open() {
        m_open = true;
        m_query.clear();
        m_queryFor = "\x01";
        m_into.reset();
    }
    // Looks up the people matching the search when it changed; `selected` (the person merged away) is left out.
    void sync(Store& store, std::optional<RowId> selected);
    // Draws it while open, merging the page's person into the one picked.
    void draw(Store& store, AppState& state, const PersonPageModel& page);

    // Testing hooks: a match's row and the Merge button.
    std::optional<WidgetRect> matchRect(RowId personId) const { return rectFor(m_matchRects, personId); }
    std::optional<WidgetRect> confirmRect() const { return m_confirmRect; }

private:
    bool m_open = false;
    std::string m_query;
    std::string m_queryFor = "\x01";
    std::vector<PersonBrief> m_matches;
    std::optional<PersonBrief> m_into;
    std::optional<WidgetRect> m_confirmRect;
    std::vector<std::pair<RowId, WidgetRect>> m_matchRects;
};

}  // namespace hallway::ui
