#include "services/import_service.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <charconv>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "core/atomic_file.h"
#include "core/text.h"
#include "core/time_util.h"
#include "formats/contacts.h"
#include "services/http_fetch.h"
#include "services/service_errors.h"
#include "store/agenda_repo.h"
#include "store/backup.h"
#include "store/people_repo.h"
#include "store/store.h"

// An agenda import, from bytes to the store (url_import.cpp fetches a URL
// first and ends here too):
//
//   importAgendaFile(store, path)     size cap (64 MiB), read the bytes
//        v
//   importAgendaBytes(store, bytes)
//        |   looksLikeContacts? -> FormatError: "import it as contacts"
//        |   parseAgenda (formats/agenda: sniff, decode to UTF-8, parse)
//        |       a bad file throws FormatError(file, line, reason) here,
//        v       before anything is written
//   backupBeforeLargeChange            a safety copy when one is due
//   Store::Transaction
//        |   the event: --event id or name, else the agenda's title
//        |   the zone: --tz, the file's, the event's, else UTC with a warning
//        |   per session, by source id: new -> insert; same -> unchanged;
//        |       else update, and the change (moved, retitled, returned)
//        |       speakers -> people through SpeakerMatcher (id, then exact name)
//        |   sessions gone from the file -> marked removed, never deleted
//        v   event span, source, hash; recordImport
//   commit -> AgendaImportReport (counts, changes, warnings)

namespace hallway {
namespace {

// Which person an agenda's speaker is. A key ("id:63", or "name:Ana Lima"
// when the agenda gives no id) names one person for the whole import; the
// first time a key comes up it takes, in this order, the person an earlier
// import stored for that id (renamed or on another session, still them), the
// person this session already credits under that exact name, or a speaker of
// the event with that exact name whom no other key has taken; else a new
// person. A person stored for another id that this file also uses is not
// taken by name, so two ids with one name stay two people, and so do "mo"
// and "Mo".
class SpeakerMatcher {
public:
    SpeakerMatcher(std::vector<AgendaRepo::SessionSpeaker> credits,
                   std::map<std::string, AgendaRepo::SpeakerSourceId> known, const Agenda& agenda)
        : m_known(std::move(known)) {
        for (auto& c : credits) {
            m_bySession[c.sessionId].push_back(c.personId);
            std::string name = text::nfc(text::collapseSpaces(c.displayName));
            m_name[c.personId] = name;
            auto& same = m_byName[name];
            if (std::find(same.begin(), same.end(), c.personId) == same.end()) same.push_back(c.personId);
        }
        if (m_known.empty()) return;
        std::set<std::string> inFile;
        for (const auto& s : agenda.sessions)
            for (const auto& sp : s.speakers)
                if (!sp.sourceId.empty()) inFile.insert(sp.sourceId);
        for (const auto& [id, k] : m_known)
            if (inFile.count(id)) m_idsInFile[k.personId].push_back(id);
    }

