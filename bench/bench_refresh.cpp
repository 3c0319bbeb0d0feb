// hallway-bench --only refresh: a live agenda refreshed with no change.
//
// [SECTION] Loopback agenda server
// [SECTION] Refresh CPU
#include "bench_refresh.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "bench_frames.h"
#include "bench_util.h"
#include "services/http_fetch.h"
#include "services/url_import.h"
#include "store/sources_repo.h"
#include "store/store.h"
#include "ui/live_event.h"
#include "ui/refresh_worker.h"

namespace hallway::bench {
namespace {

// [SECTION] Loopback agenda server

// Serves one agenda at /schedule.xml on 127.0.0.1 (a port the kernel picks),
// one request per connection, on its own thread: with an ETag and
// Last-Modified (a 304 when If-None-Match names the ETag), or with neither,
// as servers that send the whole body every time do.
class LoopbackAgenda {
public:
    LoopbackAgenda(std::string body, bool validators) : m_body(std::move(body)), m_validators(validators) {
        m_listen = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        addr.sin_port = 0;
        socklen_t len = sizeof addr;
        if (m_listen < 0 || bind(m_listen, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
            listen(m_listen, 8) != 0 || getsockname(m_listen, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
            if (m_listen >= 0) close(m_listen);
            throw std::runtime_error("cannot listen on 127.0.0.1");
        }
        m_port = ntohs(addr.sin_port);
        m_thread = std::thread([this] { serve(); });
    }
    ~LoopbackAgenda() {
        m_stop = true;
        m_thread.join();
        close(m_listen);
    }
    LoopbackAgenda(const LoopbackAgenda&) = delete;
    LoopbackAgenda& operator=(const LoopbackAgenda&) = delete;

    std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port) + "/schedule.xml"; }
    int full() const { return m_full; }
    int notModified() const { return m_notModified; }

private:
    void serve() {
        while (!m_stop) {
            pollfd p{m_listen, POLLIN, 0};
            if (poll(&p, 1, 100) <= 0) continue;  // wakes ten times a second to notice the stop
            const int c = accept(m_listen, nullptr, nullptr);
            if (c < 0) continue;
            timeval timeout{5, 0};
            setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
            answer(c, readHead(c));
            close(c);
        }
    }
    // The request line and headers, lower-cased (the request has no body).
    static std::string readHead(int c) {
        std::string head;
        char buf[4096];
        while (head.find("\r\n\r\n") == std::string::npos && head.size() < 65536) {
            const ssize_t n = recv(c, buf, sizeof buf, 0);
            if (n <= 0) break;
            head.append(buf, size_t(n));
        }
        for (char& ch : head) ch = char(std::tolower(static_cast<unsigned char>(ch)));
        return head;
    }
    void answer(int c, const std::string& head) {
        std::string response;
        if (head.rfind("get /schedule.xml ", 0) != 0) {
            response = "HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n";
        } else if (m_validators && head.find("\r\nif-none-match: \"v1\"") != std::string::npos) {
            ++m_notModified;
            response = "HTTP/1.0 304 Not Modified\r\nETag: \"v1\"\r\n\r\n";
        } else {
            ++m_full;
            response = "HTTP/1.0 200 OK\r\nContent-Type: application/xml\r\nContent-Length: " +
                       std::to_string(m_body.size()) + "\r\n";
            if (m_validators) response += "ETag: \"v1\"\r\nLast-Modified: Sat, 01 Feb 2025 08:00:00 GMT\r\n";
            response += "\r\n" + m_body;
        }
        for (size_t sent = 0; sent < response.size();) {
            const ssize_t n = send(c, response.data() + sent, response.size() - sent, MSG_NOSIGNAL);
            if (n <= 0) return;
            sent += size_t(n);
        }
    }

