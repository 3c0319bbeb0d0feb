// View model of the Capture view: the event's sessions for the session picker,
// its targets for the "met" toggles, and the recent notes with their display
// strings. Rebuilt from the store only when the event or the data revision
// changes (the sessions only when the agenda or stars did); the running
// session only when the minute changes too. No ImGui.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/model.h"

namespace hallway {
class Store;
}

namespace hallway::ui {

struct CaptureSession {
    RowId id = 0;
    Instant startsAt = 0;
    Instant endsAt = 0;
    bool starred = false;
    std::string title;
    std::string room;
};

struct CaptureTarget {
    RowId personId = 0;
    std::string name;
    std::string detail;  // "must · Acme"
    std::string why;
    bool met = false;
};

struct RecentNote {
    RowId id = 0;
    std::string when;       // "Sat 3 Feb 10:15"
    std::string firstLine;
    std::string body;       // the whole note, for the tooltip
    std::string people;     // "Ana Lima, Bo Nielsen"
    std::string session;    // title of the linked session
    std::vector<std::string> items;  // item kinds in note order: "promise", "ask"
};

class CaptureModel {
public:
    // Reloads the sessions when `eventId` or `sessionsRevision` moved since the
    // last build, the targets when those or `targetsRevision` moved, the recent
    // notes when those or `notesRevision` moved. True when anything was rebuilt.
    bool sync(Store& store, std::optional<RowId> eventId, std::uint64_t sessionsRevision,
              std::uint64_t targetsRevision, std::uint64_t notesRevision);
    // Recomputes the session running at `now` (sessionRunningAt's rule, over
    // the loaded sessions) when the minute or the model changed.
    void syncNow(Instant now);

    int rebuildCount() const { return m_rebuilds; }
    bool hasEvent() const { return m_hasEvent; }
    const Event& event() const { return m_event; }
    const std::vector<CaptureSession>& sessions() const { return m_sessions; }
    const CaptureSession* session(RowId id) const;
    // "Sat 3 Feb 10:30 · Title · Room", made when shown: for 20,000 sessions
    // made up front it was a fifth of the view's first read.
    std::string label(const CaptureSession& s) const;
    const std::vector<CaptureTarget>& targets() const { return m_targets; }
    const std::vector<RecentNote>& recent() const { return m_recent; }
    int recentLimit() const { return kRecentLimit; }
    std::optional<RowId> runningSession() const { return m_running; }
    const std::string& error() const { return m_error; }

private:
    static constexpr int kRecentLimit = 300;
    void buildSessions(Store& store, std::optional<RowId> eventId);
    void buildTargets(Store& store);
    void buildRecent(Store& store);

    bool m_built = false;
    bool m_loaded = false;  // false after a failed load: the next change loads everything
    std::optional<RowId> m_builtEvent;
    std::uint64_t m_sessionsRevision = 0;
    std::uint64_t m_targetsRevision = 0;
    std::uint64_t m_notesRevision = 0;
    int m_rebuilds = 0;
    bool m_hasEvent = false;
    Event m_event;
    std::string m_zone;             // the event's, else the system's
    std::vector<CaptureSession> m_sessions;
    std::unordered_map<RowId, int> m_sessionIndex;
    std::vector<CaptureTarget> m_targets;
    std::vector<RecentNote> m_recent;
    std::string m_error;

    Instant m_runningMinute = -1;
    int m_runningBuild = -1;
    std::optional<RowId> m_running;
};

}  // namespace hallway::ui