    // The person for this speaker, or 0 when a new one must be made (then call claim).
    RowId find(const std::string& sourceId, const std::string& name, RowId sessionId) {
        const std::string key = keyOf(sourceId, name);
        if (auto known = m_byKey.find(key); known != m_byKey.end()) return known->second;
        if (!sourceId.empty())
            if (auto stored = m_known.find(sourceId); stored != m_known.end()) {
                claim(sourceId, name, stored->second.personId);
                return stored->second.personId;
            }
        auto free = [&](RowId id) { return !m_taken.count(id) && !speaksUnderAnotherId(id, sourceId); };
        RowId person = 0;
        if (auto credited = m_bySession.find(sessionId); credited != m_bySession.end())
            for (RowId id : credited->second)
                if (free(id) && m_name[id] == name) {
                    person = id;
                    break;
                }
        if (!person)
            if (auto same = m_byName.find(name); same != m_byName.end())
                for (RowId id : same->second)
                    if (free(id)) {
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

    // Stores which person the speaker id is, at its first appearance in the
    // file and only when that changed. When the agenda renamed the speaker and
    // the person's name is still the one it gave last time, the person takes
    // the new name; a name the user changed stays. A file giving one id
    // several names is read by its first. True when the person was renamed.
    bool remember(Store& store, RowId eventId, const std::string& sourceId, const std::string& name, RowId person) {
        if (sourceId.empty() || !m_remembered.insert(sourceId).second) return false;
        auto [it, fresh] = m_known.try_emplace(sourceId);
        AgendaRepo::SpeakerSourceId& k = it->second;
        if (!fresh && k.personId == person && k.agendaName == name) return false;
        bool rename = !fresh && k.personId == person && k.personName == k.agendaName && k.personName != name;
        if (rename) PeopleRepo(store).rename(person, name);
        AgendaRepo(store).setSpeakerSourceId(eventId, sourceId, person, name);
        k.personId = person;
        k.agendaName = name;
        if (rename || fresh) k.personName = name;
        return rename;
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

    // True when `person` is stored for an id of this file other than `sourceId`.
    bool speaksUnderAnotherId(RowId person, const std::string& sourceId) const {
        if (sourceId.empty()) return false;
        auto ids = m_idsInFile.find(person);
        if (ids == m_idsInFile.end()) return false;
        return std::any_of(ids->second.begin(), ids->second.end(), [&](const std::string& id) { return id != sourceId; });
    }

    std::map<std::string, AgendaRepo::SpeakerSourceId> m_known;
    std::map<RowId, std::vector<std::string>> m_idsInFile;
    std::set<std::string> m_remembered;  // ids already stored by this import
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

std::string readAgendaFile(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw FormatError(path, 0, "is a folder, not an agenda file");
    auto size = std::filesystem::file_size(path, ec);
    if (ec) throw FormatError(path, 0, "cannot read the file: " + ec.message());
    if (size > kMaxAgendaBytes)
        throw FormatError(path, 0, "file is " + std::to_string(size >> 20) + " MiB; agendas over 64 MiB are refused");
    std::optional<std::string> bytes = readWholeFile(path);
    if (!bytes) throw FormatError(path, 0, "cannot read the file: " + std::string(std::strerror(errno)));
    return std::move(*bytes);
}

// "+01:00" or "+01:00 and +02:00": the distinct offsets the file's times carry.
std::string offsetsText(const std::vector<std::pair<Instant, int>>& samples) {
    std::set<int> distinct;
    for (const auto& sample : samples) distinct.insert(sample.second);
    std::string out;
    size_t i = 0;
    for (int offset : distinct) {
        if (i > 0) out += ++i == distinct.size() ? " and " : ", ";
        else ++i;
        out += offsetString(offset);
    }
    return out;
}

// A zone for offsets no place zone has all of: a fixed one when the file uses one whole-hour offset.
std::string fixedOffsetZone(const std::vector<std::pair<Instant, int>>& samples) {
    std::set<int> distinct;
    for (const auto& sample : samples) distinct.insert(sample.second);
    int offset = *distinct.begin();
    if (distinct.size() != 1 || offset % 3600 != 0) return "UTC";
    if (offset == 0) return "UTC";
    // POSIX signs: Etc/GMT-1 is one hour ahead of UTC.
    std::string zone = std::string("Etc/GMT") + (offset > 0 ? "-" : "+") + std::to_string(std::abs(offset) / 3600);
    return isKnownTimeZone(zone) ? zone : "UTC";
}

// The explicit option wins, then the file's zone, then the event's, then a
// zone matching the file's offsets, then the computer's. A zone the file's
// offsets contradict is not believed.
ZoneDecision decideZone(const Agenda& agenda, const std::optional<Event>& event, const AgendaImportOptions& options) {
    std::vector<std::pair<Instant, int>> samples;
    for (const auto& o : agenda.offsets) samples.emplace_back(o.at, o.offsetSeconds);
    const std::string computer = options.fallbackZone.empty() ? systemTimeZone() : options.fallbackZone;
    auto fits = [&](const std::string& zone) { return samples.empty() || zoneMatchesOffsets(zone, samples); };
    ZoneDecision d;

    const std::string& explicitZone = options.parse.timeZone;
    if (!explicitZone.empty()) {
        d.zone = explicitZone;
        d.source = ZoneSource::Option;
        if (!fits(explicitZone)) {
            d.warn = true;
            d.suggestions = zonesMatchingOffsets(samples, computer);
            d.note = "the file's times carry " + offsetsText(samples) + ", which " + explicitZone +
                     " does not have on those dates; the times keep the file's offsets";
        }
        return d;
    }

    std::string contradiction;
    if (!agenda.fileTimeZone.empty()) {
        if (fits(agenda.fileTimeZone)) {
            d.zone = agenda.fileTimeZone;
            d.source = ZoneSource::File;
            return d;
        }
        contradiction = "the file names " + agenda.fileTimeZone + " but its times carry " + offsetsText(samples);
    }
    if (event && fits(event->timeZone)) {
        d.zone = event->timeZone;
        d.source = ZoneSource::Event;
        if (!contradiction.empty()) {
            d.warn = true;
            d.note = contradiction + "; kept the event's zone, " + d.zone + ", which matches them";
        } else if (agenda.wallClockTimes > 0) {
            d.note = "the agenda names no time zone; its times are read in the event's zone, " + d.zone;
        }
        return d;
    }
    d.warn = true;
    if (!samples.empty()) {
        d.source = ZoneSource::Offsets;
        d.suggestions = zonesMatchingOffsets(samples, computer);
        std::string head = contradiction.empty()
                               ? "the agenda names no time zone but its times carry " + offsetsText(samples)
                               : contradiction;
        if (d.suggestions.empty()) {
            d.zone = fixedOffsetZone(samples);
            d.note = head + "; no named zone has those offsets on those dates, shown in " + d.zone;
            return d;
        }
        d.zone = d.suggestions.front();
        d.note = head + "; shown in " + d.zone + (d.zone == computer ? ", the computer's zone, which matches" : ", which matches");
        if (d.suggestions.size() > 1) {
            d.note += " (so do ";
            for (size_t i = 1; i < std::min<size_t>(d.suggestions.size(), 4); ++i)
                d.note += (i > 1 ? ", " : "") + d.suggestions[i];
            if (d.suggestions.size() > 4) d.note += " and " + std::to_string(d.suggestions.size() - 4) + " more";
            d.note += ")";
        }
        d.guessed = true;
        return d;
    }
    d.zone = computer;
    d.source = ZoneSource::Fallback;
    d.note = "the agenda names no time zone; times are read in " + computer + ", the computer's zone";
    d.guessed = true;
    return d;
}

// The file parsed, its event found and its zone decided; times that the file
// gives as wall clock are read in that zone.
struct PreparedAgenda {
    Agenda agenda;
    std::optional<Event> event;
    std::string eventName;
    ZoneDecision zone;
};

PreparedAgenda prepareAgenda(Store& store, std::string_view bytes, const std::string& fileName,
                             const AgendaImportOptions& options) {
    // A contacts export given as an agenda would fail on its first line with a
    // puzzling "missing columns": say what it is instead.
    if (options.format == "auto" && looksLikeContacts(bytes, fileName))
        throw FormatError(fileName, 1,
                          "this is a contacts file, not an agenda: import it as contacts "
                          "(hallway people import, or Import contacts in the app's People view)");
    if (!options.parse.timeZone.empty() && !isKnownTimeZone(options.parse.timeZone))
        throw UnknownTimeZone(fileName, options.parse.timeZone);
    PreparedAgenda p;
    p.agenda = parseAgenda(bytes, fileName, options.format, options.parse);
    if (p.agenda.sessions.empty()) throw FormatError(fileName, 0, "no sessions found");

    p.eventName = text::trim(options.event);
    if (!p.eventName.empty()) {
        if (auto id = parseId(p.eventName)) {
            p.event = AgendaRepo(store).findEvent(*id);
            if (!p.event) throw FormatError(fileName, 0, "no event with id " + p.eventName);
        } else {
            p.event = AgendaRepo(store).findEventByName(p.eventName);
        }
    } else {
        p.eventName = text::collapseSpaces(p.agenda.title);
        if (p.eventName.empty()) p.eventName = std::filesystem::path(fileName).stem().string();
        p.event = AgendaRepo(store).findEventByName(p.eventName);
    }
    if (p.event) p.eventName = p.event->name;

    p.zone = decideZone(p.agenda, p.event, options);
    if (!isKnownTimeZone(p.zone.zone)) throw UnknownTimeZone(fileName, p.zone.zone);
    // Wall-clock times belong to the decided zone: read them again in it (a
    // re-import without --tz keeps the event's zone instead of shifting).
    if (p.agenda.wallClockTimes > 0 && p.agenda.readInZone != p.zone.zone) {
        AgendaParseOptions again = options.parse;
        again.timeZone = p.zone.zone;
        std::vector<OffsetSample> offsets = std::move(p.agenda.offsets);
        std::string fileZone = p.agenda.fileTimeZone;
        p.agenda = parseAgenda(bytes, fileName, p.agenda.format, again);
        p.agenda.offsets = std::move(offsets);
        p.agenda.fileTimeZone = fileZone;
    }
    return p;
}

constexpr size_t kZoneShiftExamples = 3;

// True when `fresh` is `before` at the same wall-clock time, read in the new zone instead of the old one.
bool shiftedByZone(const Session& before, const Session& fresh, const ZoneChange& zc) {
    if (before.room != fresh.room) return false;
    Instant shift = fresh.startsAt - before.startsAt;
    if (shift == 0 || fresh.endsAt - before.endsAt != shift) return false;
    return shift == Instant(utcOffsetAt(before.startsAt, zc.from)) - utcOffsetAt(fresh.startsAt, zc.to);
}

bool shiftedByZone(const Session& before, const Session& fresh, const std::optional<ZoneChange>& zc) {
    return zc && shiftedByZone(before, fresh, *zc);
}

std::string shiftText(int seconds) {
    std::string out = seconds < 0 ? "-" : "+";
    int a = std::abs(seconds);
    if (a >= 3600) out += std::to_string(a / 3600) + " h";
    if (a % 3600 != 0) out += (a >= 3600 ? " " : "") + std::to_string(a / 60 % 60) + " min";
    return out;
}

}  // namespace

const char* zoneSourceName(ZoneSource source) {
    switch (source) {
        case ZoneSource::Option: return "option";
        case ZoneSource::File: return "file";
        case ZoneSource::Event: return "event";
        case ZoneSource::Offsets: return "offsets";
        case ZoneSource::Fallback: return "fallback";
    }
    return "fallback";
}

std::string describeSessionChange(const SessionChange& c, std::string_view arrow) {
    std::string out = c.title;
    if (c.kind == SessionChange::Kind::Moved) out += ": " + c.before + " " + std::string(arrow) + " " + c.after;
    else if (c.kind == SessionChange::Kind::Retitled) out += " (was \"" + c.before + "\")";
    else if (c.kind == SessionChange::Kind::Removed) out += " (was " + c.before + ")";
    else if (!c.after.empty()) out += " (" + c.after + ")";
    else if (!c.before.empty()) out += " (" + c.before + ")";
    return out;
}

std::string describeZoneChange(const ZoneChange& c) {
    std::string because = "because the zone changed from " + c.from + " to " + c.to;
    if (c.shifted == 0) return "no times moved " + because + " (the file gives them in UTC or with offsets)";
    std::string count = c.shifted == c.matched ? "all " + std::to_string(c.shifted) + " times"
                                               : std::to_string(c.shifted) + " of " + std::to_string(c.matched) + " times";
    if (c.shifted == 1 && c.matched == 1) count = "the one time";
    std::string by = c.shiftSeconds != 0 ? " by " + shiftText(c.shiftSeconds) : "";
    return count + " shifted" + by + " " + because;
}

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
    std::string bytes = readAgendaFile(path);
    return importAgendaBytes(store, bytes, path, options);
}

AgendaImportPreview previewAgendaFile(Store& store, const std::string& path, const AgendaImportOptions& options) {
    std::string bytes = readAgendaFile(path);
    PreparedAgenda p = prepareAgenda(store, bytes, path, options);
    AgendaImportPreview out;
    out.eventName = p.eventName;
    out.eventExists = p.event.has_value();
    if (p.event) out.eventZone = p.event->timeZone;
    out.zone = p.zone;
    out.sessions = int(p.agenda.sessions.size());
    return out;
}

AgendaImportReport importAgendaBytes(Store& store, std::string_view bytes, const std::string& fileName,
                                     const AgendaImportOptions& options) {
    // Parse fully before writing: a bad file writes nothing, and takes no
    // backup. Then a rolling safety copy when one is due (daily, or a large
    // change), then the writes in one transaction.
    PreparedAgenda prepared = prepareAgenda(store, bytes, fileName, options);
    backupBeforeLargeChange(store, "agenda-import", std::int64_t(prepared.agenda.sessions.size()));
    Store::Transaction tx(store);
    AgendaRepo agendaRepo(store);
    PeopleRepo people(store);
    if (prepared.event) {
        // Another process may have removed it since the lookup.
        prepared.event = agendaRepo.findEvent(prepared.event->id);
        if (!prepared.event) throw FormatError(fileName, 0, "the event was deleted while this import ran");
    }
    Agenda& agenda = prepared.agenda;
    std::optional<Event>& event = prepared.event;
    const std::string zone = prepared.zone.zone;

    AgendaImportReport report;
    report.format = agenda.format;
    report.zone = prepared.zone;
    if (prepared.zone.warn) report.warnings.push_back(prepared.zone.note);
    report.warnings.insert(report.warnings.end(), agenda.warnings.begin(), agenda.warnings.end());

    Instant now = nowInstant();
    if (event && event->timeZone != zone) {
        report.zoneChange.emplace();
        report.zoneChange->from = event->timeZone;
        report.zoneChange->to = zone;
    }
    if (!event) {
        Event fresh;
        fresh.name = prepared.eventName;
        fresh.timeZone = zone;
        fresh.id = agendaRepo.createEvent(fresh);
        event = fresh;
        report.eventCreated = true;
    }
    event->timeZone = zone;

    // New sessions and speakers are only inserted below, never updated, so
    // they can be indexed in bulk at the end.
    store.suspendSearchIndexing();
    auto existing = agendaRepo.sessionsBySourceId(event->id);
    SpeakerMatcher speakers(agendaRepo.speakersOfEvent(event->id), agendaRepo.speakerSourceIds(event->id),
                            agenda);
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
                person = people.create(fresh);
                speakers.claim(sp.sourceId, name, person);
                ++report.peopleAdded;
            }
            if (speakers.remember(store, event->id, sp.sourceId, name, person)) ++report.peopleRenamed;
            if (std::find(speakerIds.begin(), speakerIds.end(), person) == speakerIds.end())
                speakerIds.push_back(person);
        }

