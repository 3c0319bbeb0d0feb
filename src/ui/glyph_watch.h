// Which codepoints the font atlas must have beyond the common sets, and when
// it must be rebuilt for new ones: names arriving with an import, a person
// added, a character typed in a script not seen before.
#pragma once
#include <optional>
#include <set>
#include <string>

#include "core/model.h"

namespace hallway {
class Store;
}

namespace hallway::ui {

// What the stored texts hold beyond the common sets (collectCodepoints).
struct StoredCodepoints {
    std::set<char32_t> codepoints;
    RowId notesScannedTo = 0;  // the highest note id read
    bool remembered = false;   // read from an earlier run's memory
};
// Every name, company and session title (fast: about 40 ms of CPU at the
// power tier), and the notes above `notesAfter` (a second for 500,000).
StoredCodepoints codepointsInStore(Store& store, std::optional<RowId> notesAfter);

// What earlier runs found in a database, kept in the font cache folder so a
// start need not read every note again: the codepoints its atlas was built
// with and how far its notes were read. Empty when there is none.
StoredCodepoints readGlyphMemory(const std::string& cacheDir, const std::string& dbPath);
// Best effort: a memory that cannot be written only costs the next start a full read.
void writeGlyphMemory(const std::string& cacheDir, const std::string& dbPath, const StoredCodepoints& memory);

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
