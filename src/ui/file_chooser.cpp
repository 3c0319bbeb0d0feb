#include "ui/file_chooser.h"

#include <imgui_internal.h>
#include <imgui_stdlib.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>

#include "core/text.h"
#include "ui/ui_format.h"

namespace hallway::ui {
namespace {

constexpr const char* kPopupId = "###file_chooser";

std::string dateText(std::int64_t seconds) {
    if (seconds <= 0) return {};
    std::time_t t = static_cast<std::time_t>(seconds);
    std::tm local{};
    if (!localtime_r(&t, &local)) return {};
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M", &local);
    return buffer;
}

bool keyPressed(ImGuiKey key, bool repeat = false) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key), repeat); }

}  // namespace

void FileChooser::open(std::string title, ChooserMode mode, std::vector<FileFilter> filters, const std::string& start,
                       const RecentPlaces& recent, bool desktop) {
    m_title = std::move(title);
    m_mode = mode;
    m_filters = std::move(filters);
    if (m_filters.empty()) m_filters.push_back({"All files", {}});
    m_filter = 0;
    m_message.clear();
    m_fileName.clear();
    m_find.clear();
    m_chosen.clear();
    m_focusName = mode == ChooserMode::Save;
    retirePortal();
    m_start = startFrom(start, recent);
    if (desktop) {
        PortalQuestion question{m_title, mode == ChooserMode::Save, m_filters, m_start.folder,
                                mode == ChooserMode::Save ? m_start.fileName : std::string(), portalParentWindow()};
        m_portal = std::make_unique<PortalRequest>(std::move(question), portalWake());
        m_waitRequested = true;
        return;
    }
    openBuiltIn({});
}

