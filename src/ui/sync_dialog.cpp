// [SECTION] Frame
// [SECTION] Server and Connect
// [SECTION] The linked account
// [SECTION] Conflicts
#include "ui/sync_dialog.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cfloat>
#include <exception>

#include "core/text.h"
#include "core/time_util.h"
#include "services/dav_client.h"
#include "services/http_fetch.h"
#include "services/sync_secret.h"
#include "store/store.h"
#include "ui/theme.h"
#include "ui/ui_format.h"

namespace hallway::ui {
namespace {

std::vector<FileFilter> caFilters() {
    return {{"Certificates (.pem .crt .cer)", {".pem", ".crt", ".cer"}}, {"All files", {}}};
}

std::string whenText(Instant t) {
    if (!t) return "never";
    const std::string zone = systemTimeZone();
    return localDateString(t, zone) + " " + localTimeString(t, zone);
}

void errorWrapped(const AppState& state, const std::string& text) {
    ImGui::PushStyleColor(ImGuiCol_Text, palette(state.theme).error);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
}

// A label in a fixed column, then the field filling the line.
void fieldLabel(const char* label, float column) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(label);
    ImGui::SameLine(column);
    ImGui::SetNextItemWidth(-1.0f);
}

}  // namespace

// [SECTION] Frame

void SyncDialog::draw(Store& store, AppState& state) {
    m_rects.clear();
    bool open = std::exchange(state.openSyncDialog, false);
    if (open) {
        m_connectError.clear();
        m_linked.reset();
        reload(store);
        m_url.clear();
        m_user.clear();
        m_caFile.clear();
        m_allowHttp = false;
        if (m_status.account) {
            m_url = m_status.account->url;
            m_user = m_status.account->user;
            m_caFile = m_status.account->caFile;
            m_allowHttp = m_status.account->allowHttp;
        }
        m_password.clear();
        m_syncLineSeen = state.syncLine;
    }
    m_storePath = store.path();
    pollJob(store, state);  // also when the dialog was closed while it ran
    // Tall with conflicts listed: it scrolls past 90% of the window, and its title stays on screen.
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowSizeConstraints(ImVec2(0.0f, 0.0f), ImVec2(FLT_MAX, display.y * 0.9f));
    m_open = beginDialog("Sync with your phone##sync", open, 52.0f);
    if (!m_open) return;
    const float margin = display.y * 0.05f;
    if (ImGui::GetWindowPos().y < margin || ImGui::GetWindowPos().y + ImGui::GetWindowHeight() > display.y)
        ImGui::SetWindowPos(ImVec2(ImGui::GetWindowPos().x, std::max(0.0f, std::min(margin, display.y - ImGui::GetWindowHeight()))));
    if (state.syncLine != m_syncLineSeen) {  // a round started or ended: its result and conflicts
        m_syncLineSeen = state.syncLine;
        reload(store);
    }

    drawServer(state);
    drawFound(state);
    drawAccount(state);
    drawPrivate(store, state);
    drawConflicts(store, state);

    ImGui::Separator();
    const float closeWidth = ImGui::CalcTextSize("Close").x + ImGui::GetStyle().FramePadding.x * 2.0f;
    ImGui::SetCursorPosX(ImGui::GetWindowContentRegionMax().x - closeWidth);
    const bool close = ImGui::Button("Close##sync");
    remember("close");
    // Escape in the file chooser closes only the chooser.
    const bool chooserOpen = m_chooser.isOpen();
    if (close || (!chooserOpen && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false))) {
        ImGui::CloseCurrentPopup();
        m_open = false;
    }
    m_chooser.drawFor(m_caFile, state.recentPlaces, palette(state.theme));
    ImGui::EndPopup();
}

void SyncDialog::reload(Store& store) {
    m_readError.clear();
    try {
        m_status = syncStatus(store, false);  // no pending counts: they render every record
    } catch (const std::exception& e) {
        m_status = {};
        m_readError = std::string("Could not read the sync state: ") + e.what();
    }
}

