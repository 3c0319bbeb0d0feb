// People's "Add a person" dialog: a name and company typed, or a badge's QR
// text pasted (vCard or MECARD), with the people already of that name shown
// first so a duplicate is not made by accident.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "formats/contacts.h"
#include "store/people_repo.h"
#include "ui/app_state.h"
#include "ui/ui_widgets.h"

namespace hallway {
class Store;
}

namespace hallway::ui {

class AddPersonDialog {
public:
    // Opens it on the next draw with `name` in the name field (what was searched for, often).
    void open(const std::string& name) {
        m_open = true;
        m_name = name;
        m_company.clear();
    }
    // Draws it while open (state.people.addPerson opens it on a badge's text).
    void draw(Store& store, AppState& state);

    // Testing hooks: the Add button and the badge box; same-named people shown before adding another.
    std::optional<WidgetRect> confirmRect() const { return m_confirmRect; }
    std::optional<WidgetRect> badgeRect() const { return m_badgeRect; }
    const std::vector<PersonBrief>& nameClashes() const { return m_clashes; }

private:
    bool m_open = false;
    std::string m_name, m_company;
    std::string m_badge, m_badgeFor, m_badgeError;  // pasted QR text, what was parsed, why not
    std::optional<ContactRecord> m_badgeCard;
    std::vector<PersonBrief> m_clashes;
    std::string m_clashesFor = "\x01";
    std::optional<WidgetRect> m_confirmRect, m_badgeRect;
};

}  // namespace hallway::ui
