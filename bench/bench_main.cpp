// hallway-bench: measures the operations DESIGN.md budgets, on synthetic data,
// and prints medians. Not a test: run it on a quiet machine and read the figures.
//
//   hallway-bench [--runs N] [--sessions N]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "core/import_service.h"
#include "formats/agenda.h"
#include "store/store.h"

using namespace hallway;
using Clock = std::chrono::steady_clock;

namespace {

double msSince(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// A frab schedule shaped like a large real one: 10 rooms, 30-minute slots,
// one to three speakers per session drawn from a pool, some repeat speakers.
std::string syntheticFrabXml(int sessions, int shiftMinutes = 0) {
    const int rooms = 10;
    const int slotsPerDay = 20;
    const int perDay = rooms * slotsPerDay;
    int days = (sessions + perDay - 1) / perDay;
    std::string xml;
    xml.reserve(size_t(sessions) * 700);
    xml += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<schedule>\n<conference><title>Bench Conf</title>"
           "<time_zone_name>Europe/Brussels</time_zone_name></conference>\n";
    int id = 0;
    char buf[1024];
    for (int d = 0; d < days && id < sessions; ++d) {
        std::snprintf(buf, sizeof buf, "<day date=\"2025-%02d-%02d\" index=\"%d\">\n", 3 + d / 28, 1 + d % 28, d + 1);
        xml += buf;
        for (int r = 0; r < rooms && id < sessions; ++r) {
            std::snprintf(buf, sizeof buf, "<room name=\"Room %d\">\n", r + 1);
            xml += buf;
            for (int s = 0; s < slotsPerDay && id < sessions; ++s, ++id) {
                int minutes = 9 * 60 + s * 30 + shiftMinutes;
                std::snprintf(buf, sizeof buf,
                              "<event id=\"%d\" guid=\"bench-%d\"><start>%02d:%02d</start><duration>00:25</duration>"
                              "<room>Room %d</room><track>Track %d</track><type>talk</type>"
                              "<title>Session %d: systems, tools and the people who build them</title>"
                              "<abstract>An abstract of a few sentences about session %d, long enough to look "
                              "like the real thing that a conference would publish.</abstract>"
                              "<persons><person id=\"%d\">Speaker %d</person><person id=\"%d\">Speaker %d</person>"
                              "</persons></event>\n",
                              id, id, minutes / 60, minutes % 60, r + 1, id % 12, id, id, id % 3000, id % 3000,
                              (id * 7) % 3000 + 3000, (id * 7) % 3000 + 3000);
                xml += buf;
            }
            xml += "</room>\n";
        }
        xml += "</day>\n";
    }
    xml += "</schedule>\n";
    return xml;
}

struct Timing {
    double parseMs;
    double importMs;
};

Timing importOnce(const std::string& xml, const std::string& dbPath) {
    std::filesystem::remove(dbPath);
    std::filesystem::remove(dbPath + "-wal");
    std::filesystem::remove(dbPath + "-shm");
    Store store(dbPath);
    auto t0 = Clock::now();
    Agenda agenda = parseAgenda(xml, "bench.xml", AgendaFormat::FrabXml);
    double parseMs = msSince(t0);
    auto t1 = Clock::now();
    importAgendaBytes(store, xml, "bench.xml", {});
    return {parseMs, msSince(t1)};
}

}  // namespace

int main(int argc, char** argv) {
    int runs = 7;
    int sessions = 5000;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string flag = argv[i];
        if (flag == "--runs") runs = std::max(1, std::atoi(argv[i + 1]));
        else if (flag == "--sessions") sessions = std::max(1, std::atoi(argv[i + 1]));
    }
    auto dir = std::filesystem::temp_directory_path() / "hallway-bench";
    std::filesystem::create_directories(dir);
    std::string dbPath = (dir / "bench.db").string();

    std::printf("hallway-bench %s, %d runs per case, database on disk (WAL)\n\n", HALLWAY_VERSION, runs);

    // Agenda import: the whole pipeline (read, parse, diff, write, commit).
    for (int n : {1000, sessions}) {
        std::string xml = syntheticFrabXml(n);
        std::vector<double> parse, total;
        for (int r = 0; r < runs; ++r) {
            Timing t = importOnce(xml, dbPath);
            parse.push_back(t.parseMs);
            total.push_back(t.importMs);
        }
        double med = median(total);
        std::printf("import %5d-session frab XML (%.1f MB): median %.1f ms (parse alone %.1f ms), "
                    "%.1f ms per 1,000 sessions; budget 100 ms per 1,000: %s\n",
                    n, xml.size() / 1e6, med, median(parse), med * 1000.0 / n, med * 1000.0 / n < 100 ? "OK" : "OVER");
    }

    // Re-import: the same agenda again, then one with every session moved.
    {
        std::string xml = syntheticFrabXml(sessions);
        std::string moved = syntheticFrabXml(sessions, 5);
        std::vector<double> same, shifted;
        for (int r = 0; r < runs; ++r) {
            importOnce(xml, dbPath);
            Store store(dbPath);
            auto t0 = Clock::now();
            importAgendaBytes(store, xml, "bench.xml", {});
            same.push_back(msSince(t0));
            auto t1 = Clock::now();
            importAgendaBytes(store, moved, "bench.xml", {});
            shifted.push_back(msSince(t1));
        }
        std::printf("re-import %d sessions unchanged: median %.1f ms; all %d moved: median %.1f ms\n", sessions,
                    median(same), sessions, median(shifted));
    }

    std::filesystem::remove_all(dir);
    return 0;
}