void SyncDialog::pollJob(Store& store, AppState& state) {
    auto done = m_job.take();
    if (!done) return;
    m_connecting.clear();
    reload(store);
    if (!done->ok) {
        m_connectError = done->error;
        return;
    }
    m_connectError.clear();
    m_password.clear();  // kept where the outcome says; not in the dialog any longer
    m_linked = std::move(done->linked);
    state.syncJustLinked = true;
    state.syncNowRequested = true;  // the first round, at once
    state.info("Linked " + m_linked->setup.account.user + " at " + m_linked->setup.account.url +
               ": the first sync round runs now.");
}

// [SECTION] Server and Connect

void SyncDialog::drawServer(AppState& state) {
    const float fs = ImGui::GetFontSize();
    const float column = 7.5f * fs;
    ImGui::TextDisabled("YOUR SERVER");
    mutedWrapped("Nextcloud, Radicale, Baïkal, Fastmail, mailbox.org, iCloud or any CardDAV/CalDAV server: its "
                 "address (any page of it; Hallway finds the account), your user name and password (an app "
                 "password where the server offers them).");
    ImGui::Spacing();
    const bool running = m_job.running();
    ImGui::BeginDisabled(running);
    fieldLabel("Address", column);
    ImGui::InputTextWithHint("##syncurl", "https://cloud.example.org", &m_url);
    remember("url");
    fieldLabel("User name", column);
    ImGui::InputText("##syncuser", &m_user);
    remember("user");
    fieldLabel("Password", column);
    const bool kept = m_status.account && m_status.account->url == m_url && m_status.account->user == m_user;
    ImGui::InputTextWithHint("##syncpassword", kept ? "kept from last time: type only to change it" : "",
                             &m_password, ImGuiInputTextFlags_Password);
    remember("password");
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("CA file");
    ImGui::SameLine(column);
    const BrowseRequest browse{"Choose the server's CA certificate (PEM)", ChooserMode::Open, caFilters(),
                               state.desktopFileChooser};
    pathFieldWithBrowse("syncca", "only for a self-hosted server with its own certificate", m_caFile, false,
                        m_chooser, browse, state.recentPlaces, m_browseRect);
    if (m_browseRect) m_rects.emplace_back("browse", *m_browseRect);
    const std::string url = text::trim(m_url);
    // As the CLI: plain http:// to this machine always, to another only when allowed.
    if (isPlainHttpUrl(url) && !isLoopbackUrl(url)) {
        ImGui::Checkbox("Allow plain http:// to this server (your password would travel unencrypted)##synchttp",
                        &m_allowHttp);
        remember("allow-http");
    }
    ImGui::EndDisabled();

    ImGui::Spacing();
    ImGui::BeginDisabled(running || url.empty() || text::trim(m_user).empty());
    const bool connect = ImGui::Button(m_status.account ? "Connect again##sync" : "Connect##sync");
    remember("connect");
    ImGui::EndDisabled();
    if (running) {
        ImGui::SameLine();
        const int dots = int(ImGui::GetTime() * 2.0) % 4;
        ImGui::Text("Connecting to %s%.*s", m_connecting.c_str(), dots, "...");
    }
    if (connect && !running) {
        SyncSetupOptions o{url, text::trim(m_user), m_password, typedPath(text::trim(m_caFile)), m_allowHttp};
        if (!isPlainHttpUrl(url) || isLoopbackUrl(url)) o.allowHttp = false;  // nothing to allow
        m_connectError.clear();
        m_linked.reset();
        m_connecting = url;
        m_job.start(m_storePath, o);
    }
    if (!m_connectError.empty()) {
        ImGui::Spacing();
        errorWrapped(state, "Could not connect: " + m_connectError);
    }
}

