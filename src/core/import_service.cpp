#include "core/import_service.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "core/http_fetch.h"
#include "core/time_util.h"
#include "formats/contacts.h"
#include "formats/text.h"
#include "store/backup.h"
#include "store/store.h"

namespace hallway {
namespace {

// Which person an agenda's speaker is. A key ("id:63", or "name:Ana Lima"
// when the agenda gives no id) names one person for the whole import; the
// first time a key comes up it takes, in this order, the person this session
// already credits under that exact name (a re-import), or a speaker of the
// event with that exact name whom no other key has taken; else a new person.
// So two ids with one name stay two people, and so do "mo" and "Mo".
class SpeakerMatcher {
public:
    explicit SpeakerMatcher(std::vector<Store::SessionSpeaker> credits) {
        for (auto& c : credits) {
            m_bySession[c.sessionId].push_back(c.personId);
            std::string name = text::nfc(text::collapseSpaces(c.displayName));
            m_name[c.personId] = name;
            auto& same = m_byName[name];
            if (std::find(same.begin(), same.end(), c.personId) == same.end()) same.push_back(c.personId);
        }
    }

    // The person for this speaker, or 0 when a new one must be made (then call claim).
    RowId find(const std::string& sourceId, const std::string& name, RowId sessionId) {
        const std::string key = keyOf(sourceId, name);
        if (auto known = m_byKey.find(key); known != m_byKey.end()) return known->second;
        RowId person = 0;
        if (auto credited = m_bySession.find(sessionId); credited != m_bySession.end())
            for (RowId id : credited->second)
                if (!m_taken.count(id) && m_name[id] == name) {
                    person = id;
                    break;
                }
        if (!person)
            if (auto same = m_byName.find(name); same != m_byName.end())
                for (RowId id : same->second)
                    if (!m_taken.count(id)) {
                        person = id;
                        break;
                    }
        if (person) claim(sourceId, name, person);
        return person;
    }

    void claim(const std::string& sourceId, const std::string& name, RowId person) {
        m_byKey[keyOf(sourceId, name)] = person;
        m_taken.insert(person);
        m_name[person] = name;
    }

    // The people a session credited before this import, in agenda order.
    const std::vector<RowId>& creditedIn(RowId sessionId) const {
        static const std::vector<RowId> none;
        auto found = m_bySession.find(sessionId);
        return found == m_bySession.end() ? none : found->second;
    }

private:
    static std::string keyOf(const std::string& sourceId, const std::string& name) {
        return sourceId.empty() ? "name:" + name : "id:" + sourceId;
    }

    std::map<std::string, RowId> m_byKey;
    std::map<RowId, std::vector<RowId>> m_bySession;
    std::map<std::string, std::vector<RowId>> m_byName;
    std::map<RowId, std::string> m_name;
    std::set<RowId> m_taken;
};

// A schedule is text of a few MB at most; a larger file is a mistake or hostile.
constexpr std::uintmax_t kMaxAgendaBytes = 64u << 20;

std::string describeSlot(Instant start, const std::string& room, const std::string& zone) {
    std::string out = localDateString(start, zone) + " " + localTimeString(start, zone);
    if (!room.empty()) out += " " + room;
    return out;
}

Session toSession(const AgendaSession& a, RowId eventId) {
    Session s;
    s.eventId = eventId;
    s.sourceId = a.sourceId;
    s.title = a.title;
    s.subtitle = a.subtitle;
    s.abstract = a.abstract;
    s.description = a.description;
    s.startsAt = a.startsAt;
    s.endsAt = a.endsAt;
    s.room = a.room;
    s.track = a.track;
    s.type = a.type;
    s.url = a.url;
    s.language = a.language;
    return s;
}

bool sameAgendaFields(const Session& a, const Session& b) {
    return a.title == b.title && a.subtitle == b.subtitle && a.abstract == b.abstract &&
           a.description == b.description && a.startsAt == b.startsAt && a.endsAt == b.endsAt && a.room == b.room &&
           a.track == b.track && a.type == b.type && a.url == b.url && a.language == b.language;
}

std::optional<RowId> parseId(const std::string& s) {
    RowId id = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
    if (ec != std::errc() || ptr != s.data() + s.size() || id <= 0) return std::nullopt;
    return id;
}

}  // namespace

const char* sessionChangeKindName(SessionChange::Kind kind) {
    switch (kind) {
        case SessionChange::Kind::Added: return "added";
        case SessionChange::Kind::Removed: return "removed";
        case SessionChange::Kind::Moved: return "moved";
        case SessionChange::Kind::Retitled: return "retitled";
        case SessionChange::Kind::Changed: return "changed";
        case SessionChange::Kind::Returned: return "returned";
    }
    return "changed";
}

std::string contentHash(std::string_view bytes) {
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : bytes) {
        h ^= c;
        h *= 1099511628211ull;
    }
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

AgendaImportReport importAgendaFile(Store& store, const std::string& path, const AgendaImportOptions& options) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw FormatError(path, 0, "is a folder, not an agenda file");
    auto size = std::filesystem::file_size(path, ec);
    if (ec) throw FormatError(path, 0, "cannot read the file: " + ec.message());
    if (size > kMaxAgendaBytes)
        throw FormatError(path, 0, "file is " + std::to_string(size >> 20) + " MiB; agendas over 64 MiB are refused");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw FormatError(path, 0, "cannot open the file for reading: " + std::string(std::strerror(errno)));
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) throw FormatError(path, 0, "cannot read the file: " + std::string(std::strerror(errno)));
    return importAgendaBytes(store, bytes, path, options);
}

