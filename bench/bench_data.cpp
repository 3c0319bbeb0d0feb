#include "bench_data.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>

#include "bench_util.h"
#include "core/followup.h"
#include "core/time_util.h"
#include "services/followup_service.h"
#include "services/import_service.h"
#include "store/agenda_repo.h"
#include "store/notes_repo.h"
#include "store/people_repo.h"
#include "store/store.h"

namespace hallway::bench {

const char* const kFirst[24] = {"Ana", "Bo",   "Cy",   "Dee", "Eve", "Femi", "Gus",  "Hana",
                                "Ivo", "Jun",  "Kai",  "Lena", "Mika", "Nia", "Omar", "Pia",
                                "Quin", "Rosa", "Sven", "Tara", "Uma", "Vik",  "Wen",  "Yara"};
const char* const kLast[25] = {"Lima",  "Chen",  "Diaz",   "Evans",  "Fox",    "Garcia", "Hansen", "Ito",   "Jensen",
                               "Kowalski", "Larsen", "Moreau", "Novak", "Okafor", "Petrov", "Quinn", "Rossi",
                               "Sato",  "Tanaka", "Ueda",  "Varga",  "Weber",  "Xu",     "Young",  "Zhang"};
const char* const kWords[24] = {"rust",    "kernel",    "allocator", "compiler", "wasm",     "database",
                                "hiring",  "coffee",    "paper",     "benchmark", "community", "mentor",
                                "keynote", "slides",    "startup",   "funding",  "python",   "debian",
                                "packaging", "security", "fuzzing",  "design",   "sqlite",   "search"};

std::string personName(int i) {
    std::string name = std::string(kFirst[i % 24]) + " " + char('A' + (i / 600) % 26) + ". " + kLast[(i / 24) % 25];
    if (i >= 600 * 26) name += " " + std::to_string(i / (600 * 26));
    return name;
}

namespace {

// [SECTION] Text like a conference's

// splitmix64: the same text for the same seed on every machine.
struct Random {
    std::uint64_t state;
    explicit Random(std::uint64_t seed) : state(seed * 0x9E3779B97F4A7C15ULL + 1) {}
    std::uint64_t next() {
        std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    int below(int n) { return int(next() % std::uint64_t(n)); }
    // Skewed towards the start of a list, as word frequencies are.
    int skewed(int n) {
        double u = double(next() >> 11) / double(1ULL << 53);
        return std::min(n - 1, int(u * u * n));
    }
};

// Words of talk abstracts: common ones first (skewed picks favour them).
const char* const kProse[] = {
    "the", "and", "of", "to", "a", "in", "we", "how", "is", "for", "this", "talk", "that", "with", "on", "it",
    "our", "you", "will", "from", "about", "what", "are", "as", "by", "can", "an", "at", "why", "when",
    "system", "systems", "data", "build", "open", "source", "project", "projects", "users", "code", "team",
    "teams", "tools", "years", "production", "scale", "performance", "memory", "network", "storage", "tests",
    "testing", "release", "releases", "community", "maintainers", "contributors", "developers", "design",
    "lessons", "learned", "practice", "approach", "problems", "solutions", "experience", "migration",
    "infrastructure", "deployment", "security", "kernel", "compiler", "runtime", "library", "libraries",
    "language", "languages", "rust", "python", "debian", "packaging", "database", "sqlite", "postgres",
    "search", "index", "queries", "latency", "throughput", "benchmarks", "profiling", "tracing", "observability",
    "monitoring", "reliability", "failures", "incidents", "automation", "pipelines", "continuous", "integration",
    "containers", "virtual", "machines", "hardware", "embedded", "firmware", "devices", "browsers", "web",
    "standards", "protocols", "federation", "privacy", "encryption", "keys", "identity", "accessibility",
    "documentation", "onboarding", "mentoring", "governance", "funding", "sustainability", "licensing",
    "upstream", "downstream", "distribution", "reproducible", "builds", "toolchain", "linker", "allocator",
    "garbage", "collection", "concurrency", "threads", "async", "scheduling", "caching", "compression",
    "graphics", "rendering", "audio", "video", "streaming", "mobile", "desktop", "interfaces", "keyboard",
    "wasm", "fuzzing", "verification", "formal", "proofs", "types", "safety", "undefined", "behaviour",
    "interoperability", "bindings", "plugins", "extensions", "configuration", "defaults", "surprising",
    "practical", "hands", "demo", "live", "walkthrough", "beginners", "advanced", "deep", "dive", "overview"};
constexpr int kProseCount = int(sizeof kProse / sizeof kProse[0]);

void appendSentence(std::string& out, Random& rng) {
    const int words = 8 + rng.below(14);
    for (int w = 0; w < words; ++w) {
        std::string word = kProse[rng.skewed(kProseCount)];
        if (w == 0) word[0] = char(std::toupper(static_cast<unsigned char>(word[0])));
        else out += ' ';
        out += word;
        if (w > 2 && w + 2 < words && rng.below(9) == 0) out += ',';
    }
    out += ". ";
}

// 1.7-2.2 KB of sentences, in paragraphs, as real abstracts run.
std::string abstractText(Random& rng) {
    const size_t target = 1700 + size_t(rng.below(501));
    std::string out;
    out.reserve(target + 200);
    int sentences = 0;
    while (out.size() < target) {
        appendSentence(out, rng);
        if (++sentences % 5 == 0) out += "\n\n";
    }
    while (!out.empty() && (out.back() == ' ' || out.back() == '\n')) out.pop_back();
    return out;
}

std::string titleText(Random& rng) {
    std::string t;
    const int words = 4 + rng.below(7);
    for (int w = 0; w < words; ++w) {
        // Titles use the subject words, not "the" and "of" only.
        std::string word = kProse[30 + rng.skewed(kProseCount - 30)];
        if (w == 0) word[0] = char(std::toupper(static_cast<unsigned char>(word[0])));
        if (w) t += w == words / 2 ? ": " : " ";
        t += word;
    }
    return t;
}

std::string xmlEscaped(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        if (c == '&') out += "&amp;";
        else if (c == '<') out += "&lt;";
        else out += c;
    }
    return out;
}

std::string csvField(const std::string& s) {
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

}  // namespace

// [SECTION] Agendas

std::vector<AgendaSession> agendaSessions(const AgendaShape& shape) {
    std::vector<AgendaSession> out;
    out.reserve(size_t(shape.sessions));
    const Instant firstDay = localToInstant({2025, 3, 3, 12, 0, 0}, kZone);
    const int perDay = shape.rooms * shape.slotsPerDay;
    for (int id = 0; id < shape.sessions; ++id) {
        const int day = id / perDay, room = id / shape.slotsPerDay % shape.rooms, slot = id % shape.slotsPerDay;
        Random rng(std::uint64_t(id) + 1);
        AgendaSession s;
        s.sourceId = "bench-" + std::to_string(id);
        s.title = titleText(rng);
        s.abstract = abstractText(rng);
        s.room = std::string("Room ") + char('A' + room % 5) + std::to_string(room + 1);
        s.track = std::string("Track ") + std::to_string(room % 30) + " " + kWords[room % 24];
        LocalDateTime date = instantToLocal(firstDay + Instant(day) * 86400, kZone);
        const int minute = shape.firstMinute + slot * shape.slotMinutes + shape.shiftMinutes;
        s.start = {date.year, date.month, date.day, minute / 60, minute % 60, 0};
        s.minutes = shape.longEvery9th ? (id % 9 == 0 ? 40 : 10 + id % 6) : shape.slotMinutes - 5;
        // One to four speakers (2 on average) from the pool; some speak often.
        const int count = 1 + (id % 10 < 4 ? 0 : id % 10 < 7 ? 1 : id % 10 < 9 ? 2 : 3);
        for (int k = 0; k < count; ++k) {
            const int who = int((std::int64_t(id) * 7919 + std::int64_t(k) * 104729) % shape.speakerPool);
            std::string name = personName(who);
            if (std::find(s.speakers.begin(), s.speakers.end(), name) == s.speakers.end()) s.speakers.push_back(name);
        }
        out.push_back(std::move(s));
    }
    return out;
}

std::string frabXml(const std::vector<AgendaSession>& sessions, const std::string& title) {
    std::string xml;
    xml.reserve(sessions.size() * 2600);
    xml += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<schedule>\n<conference><title>" + title +
           "</title><time_zone_name>Europe/Brussels</time_zone_name></conference>\n";
    char buf[256];
    std::string day, room;
    // One person id per speaker, as frab gives them: the import keys people on it.
    std::map<std::string, size_t> personIds;
    for (size_t i = 0; i < sessions.size(); ++i) {
        const AgendaSession& s = sessions[i];
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", s.start.year, s.start.month, s.start.day);
        if (day != buf) {
            if (!room.empty()) xml += "</room>\n";
            if (!day.empty()) xml += "</day>\n";
            day = buf;
            room.clear();
            xml += "<day date=\"" + day + "\">\n";
        }
        if (room != s.room) {
            if (!room.empty()) xml += "</room>\n";
            room = s.room;
            xml += "<room name=\"" + room + "\">\n";
        }
        std::snprintf(buf, sizeof buf,
                      "<event id=\"%zu\" guid=\"%s\"><start>%02d:%02d</start><duration>%02d:%02d</duration>", i,
                      s.sourceId.c_str(), s.start.hour, s.start.minute, s.minutes / 60, s.minutes % 60);
        xml += buf;
        xml += "<room>" + s.room + "</room><track>" + s.track + "</track><type>talk</type><title>" +
               xmlEscaped(s.title) + "</title><abstract>" + xmlEscaped(s.abstract) + "</abstract><persons>";
        for (size_t k = 0; k < s.speakers.size(); ++k)
            xml += "<person id=\"" + std::to_string(personIds.emplace(s.speakers[k], personIds.size() + 1).first->second) +
                   "\">" + s.speakers[k] + "</person>";
        xml += "</persons></event>\n";
    }
    if (!room.empty()) xml += "</room>\n";
    if (!day.empty()) xml += "</day>\n";
    xml += "</schedule>\n";
    return xml;
}

std::string agendaFloorScript(const std::vector<AgendaSession>& sessions, const std::string& dir) {
    const std::string sessionsCsv = dir + "/floor-sessions.csv", speakersCsv = dir + "/floor-speakers.csv";
    {
        std::ofstream a(sessionsCsv), b(speakersCsv);
        a << "source_id,title,abstract,starts_at,ends_at,room,track\n";
        b << "source_id,name,position\n";
        for (const AgendaSession& s : sessions) {
            const Instant start = localToInstant(s.start, kZone);
            a << s.sourceId << ',' << csvField(s.title) << ',' << csvField(s.abstract) << ',' << start << ','
              << start + s.minutes * 60 << ',' << s.room << ',' << s.track << '\n';
            for (size_t k = 0; k < s.speakers.size(); ++k) b << s.sourceId << ',' << s.speakers[k] << ',' << k << '\n';
        }
    }
    // As the LinkedIn floor: the search triggers dropped and each index filled
    // in one statement, which is the cheapest way the shell can fill them.
    return "PRAGMA synchronous=NORMAL;\nPRAGMA cache_size=-65536;\n"
           ".import --csv " + sessionsCsv + " raw_sessions\n"
           ".import --csv " + speakersCsv + " raw_speakers\n"
           "BEGIN;\n"
           "DROP TRIGGER sessions_fts_insert;\nDROP TRIGGER people_fts_insert;\nDROP TRIGGER people_trigram_insert;\n"
           "INSERT INTO events (id, name, time_zone, created_at) VALUES (1, 'Bench Conf', 'Europe/Brussels', 0);\n"
           "INSERT INTO sessions (event_id, source_id, title, abstract, starts_at, ends_at, room, track, type, updated_at) "
           "SELECT 1, source_id, title, abstract, CAST(starts_at AS INTEGER), CAST(ends_at AS INTEGER), room, track, "
           "'talk', 0 FROM raw_sessions;\n"
           "INSERT INTO people (display_name, name_key, source, created_at, updated_at) "
           "SELECT name, lower(name), 'agenda', 0, 0 FROM raw_speakers GROUP BY name;\n"
           "INSERT INTO session_speakers (session_id, person_id, position) "
           "SELECT s.id, p.id, CAST(r.position AS INTEGER) FROM raw_speakers r "
           "JOIN sessions s ON s.event_id = 1 AND s.source_id = r.source_id JOIN people p ON p.name_key = lower(r.name);\n"
           "INSERT INTO sessions_fts (rowid, title, abstract, description, room, track) "
           "SELECT id, title, abstract, description, room, track FROM sessions;\n"
           "INSERT INTO people_fts (rowid, display_name, company, role) SELECT id, display_name, company, role FROM people;\n"
           "INSERT INTO people_trigram (rowid, display_name, company) SELECT id, display_name, company FROM people;\n"
           "COMMIT;\n";
}

// [SECTION] The power tier

PowerData buildPowerTier(Store& store, const TierSize& size) {
    PowerData data;
    data.size = size;
    auto t0 = Clock::now();
    AgendaShape shape;
    shape.rooms = size.rooms;
    shape.slotsPerDay = size.slots;
    shape.slotMinutes = 15;
    shape.firstMinute = 8 * 60;
    shape.sessions = size.days * size.rooms * size.slots;
    shape.speakerPool = size.speakers;
    shape.longEvery9th = true;
    AgendaImportReport report = importAgendaBytes(store, frabXml(agendaSessions(shape), "Power Conf"), "power.xml", {});
    data.eventId = report.eventId;
    const double agendaMs = msSince(t0);
    std::vector<Session> sessions = AgendaRepo(store).sessions(data.eventId);
    for (const auto& s : sessions) data.sessions.push_back(s.id);
    data.now = localToInstant({2025, 3, 3 + std::min(2, size.days - 1), 11, 5, 0}, kZone);

    auto t1 = Clock::now();
    PeopleRepo peopleRepo(store);
    NotesRepo notes(store);
    {
        Store::Transaction tx(store);
        store.suspendSearchIndexing();
        for (const auto& p : peopleRepo.list()) data.people.push_back(p.id);  // the speakers
        const int speakers = int(data.people.size());
        for (int i = speakers; i < size.people; ++i) {
            Person p;
            p.displayName = personName(size.speakers + i);
            p.company = "Company " + std::to_string(i % 3000);
            p.role = std::string(kWords[i % 24]) + " engineer";
            p.source = "linkedin";
            if (i % 2 == 0) p.emails = {{"p" + std::to_string(i) + "@example.org", "work"}};
            if (i % 5 == 0) p.tags = {std::string("tag-") + kWords[i % 24], "cohort-" + std::to_string(i % 7)};
            if (i % 50 == 0) p.facts = {{0, "training for a marathon", std::string("2025-04-12")}};
            data.people.push_back(peopleRepo.create(p));
        }
        store.resumeSearchIndexing();

        // Stars: a few sessions per day, some overlapping each other.
        for (const Session& s : sessions) {
            const int id = std::atoi(s.sourceId.c_str() + 6);  // "bench-<id>"
            const int room = id / size.slots % size.rooms, slot = id % size.slots;
            if (slot % 4 == 0 && room == (slot * 3) % size.rooms) AgendaRepo(store).setStarred(s.id, true);
            if (slot % 12 == 4 && room == (slot * 3 + 1) % size.rooms) AgendaRepo(store).setStarred(s.id, true);
        }
        // Other events of ten years of conferences (no agenda, notes only).
        std::vector<RowId> events;
        for (int e = 0; e < size.otherEvents; ++e) {
            Event ev;
            ev.name = "Past Conf " + std::to_string(2015 + e % 10) + " #" + std::to_string(e);
            ev.timeZone = kZone;
            ev.startsAt = 1420070400 + Instant(e) * 86400 * 18;
            ev.endsAt = ev.startsAt + 2 * 86400;
            events.push_back(AgendaRepo(store).createEvent(ev));
        }
        // 400 targets: half of them speak here.
        for (int i = 0; i < 400; ++i) {
            Target t;
            t.eventId = data.eventId;
            t.personId = data.people[size_t(i < 200 ? i * 13 % speakers : speakers + i * 97 % (size.people - speakers))];
            t.priority = i % 3 == 0 ? TargetPriority::Must : i % 3 == 1 ? TargetPriority::Should : TargetPriority::Nice;
            t.why = std::string("works on ") + kWords[i % 24] + " and " + kWords[(i / 24) % 24] +
                    "; could help with the " + kWords[(i / 5) % 24] + " project";
            t.questions = {std::string("How do you test ") + kWords[i % 24] + "?"};
            if (i % 4 == 0) t.status = TargetStatus::Met;
            peopleRepo.upsertTarget(t);
        }
        data.busyPerson = data.people[0];
        // Met at the event: 2,000 people (a tenth in the quick tier), the first days.
        const int metCount = size.people >= 50000 ? 2000 : 200;
        for (int i = 0; i < metCount; ++i) {
            Interaction met;
            met.personId = data.people[size_t((i * 24989) % size.people)];
            met.eventId = data.eventId;
            met.occurredAt = localToInstant({2025, 3, 3 + i % std::min(3, size.days), 9 + i % 10, 0, 0}, kZone);
            met.direction = i % 7 == 0 ? "ask" : i % 5 == 0 ? "give" : "neutral";
            notes.addInteraction(met);
        }
        // Notes over ten years; one in ten at this event, tied to a session.
        const Instant tenYearsAgo = data.now - Instant(10) * 365 * 86400;
        std::string body;
        for (int i = 0; i < size.notes; ++i) {
            Note n;
            const bool here = i % 10 == 0;
            body = std::string("Met ") + kFirst[(i * 7) % 24] + " at the " + kWords[i % 24] + " talk; talked about " +
                   kWords[(i / 24) % 24] + " and " + kWords[(i / 7) % 24] + ".";
            if (i % 3 == 0) body += std::string("\nThey are moving to ") + kWords[(i / 3) % 24] + " next year.";
            std::vector<NoteItemRecord> items;
            if (here) {
                const size_t si = size_t(i / 10) % data.sessions.size();
                n.eventId = data.eventId;
                n.sessionId = data.sessions[si];
                n.createdAt = sessions[si].startsAt + 300;
                if (i % 40 == 0) {
                    NoteItemRecord it;
                    const int k = (i / 40) % 4;
                    it.kind = k == 0 ? "promise" : k == 1 ? "intro" : k == 2 ? "ask" : "detail";
                    it.text = std::string("send the ") + kWords[(i / 40) % 24] + " notes";
                    if (k == 3) it.onDate = "2025-04-12";
                    body += " #" + it.kind + " " + it.text;
                    items.push_back(it);
                }
            } else {
                if (i % 7 != 0 && !events.empty()) n.eventId = events[size_t(i % size.otherEvents)];
                n.createdAt = tenYearsAgo + Instant(i) * 600;
            }
            n.body = body;
            n.people = {data.people[size_t((i * 7919LL + 1) % size.people)]};
            if (i % 250 == 0) n.people[0] = data.busyPerson;
            if (i % 4 == 1) n.people.push_back(data.people[size_t((i * 104729LL + 3) % size.people)]);
            notes.insertNote(n, items);
        }
        tx.commit();
    }
    const double peopleNotesMs = msSince(t1);

    auto t2 = Clock::now();
    ensureDefaultTemplates(store);
    QueueReport queue = generateQueue(store, data.eventId, "2025-03-12");
    const double queueMs = msSince(t2);

    SessionQuery starredOnly;
    starredOnly.starredOnly = true;
    const std::vector<Session> starred = AgendaRepo(store).sessions(data.eventId, starredOnly);
    for (const auto& s : starred)
        for (const auto& o : starred)
            if (!data.conflictSession && o.id != s.id && o.startsAt < s.endsAt && s.startsAt < o.endsAt)
                data.conflictSession = s.id;
    char buf[160];
    std::snprintf(buf, sizeof buf, "%d sessions (%d days, %d rooms), %zu people, %d notes, %zu queue items",
                  int(data.sessions.size()), size.days, size.rooms, data.people.size(), size.notes, queue.added.size());
    data.description = buf;
    info("data: %s; agenda import %.1f s, people and notes %.1f s, queue %.1f s", buf, agendaMs / 1000,
         peopleNotesMs / 1000, queueMs / 1000);
    return data;
}

void savePowerData(const PowerData& data, const std::string& path) {
    std::ofstream out(path);
    const TierSize& z = data.size;
    out << "hallway-bench-tier 1\n"
        << z.days << ' ' << z.rooms << ' ' << z.slots << ' ' << z.speakers << ' ' << z.people << ' ' << z.notes << ' '
        << z.otherEvents << '\n'
        << data.eventId << ' ' << data.busyPerson << ' ' << data.conflictSession << ' ' << data.now << '\n'
        << data.description << '\n';
    for (const auto* ids : {&data.sessions, &data.people}) {
        out << ids->size();
        for (RowId id : *ids) out << ' ' << id;
        out << '\n';
    }
}

std::optional<PowerData> loadPowerData(const std::string& path) {
    std::ifstream in(path);
    std::string magic;
    int version = 0;
    if (!(in >> magic >> version) || magic != "hallway-bench-tier" || version != 1) return std::nullopt;
    PowerData data;
    TierSize& z = data.size;
    in >> z.days >> z.rooms >> z.slots >> z.speakers >> z.people >> z.notes >> z.otherEvents;
    in >> data.eventId >> data.busyPerson >> data.conflictSession >> data.now;
    in.ignore(1);
    std::getline(in, data.description);
    for (auto* ids : {&data.sessions, &data.people}) {
        size_t n = 0;
        in >> n;
        ids->resize(n);
        for (RowId& id : *ids) in >> id;
    }
    if (!in) return std::nullopt;
    return data;
}

}  // namespace hallway::bench
