// Which codepoints the font atlas must have beyond the common sets, and when
// it must be rebuilt for new ones: names arriving with an import, a person
// added, a character typed in a script not seen before.
#pragma once
#include <set>
#include <string>

namespace hallway {
class Store;
}

namespace hallway::ui {

// The codepoints of every stored name, company, session title and note that
// the common sets lack (collectCodepoints over forEachNonAsciiText).
std::set<char32_t> codepointsInStore(Store& store);

class GlyphWatch {
public:
    // `built`: the extra codepoints the current atlas was made with.
    void setBuilt(std::set<char32_t> built) { m_built = std::move(built); }
    const std::set<char32_t>& built() const { return m_built; }

    // A character typed into any field; common ones are ignored at once.
    void typed(char32_t codepoint);
    // The result of a scan of the stored texts.
    void scanned(const std::set<char32_t>& codepoints);

    // True when something arrived that the atlas was not made with.
    bool rebuildDue() const { return !m_new.empty(); }
    // What the next atlas should hold: what it has plus what arrived.
    std::set<char32_t> wanted() const;
    // Forgets the arrivals once an atlas is built with wanted().
    void rebuilt() {
        m_built = wanted();
        m_new.clear();
    }

private:
    std::set<char32_t> m_built;
    std::set<char32_t> m_new;
};

}  // namespace hallway::ui
