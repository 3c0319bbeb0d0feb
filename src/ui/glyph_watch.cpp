#include "ui/glyph_watch.h"

#include "store/text_scan.h"
#include "ui/fonts.h"

namespace hallway::ui {

std::set<char32_t> codepointsInStore(Store& store) {
    std::set<char32_t> out;
    forEachNonAsciiText(store, [&out](std::string_view text) { collectCodepoints(text, out); });
    return out;
}

void GlyphWatch::typed(char32_t codepoint) {
    if (codepoint >= 0x10000 || inCommonSets(codepoint) || m_built.count(codepoint)) return;
    m_new.insert(codepoint);
}

void GlyphWatch::scanned(const std::set<char32_t>& codepoints) {
    for (char32_t c : codepoints)
        if (!m_built.count(c)) m_new.insert(c);
}

std::set<char32_t> GlyphWatch::wanted() const {
    std::set<char32_t> out = m_built;
    out.insert(m_new.begin(), m_new.end());
    return out;
}

}  // namespace hallway::ui