AgendaImportReport importAgendaBytes(Store& store, std::string_view bytes, const std::string& fileName,
                                     const AgendaImportOptions& options) {
    // A contacts export given as an agenda would fail on its first line with a
    // puzzling "missing columns": say what it is instead.
    if (options.format == AgendaFormat::Auto && looksLikeContacts(bytes, fileName))
        throw FormatError(fileName, 1,
                          "this is a contacts file, not an agenda: import it as contacts "
                          "(hallway people import, or Import contacts in the app's People view)");
    // Parse fully before touching the database: a bad file writes nothing.
    Agenda agenda = parseAgenda(bytes, fileName, options.format, options.parse);
    if (agenda.sessions.empty()) throw FormatError(fileName, 0, "no sessions found");

    AgendaImportReport report;
    report.format = agenda.format;
    report.warnings = agenda.warnings;

    // The input is valid: a rolling safety copy when one is due (daily, or a
    // large change). A failed parse above never takes one.
    backupBeforeLargeChange(store, "agenda-import", std::int64_t(agenda.sessions.size()));
    Store::Transaction tx(store);

    // Which event?
    std::optional<Event> event;
    std::string wantedName = text::trim(options.event);
    if (!wantedName.empty()) {
        if (auto id = parseId(wantedName)) {
            event = store.findEvent(*id);
            if (!event) throw FormatError(fileName, 0, "no event with id " + wantedName);
        } else {
            event = store.findEventByName(wantedName);
        }
    } else {
        wantedName = text::collapseSpaces(agenda.title);
        if (wantedName.empty()) wantedName = std::filesystem::path(fileName).stem().string();
        event = store.findEventByName(wantedName);
    }

    std::string zone = options.parse.timeZone;
    if (zone.empty()) zone = agenda.timeZone;
    if (zone.empty() && event) zone = event->timeZone;
    if (zone.empty()) {
        zone = "UTC";
        report.warnings.push_back("the agenda names no time zone; times are shown in UTC (choose one with --tz)");
    }
    if (!isKnownTimeZone(zone)) throw FormatError(fileName, 0, "unknown time zone '" + zone + "'");

    Instant now = nowInstant();
    if (!event) {
        Event fresh;
        fresh.name = wantedName;
        fresh.timeZone = zone;
        fresh.id = store.createEvent(fresh);
        event = fresh;
        report.eventCreated = true;
    }
    event->timeZone = zone;

    // New sessions and speakers are only inserted below, never updated, so
    // they can be indexed in bulk at the end.
    store.suspendSearchIndexing();
    auto existing = store.sessionsBySourceId(event->id);
    SpeakerMatcher speakers(store.speakersOfEvent(event->id));
    std::set<std::string> seen;

    for (const AgendaSession& incoming : agenda.sessions) {
        seen.insert(incoming.sourceId);
        Session fresh = toSession(incoming, event->id);

        auto old = existing.find(incoming.sourceId);
        const RowId oldId = old == existing.end() ? 0 : old->second.id;

        // Speakers become people: one per source id where the agenda has ids,
        // else one per name, compared exactly after NFC ("mo" and "Mo" are two).
        std::vector<RowId> speakerIds;
        for (const auto& sp : incoming.speakers) {
            std::string name = text::nfc(text::collapseSpaces(sp.name));
            if (name.empty()) continue;
            RowId person = speakers.find(sp.sourceId, name, oldId);
            if (!person) {
                Person fresh;
                fresh.displayName = name;
                fresh.source = "agenda";
                person = store.createPerson(fresh);
                speakers.claim(sp.sourceId, name, person);
                ++report.peopleAdded;
            }
            if (std::find(speakerIds.begin(), speakerIds.end(), person) == speakerIds.end())
                speakerIds.push_back(person);
        }

        if (old == existing.end()) {
            fresh.id = store.insertSession(fresh);
            store.setSessionSpeakers(fresh.id, speakerIds);
            ++report.sessionsAdded;
            report.changes.push_back({SessionChange::Kind::Added, fresh.id, fresh.sourceId, fresh.title, "",
                                      describeSlot(fresh.startsAt, fresh.room, zone)});
            continue;
        }

        Session& before = old->second;
        fresh.id = before.id;
        bool speakersChanged = speakers.creditedIn(before.id) != speakerIds;
        bool fieldsChanged = !sameAgendaFields(before, fresh);
        if (!fieldsChanged && !speakersChanged && !before.removed) {
            ++report.sessionsUnchanged;
            continue;
        }
        store.updateSessionAgendaFields(fresh);
        if (speakersChanged) store.setSessionSpeakers(fresh.id, speakerIds);
        ++report.sessionsUpdated;

        if (before.removed) {
            report.changes.push_back({SessionChange::Kind::Returned, fresh.id, fresh.sourceId, fresh.title, "",
                                      describeSlot(fresh.startsAt, fresh.room, zone)});
            continue;
        }
        bool moved = before.startsAt != fresh.startsAt || before.endsAt != fresh.endsAt || before.room != fresh.room;
        if (moved) {
            report.changes.push_back({SessionChange::Kind::Moved, fresh.id, fresh.sourceId, fresh.title,
                                      describeSlot(before.startsAt, before.room, zone),
                                      describeSlot(fresh.startsAt, fresh.room, zone)});
        }
        if (before.title != fresh.title) {
            report.changes.push_back(
                {SessionChange::Kind::Retitled, fresh.id, fresh.sourceId, fresh.title, before.title, fresh.title});
        }
        if (!moved && before.title == fresh.title) {
            report.changes.push_back({SessionChange::Kind::Changed, fresh.id, fresh.sourceId, fresh.title,
                                      speakersChanged ? "speakers" : "details", ""});
        }
    }

    for (auto& [sourceId, session] : existing) {
        if (seen.count(sourceId) || session.removed) continue;
        store.markSessionRemoved(session.id, now);
        ++report.sessionsRemoved;
        report.changes.push_back({SessionChange::Kind::Removed, session.id, sourceId, session.title,
                                  describeSlot(session.startsAt, session.room, zone), ""});
    }

    // Event span, rooms and days over what the agenda holds now.
    std::set<std::string> rooms, days;
    Instant first = 0, last = 0;
    bool any = false;
    for (const auto& s : agenda.sessions) {
        if (!s.room.empty()) rooms.insert(s.room);
        days.insert(localDateString(s.startsAt, zone));
        if (!any || s.startsAt < first) first = s.startsAt;
        if (!any || s.endsAt > last) last = s.endsAt;
        any = true;
    }
    event->startsAt = first;
    event->endsAt = last;
    event->sourceFile = isHttpUrl(fileName) ? fileName : std::filesystem::absolute(fileName).string();
    event->sourceFormat = agendaFormatName(agenda.format);
    event->sourceHash = contentHash(bytes);
    event->importedAt = now;
    store.updateEvent(*event);

    store.resumeSearchIndexing();

    std::string warningText;
    for (auto& w : report.warnings) warningText += w + "\n";
    store.recordImport(event->id, event->sourceFile, event->sourceFormat, event->sourceHash, report.sessionsAdded,
                       report.sessionsUpdated, report.sessionsRemoved, warningText);
    tx.commit();

    report.eventId = event->id;
    report.eventName = event->name;
    report.timeZone = zone;
    report.rooms = int(rooms.size());
    report.days = int(days.size());
    report.sessionsTotal = int(agenda.sessions.size());
    return report;
}

}  // namespace hallway