// Where to start: the typed path's folder (with its file selected), else
// the newest recent folder that still exists, else home.
FileChooser::Start FileChooser::startFrom(const std::string& start, const RecentPlaces& recent) const {
    const std::string typed = typedPath(start);
    struct stat st {};
    if (!typed.empty() && ::stat(typed.c_str(), &st) == 0) {
        if (S_ISDIR(st.st_mode)) return {normalPath(typed), {}, {}};
        const std::string name = baseName(typed);
        return {parentFolder(normalPath(typed)), name, m_mode == ChooserMode::Save ? name : std::string()};
    }
    if (!typed.empty() && m_mode == ChooserMode::Save && ::stat(parentFolder(typed).c_str(), &st) == 0 &&
        S_ISDIR(st.st_mode))
        return {parentFolder(normalPath(typed)), {}, baseName(typed)};
    for (const std::string& folder : recent.folders)
        if (::stat(folder.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) return {folder, {}, {}};
    return {homeFolder(), {}, {}};
}

// Hallway's own chooser, at the start place; `message` shows under the path bar.
void FileChooser::openBuiltIn(std::string message) {
    visit(m_start.folder, m_start.select);
    if (!m_start.fileName.empty()) m_fileName = m_start.fileName;
    m_message = std::move(message);
    m_openRequested = true;
}

void FileChooser::retirePortal() {
    std::erase_if(m_retired, [](const std::unique_ptr<PortalRequest>& r) { return r->finished(); });
    if (!m_portal) return;
    m_portal->withdraw();
    m_retired.push_back(std::move(m_portal));
    m_waitRequested = false;
}

void FileChooser::visit(const std::string& folder, const std::string& selectName) {
    m_listing = listFolder(folder);
    ++m_reads;
    m_rows.clear();
    m_rows.reserve(m_listing.entries.size());
    for (const FolderEntry& e : m_listing.entries)
        m_rows.push_back(Row{e.folder ? e.name + "/" : e.name, shortSize(e.size), dateText(e.modified)});
    m_pathBar = m_listing.path;
    m_message.clear();
    m_find.clear();
    m_selected = -1;
    // Saving: letters go to the file name, as in a desktop's save dialog.
    m_focusName = m_mode == ChooserMode::Save;
    refilter();
    if (!selectName.empty())
        for (size_t i = 0; i < m_shown.size(); ++i)
            if (m_listing.entries[size_t(m_shown[i])].name == selectName) select(int(i));
}

void FileChooser::refilter() {
    std::optional<std::string> keep = selectedName();
    m_shown.clear();
    const FileFilter& filter = m_filters[size_t(m_filter)];
    for (size_t i = 0; i < m_listing.entries.size(); ++i) {
        const FolderEntry& e = m_listing.entries[i];
        if (e.hidden && !m_showHidden) continue;
        if (!e.folder && !filterAccepts(filter, e.name)) continue;
        m_shown.push_back(int(i));
    }
    m_selected = -1;
    if (keep)
        for (size_t i = 0; i < m_shown.size(); ++i)
            if (m_listing.entries[size_t(m_shown[i])].name == *keep) m_selected = int(i);
}

void FileChooser::setFilter(int index) {
    if (index < 0 || index >= int(m_filters.size()) || index == m_filter) return;
    m_filter = index;
    refilter();
}

std::vector<std::string> FileChooser::shownNames() const {
    std::vector<std::string> names;
    names.reserve(m_shown.size());
    for (int i : m_shown) names.push_back(m_listing.entries[size_t(i)].name);
    return names;
}

std::optional<std::string> FileChooser::selectedName() const {
    if (m_selected < 0 || m_selected >= int(m_shown.size())) return std::nullopt;
    return m_listing.entries[size_t(m_shown[size_t(m_selected)])].name;
}

void FileChooser::select(int shownIndex) {
    if (m_shown.empty()) return;
    m_selected = std::clamp(shownIndex, 0, int(m_shown.size()) - 1);
    m_scrollToSelected = true;
    const FolderEntry& e = m_listing.entries[size_t(m_shown[size_t(m_selected)])];
    if (m_mode == ChooserMode::Save && !e.folder) m_fileName = e.name;
}

void FileChooser::pick(const std::string& path, RecentPlaces& recent) {
    m_chosen = path;
    rememberPlace(recent.files, path);
    rememberPlace(recent.folders, parentFolder(path));
    m_open = false;
    ImGui::CloseCurrentPopup();
}

void FileChooser::activate(int shownIndex, RecentPlaces& recent) {
    if (shownIndex < 0 || shownIndex >= int(m_shown.size())) return;
    const FolderEntry& e = m_listing.entries[size_t(m_shown[size_t(shownIndex)])];
    const std::string path = joinPath(m_listing.path, e.name);
    if (e.folder)
        visit(path);
    else
        pick(path, recent);
}

// Enter in the path bar: a folder is opened, a file picked; anything else says why.
void FileChooser::goToTyped() {
    const std::string path = typedPath(m_pathBar);
    if (path.empty()) {
        m_message = "Type a folder or a file's path.";
        return;
    }
    const std::string full = normalPath(path);
    struct stat st {};
    if (::stat(full.c_str(), &st) != 0) {
        const int err = errno;
        if (err == ENOENT && m_mode == ChooserMode::Save) {
            struct stat parent {};
            if (::stat(parentFolder(full).c_str(), &parent) == 0 && S_ISDIR(parent.st_mode)) {
                visit(parentFolder(full));
                m_fileName = baseName(full);
                return;
            }
        }
        m_message = err == ENOENT ? "There is no file or folder " + full + "."
                                  : "Cannot open " + full + ": " + std::strerror(err) + ".";
        return;
    }
    if (S_ISDIR(st.st_mode)) {
        visit(full);
        return;
    }
    if (!S_ISREG(st.st_mode)) {
        m_message = full + " is not a regular file or a folder.";
        return;
    }
    visit(parentFolder(full), baseName(full));
    m_pickTyped = true;
}

void FileChooser::findTyped(const ImGuiIO& io) {
    if (io.InputQueueCharacters.empty()) return;
    const double now = ImGui::GetTime();
    if (now - m_findAt > 1.0) m_find.clear();
    m_findAt = now;
    for (ImWchar c : io.InputQueueCharacters) {
        if (c < 0x20) continue;
        char utf8[5] = {};
        ImTextCharToUtf8(utf8, c);
        m_find += utf8;
    }
    if (m_find.empty()) return;
    const std::string want = text::lower(m_find);
    // The first entry starting with the letters, else the first containing them.
    int contains = -1;
    for (size_t i = 0; i < m_shown.size(); ++i) {
        const std::string name = text::lower(m_listing.entries[size_t(m_shown[i])].name);
        if (name.rfind(want, 0) == 0) {
            select(int(i));
            return;
        }
        if (contains < 0 && name.find(want) != std::string::npos) contains = int(i);
    }
    if (contains >= 0) select(contains);
}

// The keys of the list. True when the chooser closed (Escape, or a pick).
bool FileChooser::handleKeys(RecentPlaces& recent) {
    if (keyPressed(ImGuiKey_Escape)) {
        m_open = false;
        ImGui::CloseCurrentPopup();
        return true;
    }
    if (ImGui::IsAnyItemActive() || !ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows)) return false;
    const ImGuiIO& io = ImGui::GetIO();
    if (!io.KeyCtrl && !io.KeyAlt) findTyped(io);
    const int page = 10;
    if (keyPressed(ImGuiKey_DownArrow, true)) select(m_selected < 0 ? 0 : m_selected + 1);
    if (keyPressed(ImGuiKey_UpArrow, true)) select(m_selected < 0 ? 0 : m_selected - 1);
    if (keyPressed(ImGuiKey_PageDown, true)) select(m_selected + page);
    if (keyPressed(ImGuiKey_PageUp, true)) select(m_selected - page);
    if (keyPressed(ImGuiKey_Backspace, true) && m_listing.path != "/") {
        const std::string from = baseName(m_listing.path);
        visit(parentFolder(m_listing.path), from);
    }
    if (keyPressed(ImGuiKey_Enter) || keyPressed(ImGuiKey_KeyPadEnter)) {
        if (m_selected >= 0) {
            activate(m_selected, recent);
        } else if (m_mode == ChooserMode::Save && !typedPath(m_fileName).empty()) {
            pick(joinPath(m_listing.path, typedPath(m_fileName)), recent);
        }
        return !m_open;
    }
    return false;
}