void SyncDialog::drawFound(AppState& state) {
    if (!m_linked) return;
    const SyncSetupResult& r = m_linked->setup;
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, palette(state.theme).ok);
    ImGui::TextWrapped("Linked %s at %s.", r.account.user.c_str(), r.account.url.c_str());
    ImGui::PopStyleColor();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::BulletText("Address book \u201cHallway\u201d: %s", r.addressBook.c_str());
    ImGui::BulletText("Task list \u201cHallway follow-ups\u201d: %s", r.taskList.c_str());
    ImGui::BulletText("Calendars: one \u201cHallway: EVENT\u201d per event with starred sessions, made by the first "
                      "round in %s", r.account.calendarHome.c_str());
    if (!r.created.empty()) {
        std::string made;
        for (auto& c : r.created) made += (made.empty() ? "\u201c" : ", \u201c") + c + "\u201d";
        ImGui::BulletText("Made now: %s", made.c_str());
    }
    const std::string where = m_linked->kept.where == "libsecret"
                                  ? std::string("the desktop's Secret Service")
                                  : displayPath(syncPasswordFile()) + " (readable only by you)";
    ImGui::BulletText("Password kept in %s", where.c_str());
    ImGui::PopTextWrapPos();
    if (!m_linked->kept.warning.empty()) mutedWrapped(m_linked->kept.warning.c_str());
}

// [SECTION] The linked account

void SyncDialog::drawAccount(AppState& state) {
    ImGui::Spacing();
    ImGui::TextDisabled(m_status.account ? "LAST ROUND" : "STATUS");
    if (!m_readError.empty()) {
        errorWrapped(state, m_readError);
        return;
    }
    if (!m_status.account) {
        mutedWrapped("Nothing is linked yet. Once it is, Hallway syncs at start, every 5 minutes while it is open, "
                     "and on Ctrl+Shift+S.");
        return;
    }
    const SyncAccount& a = *m_status.account;
    ImGui::PushTextWrapPos(0.0f);
    if (!a.lastRoundAt) {
        ImGui::TextUnformatted("No round yet.");
    } else if (a.lastError.empty()) {
        ImGui::Text("%s: worked.", whenText(a.lastRoundAt).c_str());
    } else {
        ImGui::PopTextWrapPos();
        errorWrapped(state, whenText(a.lastRoundAt) + ": failed: " + a.lastError);
        ImGui::PushTextWrapPos(0.0f);
        ImGui::Text("Last round that worked: %s.", whenText(a.lastOkAt).c_str());
    }
    const SyncCounts& n = m_status.counts;
    std::string counts = "On the server: " + std::to_string(n.people) + " people, " + std::to_string(n.tasks) +
                         " follow-ups, " + std::to_string(n.events) + " calendar entries.";
    if (n.removedOnServer)
        counts += " " + std::to_string(n.removedOnServer) + " deleted there and kept here (not written again).";
    ImGui::TextUnformatted(counts.c_str());
    ImGui::PopTextWrapPos();
    const bool syncing = state.syncLine.rfind("Syncing", 0) == 0;
    ImGui::BeginDisabled(syncing);
    if (ImGui::Button(syncing ? "Syncing\u2026##syncnow" : "Sync now##syncnow")) state.syncNowRequested = true;
    remember("sync-now");
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("Ctrl+Shift+S from anywhere");
}

void SyncDialog::drawPrivate(Store& store, AppState& state) {
    if (!m_status.account) return;
    ImGui::Spacing();
    ImGui::TextDisabled("PRIVATE FIELDS");
    bool howMet = m_status.account->sendHowMet, facts = m_status.account->sendFacts;
    bool changed = ImGui::Checkbox("Send how we met in each card##sendhowmet", &howMet);
    remember("send-how-met");
    ImGui::SameLine();
    changed = ImGui::Checkbox("Send their facts##sendfacts", &facts) || changed;
    remember("send-facts");
    mutedWrapped("Off unless you tick them: then they go in the card's note, readable by the server and every "
                 "device on the account. Untick to take them off at the next round. Notes you wrote, interactions "
                 "and targets' reasons never leave this computer.");
    if (!changed) return;
    try {
        setSyncSendFields(store, howMet, facts);
        state.info(std::string("From the next round the cards carry ") +
                   (howMet && facts ? "how you met and facts" : howMet ? "how you met" : facts ? "facts" : "nothing private") +
                   ".");
    } catch (const std::exception& e) {
        state.error(std::string("Could not change what sync sends: ") + e.what());
    }
    reload(store);
}

// [SECTION] Conflicts

