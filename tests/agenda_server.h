// Runs tests/tools/agenda_server.py on 127.0.0.1 with a random port for the
// agenda-by-URL tests; killed when the object goes away (and the script ends
// itself after a minute in case a test crashed).
#pragma once
#include <signal.h>
#include <sys/wait.h>

#include <stdexcept>
#include <string>
#include <vector>

#include <curl/curl.h>

#include "process_support.h"
#include "test_support.h"

namespace hallway::testing {

class AgendaServer {
public:
    // Serves the given agenda files as versions 1, 2, ... of /schedule.xml.
    explicit AgendaServer(const std::vector<std::string>& versions) {
        std::vector<std::string> args{testData("../tools/agenda_server.py"), "--lifetime", "60"};
        args.insert(args.end(), versions.begin(), versions.end());
        m_child = spawnWithPipe("/usr/bin/python3", args);
        char line[32] = {0};
        if (!m_child.out || !fgets(line, sizeof line, m_child.out)) {
            stop();
            throw std::runtime_error("the test agenda server did not start");
        }
        m_port = std::stoi(line);
    }
    ~AgendaServer() { stop(); }
    AgendaServer(const AgendaServer&) = delete;
    AgendaServer& operator=(const AgendaServer&) = delete;

    std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(m_port) + path; }

    // Makes version n (1-based) the current /schedule.xml.
    void setVersion(int n) { get("/set?v=" + std::to_string(n)); }
    // {"full": N, "not_modified": M} for /schedule.xml so far.
    std::string stats() { return get("/stats"); }

    // Kills the server: the network is gone for what comes next.
    void stop() {
        if (m_child.pid > 0) {
            kill(m_child.pid, SIGKILL);
            waitpid(m_child.pid, nullptr, 0);
            m_child.pid = -1;
        }
        if (m_child.out) fclose(m_child.out);
        m_child.out = nullptr;
    }

private:
    std::string get(const std::string& path) {
        std::string body;
        CURL* h = curl_easy_init();
        curl_easy_setopt(h, CURLOPT_URL, url(path).c_str());
        curl_easy_setopt(h, CURLOPT_TIMEOUT, 10L);
        curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, +[](char* d, size_t s, size_t n, void* u) {
            static_cast<std::string*>(u)->append(d, s * n);
            return s * n;
        });
        curl_easy_setopt(h, CURLOPT_WRITEDATA, &body);
        CURLcode code = curl_easy_perform(h);
        curl_easy_cleanup(h);
        if (code != CURLE_OK) throw std::runtime_error("test server: " + path + ": " + curl_easy_strerror(code));
        return body;
    }

    ChildProcess m_child;
    int m_port = 0;
};

}  // namespace hallway::testing