// While the desktop's chooser is up: a small modal saying so, with the way
// to Hallway's own. Its answer is taken here, inside the modal, so the modal
// closes in the same frame.
bool FileChooser::drawDesktopWait(RecentPlaces& recent) {
    constexpr const char* kWaitId = "###desktop_chooser";
    if (std::exchange(m_waitRequested, false)) ImGui::OpenPopup(kWaitId);
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.5f), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    const std::string label = m_title + kWaitId;
    if (!ImGui::BeginPopupModal(label.c_str(), nullptr,
                                ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings)) {
        retirePortal();  // closed from outside (the dialog under it went away)
        return false;
    }
    if (std::optional<PortalAnswer> answer = m_portal->answer()) {
        m_portal.reset();
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        switch (answer->kind) {
        case PortalAnswer::Kind::Chosen:
            m_chosen = answer->path;
            rememberPlace(recent.files, m_chosen);
            rememberPlace(recent.folders, parentFolder(m_chosen));
            return true;
        case PortalAnswer::Kind::Cancelled:
            return false;
        case PortalAnswer::Kind::NotLocal:
            openBuiltIn("The desktop's chooser picked " + answer->detail +
                        ", which is not a file on this computer. Pick a local file here (copy it here first).");
            return false;
        case PortalAnswer::Kind::Unavailable:
            openBuiltIn({});
            return false;
        }
    }
    ImGui::TextUnformatted("Choose in the desktop's window\u2026");
    ImGui::TextDisabled("It may be behind this one.");
    ImGui::Spacing();
    const bool builtIn = ImGui::Button("Use Hallway's chooser");
    m_builtInRect = lastItemRect();
    ImGui::SameLine();
    const bool cancel = ImGui::Button("Cancel##desktop_chooser") || keyPressed(ImGuiKey_Escape);
    m_waitCancelRect = lastItemRect();
    if (builtIn || cancel) {
        retirePortal();
        ImGui::CloseCurrentPopup();
        if (builtIn) openBuiltIn({});
    }
    ImGui::EndPopup();
    return false;
}

