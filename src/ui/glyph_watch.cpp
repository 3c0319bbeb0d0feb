#include "ui/glyph_watch.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "core/atomic_file.h"
#include "store/text_scan.h"
#include "ui/fonts.h"

namespace hallway::ui {

StoredCodepoints codepointsInStore(Store& store, std::optional<RowId> notesAfter) {
    StoredCodepoints out;
    auto collect = [&out](std::string_view text) { collectCodepoints(text, out.codepoints); };
    forEachNonAsciiName(store, collect);
    if (notesAfter) out.notesScannedTo = forEachNonAsciiNote(store, *notesAfter, collect);
    return out;
}

namespace {

std::string memoryFile(const std::string& cacheDir, const std::string& dbPath) {
    std::error_code ec;
    const auto absolute = std::filesystem::absolute(dbPath, ec);
    char name[40];
    std::snprintf(name, sizeof name, "glyphs-%016zx.txt", std::hash<std::string>{}(ec ? dbPath : absolute.string()));
    return cacheDir + "/" + name;
}

constexpr const char* kMemoryHeader = "hallway glyphs 1";

}  // namespace

StoredCodepoints readGlyphMemory(const std::string& cacheDir, const std::string& dbPath) {
    StoredCodepoints memory;
    if (cacheDir.empty() || dbPath.empty()) return memory;
    std::ifstream in(memoryFile(cacheDir, dbPath));
    std::string header, path;
    long long scannedTo = 0;
    if (!std::getline(in, header) || header != kMemoryHeader || !std::getline(in, path) || !(in >> scannedTo))
        return memory;
    memory.notesScannedTo = scannedTo;
    memory.remembered = true;
    unsigned long cp = 0;
    while (in >> std::hex >> cp)
        if (cp < 0x10000) memory.codepoints.insert(char32_t(cp));
    return memory;
}

void writeGlyphMemory(const std::string& cacheDir, const std::string& dbPath, const StoredCodepoints& memory) {
    if (cacheDir.empty() || dbPath.empty()) return;
    std::ostringstream out;
    out << kMemoryHeader << "\n" << dbPath << "\n" << memory.notesScannedTo << "\n" << std::hex;
    for (char32_t c : memory.codepoints) out << unsigned(c) << " ";
    out << "\n";
    try {
        std::error_code ec;
        std::filesystem::create_directories(cacheDir, ec);
        writeFileAtomically(memoryFile(cacheDir, dbPath), out.str(), 0600);
    } catch (const std::exception&) {
    }
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