void SyncDialog::drawConflicts(Store& store, AppState& state) {
    if (!m_status.account) return;
    ImGui::Spacing();
    const auto& list = m_status.conflicts;
    ImGui::TextDisabled("CONFLICTS (%d)", int(list.size()));
    if (list.empty()) {
        mutedWrapped("None. When a field was changed both here and on the server since the last round, both values "
                     "are kept and listed here for you to settle.");
        return;
    }
    mutedWrapped("Changed both here and on the server. Hallway's value stays in use until you pick; the next round "
                 "writes the one you keep to the server. \u201cKeep both\u201d keeps Hallway's and adds the server's "
                 "to the person's facts.");
    const float rowHeight = ImGui::GetFrameHeightWithSpacing();
    const float height = rowHeight * float(std::min<std::size_t>(list.size(), 8) + 1) + ImGui::GetStyle().CellPadding.y * 2;
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_SizingStretchProp;
    std::optional<std::pair<SyncConflict, ConflictChoice>> picked;
    if (ImGui::BeginTable("##conflicts", 5, flags, ImVec2(0.0f, height))) {
        const float fs = ImGui::GetFontSize();
        const ImGuiStyle& st = ImGui::GetStyle();
        const float actions = ImGui::CalcTextSize("Keep here'sTake server'sKeep both").x + st.FramePadding.x * 6 +
                              st.ItemSpacing.x * 2 + fs * 0.5f;
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("Person", ImGuiTableColumnFlags_WidthStretch, 1.2f);
        ImGui::TableSetupColumn("Field", ImGuiTableColumnFlags_WidthStretch, 0.8f);
        ImGui::TableSetupColumn("Here", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn("On the server", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn("##settle", ImGuiTableColumnFlags_WidthFixed, actions);
        ImGui::TableHeadersRow();
        const ImU32 ink = palette(state.theme).text;
        ImGuiListClipper clipper;
        clipper.Begin(int(list.size()));
        while (clipper.Step()) {
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const SyncConflict& c = list[size_t(i)];
                ImGui::PushID(int(c.id));
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                cellText(c.name.empty() ? "#" + std::to_string(c.localId) : c.name, ink);
                ImGui::TableNextColumn();
                cellText(c.field, ink);
                ImGui::TableNextColumn();
                if (cellText(c.localValue.empty() ? "(empty)" : c.localValue, ink) && ImGui::IsItemHovered())
                    wrappedTooltip(c.localValue.c_str());
                ImGui::TableNextColumn();
                if (cellText(c.remoteValue.empty() ? "(empty)" : c.remoteValue, ink) && ImGui::IsItemHovered())
                    wrappedTooltip(c.remoteValue.c_str());
                ImGui::TableNextColumn();
                const std::string id = std::to_string(c.id);
                if (ImGui::Button("Keep here's")) picked = {{c, ConflictChoice::Here}};
                remember("here:" + id);
                ImGui::SameLine();
                if (ImGui::Button("Take server's")) picked = {{c, ConflictChoice::Server}};
                remember("server:" + id);
                ImGui::SameLine();
                if (ImGui::Button("Keep both")) picked = {{c, ConflictChoice::Both}};
                remember("both:" + id);
                ImGui::PopID();
            }
        }
        ImGui::EndTable();
    }
    if (picked) settle(store, state, picked->first, picked->second);
}

void SyncDialog::settle(Store& store, AppState& state, const SyncConflict& c, ConflictChoice choice) {
    try {
        state.revision.apply(resolveSyncConflict(store, c.id, choice));
        const std::string who = c.name.empty() ? "#" + std::to_string(c.localId) : c.name;
        switch (choice) {
            case ConflictChoice::Here:
                state.info(who + "'s " + c.field + " stays \u201c" + c.localValue + "\u201d; the next round writes it.");
                break;
            case ConflictChoice::Server:
                state.info(who + "'s " + c.field + " is now \u201c" + c.remoteValue + "\u201d, as on the server.");
                break;
            case ConflictChoice::Both:
                state.info(who + "'s " + c.field + " stays \u201c" + c.localValue + "\u201d; the server's \u201c" +
                           c.remoteValue + "\u201d is kept among their facts.");
                break;
        }
    } catch (const std::exception& e) {
        state.error(std::string("Could not settle the conflict: ") + e.what());
    }
    reload(store);
}

}  // namespace hallway::ui