// Centred on the dialog that opened it and larger than it: a dialog peeking
// out around the chooser showed as a black strip (dimmed under the modal).
// Kept so for its first frames, while that dialog still finds its height.
void FileChooser::placeOverParent() {
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float fs = ImGui::GetFontSize();
    ImVec2 size(std::min(62.0f * fs, display.x * 0.94f), std::min(36.0f * fs, display.y * 0.9f));
    ImVec2 centre(display.x * 0.5f, display.y * 0.5f);
    m_parentRect.reset();
    const ImGuiWindow* parent = ImGui::GetCurrentWindowRead();
    if (parent && (parent->Flags & ImGuiWindowFlags_Modal)) {
        m_parentRect = WidgetRect{parent->Pos, ImVec2(parent->Pos.x + parent->Size.x, parent->Pos.y + parent->Size.y)};
        size.x = std::min(std::max(size.x, parent->Size.x + 2.0f * fs), display.x);
        size.y = std::min(std::max(size.y, parent->Size.y + 2.0f * fs), display.y);
        centre = ImVec2(parent->Pos.x + parent->Size.x * 0.5f, parent->Pos.y + parent->Size.y * 0.5f);
        centre.x = std::clamp(centre.x, size.x * 0.5f, std::max(size.x * 0.5f, display.x - size.x * 0.5f));
        centre.y = std::clamp(centre.y, size.y * 0.5f, std::max(size.y * 0.5f, display.y - size.y * 0.5f));
    }
    const ImGuiCond when = m_framesShown < 3 ? ImGuiCond_Always : ImGuiCond_Appearing;
    ImGui::SetNextWindowPos(centre, when, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(size, when);
}

bool FileChooser::draw(RecentPlaces& recent, const Palette& palette) {
    std::erase_if(m_retired, [](const std::unique_ptr<PortalRequest>& r) { return r->finished(); });
    if (m_portal) return drawDesktopWait(recent);
    if (m_openRequested) {
        m_openRequested = false;
        m_open = true;
        m_framesShown = 0;
        ImGui::OpenPopup(kPopupId);
    }
    if (!m_open) return false;
    const float fs = ImGui::GetFontSize();
    placeOverParent();
    const std::string label = m_title + kPopupId;
    // The chooser reads its own keys; ImGui's keyboard navigation would move too.
    // Opaque: the import dialog under it must not show through the list.
    ImVec4 background = ImGui::GetStyle().Colors[ImGuiCol_PopupBg];
    background.w = 1.0f;
    ImGui::PushStyleColor(ImGuiCol_PopupBg, background);
    const bool shown =
        ImGui::BeginPopupModal(label.c_str(), nullptr, ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoNavInputs);
    ImGui::PopStyleColor();
    if (!shown) {
        m_open = false;
        return false;
    }
    ++m_framesShown;
    m_windowRect = WidgetRect{ImGui::GetWindowPos(), ImVec2(ImGui::GetWindowPos().x + ImGui::GetWindowSize().x,
                                                            ImGui::GetWindowPos().y + ImGui::GetWindowSize().y)};
    m_rowRects.clear();
    m_placeRects.clear();
    if (handleKeys(recent)) {
        ImGui::EndPopup();
        return !m_chosen.empty();
    }

    // Path bar: Up, Home, and the folder's path to type into.
    if (ImGui::Button("Up")) visit(parentFolder(m_listing.path), baseName(m_listing.path));
    m_upRect = lastItemRect();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("The folder above (Backspace)");
    ImGui::SameLine();
    if (ImGui::Button("Home")) visit(homeFolder());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", homeFolder().c_str());
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-1.0f);
    if (ImGui::InputTextWithHint("##chooser_path", "Type a folder or file path and press Enter", &m_pathBar,
                                 ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll)) {
        goToTyped();
    }
    m_pathRect = lastItemRect();
    if (!m_message.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, palette.error);
        ImGui::TextWrapped("%s", m_message.c_str());
        ImGui::PopStyleColor();
    }

    // Places on the left, the folder's entries on the right.
    const ImGuiStyle& style = ImGui::GetStyle();
    const int bottomRows = m_mode == ChooserMode::Save ? 3 : 2;
    const float bodyHeight =
        std::max(4.0f * ImGui::GetFrameHeight(), ImGui::GetContentRegionAvail().y -
                                                     bottomRows * ImGui::GetFrameHeightWithSpacing() - style.ItemSpacing.y);
    drawPlaces(recent, bodyHeight);
    if (!m_open) {
        ImGui::EndPopup();
        return true;
    }
    ImGui::SameLine();
    drawEntries(recent, bodyHeight, palette);
    if (!m_open) {
        ImGui::EndPopup();
        return true;
    }

    // Type filter and hidden files.
    ImGui::SetNextItemWidth(std::min(30.0f * fs, ImGui::GetContentRegionAvail().x * 0.6f));
    if (ImGui::BeginCombo("##chooser_filter", m_filters[size_t(m_filter)].label.c_str())) {
        for (int i = 0; i < int(m_filters.size()); ++i)
            if (ImGui::Selectable(m_filters[size_t(i)].label.c_str(), i == m_filter)) setFilter(i);
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    if (ImGui::Checkbox("Show hidden files", &m_showHidden)) refilter();
    m_hiddenRect = lastItemRect();
    ImGui::SameLine();
    char counts[64];
    std::snprintf(counts, sizeof counts, "%zu of %zu shown", m_shown.size(), m_listing.entries.size());
    ImGui::PushStyleColor(ImGuiCol_Text, style.Colors[ImGuiCol_TextDisabled]);
    ImGui::TextUnformatted(counts);
    ImGui::PopStyleColor();

    // Save: the file name.
    bool nameEntered = false;
    if (m_mode == ChooserMode::Save) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted("File name");
        ImGui::SameLine();
        ImGui::SetNextItemWidth(-1.0f);
        if (m_focusName) {
            ImGui::SetKeyboardFocusHere();
            m_focusName = false;
        }
        nameEntered = ImGui::InputText("##chooser_name", &m_fileName,
                                       ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll);
    }

    // Buttons, on the right.
    std::optional<std::string> selected = selectedName();
    const bool folderSelected = m_selected >= 0 && m_listing.entries[size_t(m_shown[size_t(m_selected)])].folder;
    const char* pickLabel = folderSelected ? "Open folder" : (m_mode == ChooserMode::Save ? "Save here" : "Choose");
    const float buttons = ImGui::CalcTextSize(pickLabel).x + ImGui::CalcTextSize("Cancel").x +
                          4.0f * style.FramePadding.x + style.ItemSpacing.x;
    ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - buttons));
    const bool canPick = folderSelected || (m_mode == ChooserMode::Save ? !typedPath(m_fileName).empty() : selected.has_value());
    ImGui::BeginDisabled(!canPick);
    bool pickPressed = ImGui::Button(pickLabel);
    m_pickRect = lastItemRect();
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) {
        m_open = false;
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        return false;
    }
    if (m_pickTyped) {
        // A file's path typed in the path bar and Enter: that file.
        m_pickTyped = false;
        if (auto name = selectedName()) pick(joinPath(m_listing.path, *name), recent);
    } else if ((pickPressed || nameEntered) && canPick) {
        if (folderSelected && !nameEntered)
            activate(m_selected, recent);
        else if (m_mode == ChooserMode::Save)
            pick(joinPath(m_listing.path, typedPath(m_fileName)), recent);
        else
            activate(m_selected, recent);
    }
    ImGui::EndPopup();
    return !m_open && !m_chosen.empty();
}

