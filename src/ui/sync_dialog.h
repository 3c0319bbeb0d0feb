// The Sync dialog ("Sync with your phone…" in Settings, or a click on the
// status line's sync state): links a CardDAV/CalDAV server as `hallway sync
// setup` does, on a worker thread (SyncSetupJob), shows what it found or the
// CLI's error, the linked account's last round and counts, which private
// fields the cards carry (opt-in per field), and the open conflicts, each
// settled with one click (keep here's, take the server's, or keep both).
// Reads the database when it opens, after an action and when a round ends
// (the status line's sync text moved), never per frame.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "services/sync_service.h"
#include "ui/app_state.h"
#include "ui/file_chooser.h"
#include "ui/sync_setup_job.h"
#include "ui/ui_widgets.h"

namespace hallway {
class Store;
}

namespace hallway::ui {

class SyncDialog {
public:
    // Opens the dialog when state.openSyncDialog asks for it, and draws it while it is open.
    void draw(Store& store, AppState& state);
    bool isOpen() const { return m_open; }
    bool connecting() const { return m_job.running(); }
    // The last Connect's error ('' when none) and what it found when it worked.
    const std::string& connectError() const { return m_connectError; }
    const std::optional<SyncLinkResult>& linked() const { return m_linked; }
    // What the dialog shows of the account (read when it opened or after an action).
    const SyncStatusReport& shown() const { return m_status; }

    // Where a control was drawn in the last frame, for tests: "url", "user",
    // "password", "ca", "browse", "allow-http", "connect", "sync-now",
    // "close", "send-how-met", "send-facts", and per conflict "here:ID", "server:ID", "both:ID".
    std::optional<WidgetRect> controlRect(const std::string& name) const { return rectFor(m_rects, name); }
    FileChooser& chooser() { return m_chooser; }

private:
    void reload(Store& store);
    void pollJob(Store& store, AppState& state);
    void drawServer(AppState& state);
    void drawFound(AppState& state);
    void drawAccount(AppState& state);
    void drawPrivate(Store& store, AppState& state);
    void drawConflicts(Store& store, AppState& state);
    void settle(Store& store, AppState& state, const SyncConflict& conflict, ConflictChoice choice);
    void remember(const std::string& name) { m_rects.emplace_back(name, lastItemRect()); }

    bool m_open = false;
    std::string m_url, m_user, m_password, m_caFile;
    bool m_allowHttp = false;
    SyncSetupJob m_job;
    std::string m_storePath;   // Connect opens its own connection to it
    std::string m_connecting;  // the URL being tried
    std::string m_connectError;
    std::optional<SyncLinkResult> m_linked;
    SyncStatusReport m_status;
    std::string m_readError;       // the database could not be read
    std::string m_syncLineSeen;    // reload when a round ends
    FileChooser m_chooser;
    std::optional<WidgetRect> m_browseRect;
    std::vector<std::pair<std::string, WidgetRect>> m_rects;
};

}  // namespace hallway::ui
