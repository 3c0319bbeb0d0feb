#include "ui/live_event.h"

#include <chrono>
#include <thread>

#include "store/store.h"

namespace hallway::ui {

LiveEvent::LiveEvent(std::unique_ptr<AgendaRefreshWorker> worker, Notify notify)
    : m_worker(std::move(worker)), m_notify(std::move(notify)) {}

void LiveEvent::update(Store* store, AppState& state, bool inFront, const std::string& zone) {
    if (m_worker) updateRefresh(state, inFront, zone);
    // A reminder before a starred session or a target's talk: in the status
    // line, and on the desktop (the app may be behind other windows).
    if (store && !state.screenshotMode) {
        const int lead = state.live.reminders ? state.live.reminderMinutes : 0;
        if (auto due = m_reminders.poll(*store, state.eventId,
                                        state.revision.value(Change::Events | Change::Stars | Change::Targets),
                                        state.now(), lead, zone)) {
            state.info("\u23f0 " + due->summary);
            if (m_notify) m_notify(due->summary, due->body);
        }
    }
}

void LiveEvent::updateRefresh(AppState& state, bool inFront, const std::string& zone) {
    AgendaRefreshWorker& worker = *m_worker;
    // The Settings dialog's switches take effect the frame they change.
    if (m_applied != state.live) {
        worker.setInterval(std::chrono::minutes(state.live.refreshMinutes));
        worker.setAutomatic(state.live.autoRefresh);
        m_applied = state.live;
    }
    worker.setEvent(state.eventId);
    // Screenshot-only: the open event refreshed before the picture is taken.
    if (state.screenshotMode && !m_screenshotRefreshed && state.eventId) {
        m_screenshotRefreshed = true;
        worker.requestNow();
        for (int i = 0; i < 300 && worker.snapshot().fetches == 0; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (state.agendaChangesDismissed) {
        state.agendaChangesDismissed = false;
        worker.dismissChanges();
    }
    AgendaRefreshWorker::Snapshot agenda = worker.status();
    if (state.agendaRefreshRequested) {
        state.agendaRefreshRequested = false;
        if (agenda.hasUrl) worker.requestNow();
        else state.info("This event's agenda came from a file: import the new file, or import it once by URL "
                        "(hallway import URL) to refresh it with Ctrl+R.");
    }
    if (agenda.dataVersion != m_dataSeen) {
        m_dataSeen = agenda.dataVersion;
        state.revision.apply(worker.takeChanges());
    }
    state.agendaLine = AgendaRefreshWorker::statusText(agenda, zone);
    state.agendaLineError = !agenda.error.empty() && !agenda.running;
    // The banner's lines are worded again only when the list changed, not every frame.
    if (agenda.unseenVersion != m_changesSeen) {
        m_changesSeen = agenda.unseenVersion;
        state.agendaChanges.clear();
        for (const auto& w : worker.snapshot().unseen) state.agendaChanges.push_back(describeWatchedChange(w));
        // On the desktop too when Hallway is not the window in front and the user wants it.
        auto notice = AgendaRefreshWorker::noticeFor(state.agendaChanges, m_notified);
        if (notice && state.live.notifyChanges && !state.screenshotMode && !inFront && m_notify)
            m_notify(notice->summary, notice->body);
    }
}

}  // namespace hallway::ui