void FileChooser::drawPlaces(RecentPlaces& recent, float height) {
    const float fs = ImGui::GetFontSize();
    ImGui::BeginChild("##chooser_places", ImVec2(std::min(13.0f * fs, ImGui::GetContentRegionAvail().x * 0.3f), height),
                      true, ImGuiWindowFlags_NoNavInputs);
    const ImVec4 muted = ImGui::GetStyle().Colors[ImGuiCol_TextDisabled];
    auto place = [&](const std::string& label, const std::string& path, bool isFile) {
        ImGui::PushID(path.c_str());
        const bool here = !isFile && path == m_listing.path;
        if (ImGui::Selectable(label.c_str(), here, ImGuiSelectableFlags_AllowDoubleClick)) {
            if (isFile && ImGui::IsMouseDoubleClicked(0))
                pick(path, recent);
            else if (isFile)
                visit(parentFolder(path), baseName(path));
            else
                visit(path);
        }
        m_placeRects.emplace_back(path, lastItemRect());
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", path.c_str());
        ImGui::PopID();
    };
    place("Home", homeFolder(), false);
    if (!recent.folders.empty()) {
        ImGui::Spacing();
        ImGui::TextColored(muted, "Recent folders");
        for (size_t i = 0; i < recent.folders.size() && m_open; ++i) {
            const std::string path = recent.folders[i];  // a copy: a pick reorders the list
            place(baseName(path), path, false);
        }
    }
    if (!recent.files.empty() && m_open) {
        ImGui::Spacing();
        ImGui::TextColored(muted, "Recent files");
        for (size_t i = 0; i < recent.files.size() && m_open; ++i) {
            const std::string path = recent.files[i];
            place(baseName(path), path, true);
        }
    }
    ImGui::EndChild();
}