        if (old == existing.end()) {
            fresh.id = agendaRepo.insertSession(fresh);
            agendaRepo.setSessionSpeakers(fresh.id, speakerIds);
            ++report.sessionsAdded;
            report.changes.push_back({SessionChange::Kind::Added, fresh.id, fresh.sourceId, fresh.title, "",
                                      describeSlot(fresh.startsAt, fresh.room, zone)});
            continue;
        }

        Session& before = old->second;
        fresh.id = before.id;
        if (report.zoneChange && !before.removed) ++report.zoneChange->matched;
        bool speakersChanged = speakers.creditedIn(before.id) != speakerIds;
        bool fieldsChanged = !sameAgendaFields(before, fresh);
        if (!fieldsChanged && !speakersChanged && !before.removed) {
            ++report.sessionsUnchanged;
            continue;
        }
        agendaRepo.updateSessionAgendaFields(fresh);
        if (speakersChanged) agendaRepo.setSessionSpeakers(fresh.id, speakerIds);
        ++report.sessionsUpdated;

        if (before.removed) {
            report.changes.push_back({SessionChange::Kind::Returned, fresh.id, fresh.sourceId, fresh.title, "",
                                      describeSlot(fresh.startsAt, fresh.room, zone)});
            continue;
        }
        bool moved = before.startsAt != fresh.startsAt || before.endsAt != fresh.endsAt || before.room != fresh.room;
        if (moved && report.zoneChange && shiftedByZone(before, fresh, *report.zoneChange)) {
            // Same wall-clock time read in the new zone: counted in one summary, a few shown.
            ZoneChange& zc = *report.zoneChange;
            int shift = int(fresh.startsAt - before.startsAt);
            zc.shiftSeconds = zc.shifted == 0 || zc.shiftSeconds == shift ? shift : 0;  // 0: mixed shifts
            ++zc.shifted;
            if (zc.examples.size() < kZoneShiftExamples)
                zc.examples.push_back({SessionChange::Kind::Moved, fresh.id, fresh.sourceId, fresh.title,
                                       describeSlot(before.startsAt, before.room, zone),
                                       describeSlot(fresh.startsAt, fresh.room, zone)});
            moved = false;
        } else if (moved) {
            report.changes.push_back({SessionChange::Kind::Moved, fresh.id, fresh.sourceId, fresh.title,
                                      describeSlot(before.startsAt, before.room, zone),
                                      describeSlot(fresh.startsAt, fresh.room, zone)});
        }
        if (before.title != fresh.title) {
            report.changes.push_back(
                {SessionChange::Kind::Retitled, fresh.id, fresh.sourceId, fresh.title, before.title, fresh.title});
        }
        if (!moved && before.title == fresh.title && !shiftedByZone(before, fresh, report.zoneChange)) {
            report.changes.push_back({SessionChange::Kind::Changed, fresh.id, fresh.sourceId, fresh.title,
                                      speakersChanged ? "speakers" : "details", ""});
        }
    }

