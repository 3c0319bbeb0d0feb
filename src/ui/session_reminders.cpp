#include "ui/session_reminders.h"

#include <exception>

#include "store/agenda_queries.h"
#include "store/store.h"

namespace hallway::ui {

std::optional<Reminder> SessionReminders::poll(Store& store, std::optional<RowId> eventId, std::uint64_t revision,
                                               Instant now, int leadMinutes, const std::string& zone) {
    if (!m_loaded || m_eventId != eventId || m_revision != revision) {
        m_loaded = true;
        m_eventId = eventId;
        m_revision = revision;
        ++m_reloads;
        m_slots.clear();
        try {
            if (eventId) m_slots = watchedSlots(store, *eventId);
        } catch (const std::exception&) {
            m_slots.clear();  // the views say what is wrong with the database
        }
    }
    if (m_checkedUpTo == 0) m_checkedUpTo = now;
    std::optional<Reminder> due = dueReminder(m_slots, m_checkedUpTo, now, leadMinutes, zone);
    m_checkedUpTo = std::max(m_checkedUpTo, now);
    return due;
}

}  // namespace hallway::ui