void FileChooser::drawEntries(RecentPlaces& recent, float height, const Palette& palette) {
    const float fs = ImGui::GetFontSize();
    if (!m_listing.error.empty()) {
        ImGui::BeginChild("##chooser_entries", ImVec2(0.0f, height), true);
        ImGui::PushTextWrapPos(0.0f);
        ImGui::PushStyleColor(ImGuiCol_Text, palette.error);
        ImGui::TextUnformatted(("Cannot read " + m_listing.path + ": " + m_listing.error + ".").c_str());
        ImGui::PopStyleColor();
        ImGui::TextDisabled("Go up (Backspace), home, or type another path above.");
        ImGui::PopTextWrapPos();
        ImGui::EndChild();
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                                  ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_NoSavedSettings;
    if (!ImGui::BeginTable("##chooser_entries", 3, flags, ImVec2(0.0f, height))) return;
    ImGui::TableSetupColumn("Name", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("Size", ImGuiTableColumnFlags_WidthFixed, 5.0f * fs);
    ImGui::TableSetupColumn("Modified", ImGuiTableColumnFlags_WidthFixed, 8.5f * fs);
    if (m_shown.empty()) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextDisabled(m_listing.entries.empty() ? "This folder is empty."
                                                      : "Nothing here matches the type filter; try \u201cAll files\u201d.");
    }
    ImGuiListClipper clipper;
    clipper.Begin(int(m_shown.size()));
    const bool scroll = std::exchange(m_scrollToSelected, false) && m_selected >= 0;
    if (scroll) clipper.ForceDisplayRangeByIndices(m_selected, m_selected + 1);
    const ImU32 folderColour = ImGui::GetColorU32(ImGuiCol_CheckMark);
    int activated = -1;
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const int entry = m_shown[size_t(i)];
            const FolderEntry& e = m_listing.entries[size_t(entry)];
            const Row& row = m_rows[size_t(entry)];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::PushID(entry);
            if (e.folder) ImGui::PushStyleColor(ImGuiCol_Text, folderColour);
            if (ImGui::Selectable(row.label.c_str(), i == m_selected,
                                  ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowDoubleClick)) {
                m_selected = i;
                if (m_mode == ChooserMode::Save && !e.folder) m_fileName = e.name;
                if (ImGui::IsMouseDoubleClicked(0)) activated = i;
            }
            if (e.folder) ImGui::PopStyleColor();
            m_rowRects.emplace_back(e.name, lastItemRect());
            if (scroll && i == m_selected) {
                const ImRect clip = ImGui::GetCurrentWindow()->InnerClipRect;
                if (ImGui::GetItemRectMin().y < clip.Min.y)
                    ImGui::SetScrollHereY(0.0f);
                else if (ImGui::GetItemRectMax().y > clip.Max.y)
                    ImGui::SetScrollHereY(1.0f);
            }
            ImGui::PopID();
            ImGui::TableNextColumn();
            ImGui::TextDisabled("%s", row.size.c_str());
            ImGui::TableNextColumn();
            ImGui::TextDisabled("%s", row.modified.c_str());
        }
    }
    ImGui::EndTable();
    if (activated >= 0) activate(activated, recent);
}

bool FileChooser::drawFor(std::string& field, RecentPlaces& recent, const Palette& palette) {
    if (!isOpen()) return false;
    if (!draw(recent, palette)) return false;
    field = m_chosen;
    return true;
}

bool pathFieldWithBrowse(const char* id, const char* hint, std::string& path, bool focus, FileChooser& chooser,
                         const BrowseRequest& request, const RecentPlaces& recent, std::optional<WidgetRect>& browseRect) {
    const ImGuiStyle& style = ImGui::GetStyle();
    ImGui::PushID(id);
    ImGui::SetNextItemWidth(-(ImGui::CalcTextSize("Browse\u2026").x + 2.0f * style.FramePadding.x + style.ItemSpacing.x));
    if (focus) ImGui::SetKeyboardFocusHere();
    const bool entered = ImGui::InputTextWithHint("##path", hint, &path,
                                                  ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll);
    ImGui::SameLine();
    if (ImGui::Button("Browse\u2026"))
        chooser.open(request.title, request.mode, request.filters, path, recent, request.desktop);
    browseRect = lastItemRect();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Pick the file in a folder browser");
    ImGui::PopID();
    return entered;
}

}  // namespace hallway::ui