    for (auto& [sourceId, session] : existing) {
        if (seen.count(sourceId) || session.removed) continue;
        agendaRepo.markSessionRemoved(session.id, now);
        ++report.sessionsRemoved;
        report.changes.push_back({SessionChange::Kind::Removed, session.id, sourceId, session.title,
                                  describeSlot(session.startsAt, session.room, zone), ""});
    }

    // The file's own days (none: 05:00 to 05:00) replace the stored ones;
    // event span, rooms and days over what the agenda holds now.
    event->days = normalizeScheduleDays(agenda.days, zone);
    agendaRepo.setEventDays(event->id, event->days);
    std::set<std::string> rooms;
    std::vector<Instant> starts;
    Instant first = 0, last = 0;
    bool any = false;
    for (const auto& s : agenda.sessions) {
        if (!s.room.empty()) rooms.insert(s.room);
        starts.push_back(s.startsAt);
        if (!any || s.startsAt < first) first = s.startsAt;
        if (!any || s.endsAt > last) last = s.endsAt;
        any = true;
    }
    event->startsAt = first;
    event->endsAt = last;
    event->sourceFile = isHttpUrl(fileName) ? fileName : std::filesystem::absolute(fileName).string();
    event->sourceFormat = agenda.format;
    event->sourceHash = contentHash(bytes);
    event->importedAt = now;
    agendaRepo.updateEvent(*event);

    store.resumeSearchIndexing();

    std::string warningText;
    for (auto& w : report.warnings) warningText += w + "\n";
    agendaRepo.recordImport(event->id, event->sourceFile, event->sourceFormat, event->sourceHash,
                            report.sessionsAdded, report.sessionsUpdated, report.sessionsRemoved, warningText);
    tx.commit();

    report.eventId = event->id;
    report.eventName = event->name;
    report.timeZone = zone;
    report.rooms = int(rooms.size());
    report.days = int(agendaDayKeys(*event, starts).size());
    report.sessionsTotal = int(agenda.sessions.size());
    // Sessions and the event (Events), the stars of removed sessions, speakers
    // (People) and their talks as targets, notes tied to removed sessions.
    report.touched = Change::Events | Change::Stars | Change::People | Change::Targets | Change::Notes;
    return report;
}

}  // namespace hallway