    std::string m_body;
    bool m_validators = true;
    int m_listen = -1;
    int m_port = 0;
    std::atomic<bool> m_stop{false};
    std::atomic<int> m_full{0}, m_notModified{0};
    std::thread m_thread;
};

// [SECTION] Refresh CPU

// Waits (at most a minute) until the worker has finished more than `after` fetches.
ui::AgendaRefreshWorker::Snapshot waitForFetch(ui::AgendaRefreshWorker& worker, int after) {
    for (int i = 0; i < 60000; ++i) {
        auto s = worker.status();
        if (s.fetches > after && !s.running) return s;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    throw std::runtime_error("the refresh worker did not finish a fetch within a minute");
}

struct Served {
    const char* name;  // "304 (ETag)"
    bool validators;
};

void refreshCase(const std::string& path, const PowerData& data, const std::string& xml, const Served& how, int runs,
                 bool quick, bool withFrames) {
    LoopbackAgenda server(xml, how.validators);
    RowId eventId = 0;
    {
        Store store(path);
        UrlFetchSettings local;
        local.allowHttp = true;
        AgendaImportOptions options;
        options.event = std::string("Bench Live Conf, ") + how.name;
        eventId = importAgendaUrl(store, server.url(), options, local).eventId;
    }
    // The app's worker, on its own thread and connection; each fetch asked for
    // as Ctrl+R does. The app's window has its Store open meanwhile, whose
    // integrity verdict the worker's connection shares.
    Store window(path);
    auto worker = std::make_unique<ui::AgendaRefreshWorker>(path, std::chrono::hours(1), nullptr);
    ui::AgendaRefreshWorker& w = *worker;
    w.setEvent(eventId);  // the bench agenda's days are past: opening it fetches nothing
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    std::vector<double> cpu, wall;
    for (int r = 0; r < runs; ++r) {
        const int before = w.status().fetches;
        const auto t0 = Clock::now();
        w.requestNow();
        auto s = waitForFetch(w, before);
        wall.push_back(msSince(t0));
        if (!s.error.empty()) std::printf("  refresh failed: %s\n", s.error.c_str());
        cpu.push_back(s.lastTryCpuMs);
    }
    if (w.snapshot().dataVersion != 0) std::printf("  (a refresh changed the agenda: not a no-change refresh)\n");
    const int fullBodies = server.full() - 1, notModified = server.notModified();  // the first import aside

    // Floor: the same download alone (Hallway's fetch, conditional where the server allows), on this thread.
    FetchRequest request;
    request.url = server.url();
    request.allowHttp = true;
    {
        Store store(path);
        if (auto source = SourcesRepo(store).find(eventId)) {
            request.etag = source->etag;
            request.lastModified = source->lastModified;
        }
    }
    std::vector<double> bare;
    for (int r = 0; r < runs; ++r) {
        const double t0 = threadCpuMs();
        fetchUrl(request);
        bare.push_back(threadCpuMs() - t0);
    }

    char note[300];
    std::snprintf(note, sizeof note,
                  "%d refreshes of a %zu KB, 1,000-session agenda: CPU median %.1f ms, max %.1f ms; wall median "
                  "%.0f ms; the server answered %d with the whole body and %d with a 304",
                  runs, xml.size() / 1024, median(cpu), percentile(cpu, 1.0), median(wall), fullBodies, notModified);
    Budget b;
    b.what = std::string("no-change refresh, CPU on the refresh thread, max: ") + how.name;
    b.note = note;
    b.figure = percentile(cpu, 1.0);
    b.floor = median(bare);
    b.floorWhat = "the download alone on one thread (median)";
    b.limit = 50;  // issue 16
    report(b);

    if (!withFrames) return;
    // Plan on that event while the worker refreshes it, the app's loop's work (LiveEvent) in each frame.
    ui::LiveEvent live(std::move(worker), nullptr);
    const RefreshFrames f = framesDuringRefresh(path, data.now, eventId, live, quick ? 3 : 5);
    char frameNote[300];
    std::snprintf(frameNote, sizeof frameNote,
                  "%zu frames at 60 a second from Ctrl+R to 3 frames after %d refreshes ended: median %.2f ms, p99 "
                  "%.2f ms, max %.2f ms",
                  f.frames.size(), f.refreshes, median(f.frames), percentile(f.frames, 0.99),
                  percentile(f.frames, 1.0));
    Budget fb;
    fb.what = std::string("Plan frame CPU during a no-change refresh, max: ") + how.name;
    fb.note = frameNote;
    fb.figure = percentile(f.frames, 1.0);
    fb.floor = f.emptyFrameMs;
    fb.floorWhat = "an empty ImGui frame with the same fonts (median)";
    fb.limit = 2;  // issue 16: no frame over 2 ms
    report(fb);
}

}  // namespace

void benchRefresh(const std::string& path, const PowerData& data, int runs, bool quick) {
    std::printf("\n== live agenda refresh (no change) ==\n");
    AgendaShape shape;
    shape.sessions = 1000;
    const std::string xml = frabXml(agendaSessions(shape), "Bench Live Conf");
    const int n = std::max(runs, quick ? 5 : 15);
    refreshCase(path, data, xml, {"304 (ETag)", true}, n, quick, true);
    refreshCase(path, data, xml, {"200, the same body (no ETag)", false}, n, quick, true);
}

}  // namespace hallway::bench
