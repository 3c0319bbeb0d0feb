// The import dialog's time zone field: an IANA name typed or picked from a
// search over the tz database, prefilled from the agenda the dialog points at.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ui/plan_view.h"
#include "ui/theme.h"

namespace hallway::ui {

class ZoneField {
public:
    // Starts the field at `zone` and says why under it, unless the user has
    // typed a zone of their own since the last reset().
    void prefill(const std::string& zone, const std::string& why, bool warn);
    // Empties the field and forgets what the user typed.
    void reset();
    // Draws the label, the input, the matching names while it is edited, and
    // the reason line. `id` keeps two fields apart.
    void draw(const char* id, const Palette& palette);

    // The zone to import with: empty when the user kept the prefill (the
    // import then decides the same way and can word why), else what they chose.
    std::string chosen() const;
    // False when the text is not a zone the tz database knows.
    bool valid() const;
    const std::string& text() const { return m_text; }
    // Replaces the text as if the user had typed it (screenshots).
    void setText(const std::string& zone);
    // Where the input and each listed match were drawn last frame (tests click them).
    std::optional<WidgetRect> inputRect() const { return m_inputRect; }
    std::optional<WidgetRect> matchRect(const std::string& zone) const { return rectFor(m_matchRects, zone); }

private:
    void refilter();

    std::string m_text;
    std::string m_prefill;
    std::string m_why;
    bool m_warn = false;
    bool m_edited = false;
    std::string m_filteredFor;        // the text m_matches was built for
    std::vector<const std::string*> m_matches;
    std::optional<WidgetRect> m_inputRect;
    std::vector<std::pair<std::string, WidgetRect>> m_matchRects;
};

// Names of the tz database containing `query` ("berl", "new york", "europe/")
// case-insensitively, spaces read as underscores; at most `limit`, names that
// start with it (or whose place does) first.
std::vector<const std::string*> searchTimeZones(const std::string& query, size_t limit);

}  // namespace hallway::ui
