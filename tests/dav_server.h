// Runs a real CardDAV/CalDAV server (tests/tools/dav_server.py: Radicale or
// xandikos) on 127.0.0.1 with a random port and a temporary storage folder
// for the sync tests. Killed with the object; the script also ends itself
// after --lifetime seconds in case a test crashed.
#pragma once
#include <signal.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <curl/curl.h>

#include "process_support.h"
#include "test_support.h"

namespace hallway::testing {

class DavServer {
public:
    static constexpr const char* kUser = "ana";
    static constexpr const char* kPassword = "s3cret";

    // `kind` is "radicale" or "xandikos"; `tls` = {cert, key} serves https.
    DavServer(const std::string& kind, const std::string& storage, std::vector<std::string> tls = {}) : m_kind(kind) {
        std::vector<std::string> args{testData("../tools/dav_server.py"), kind, storage, "--lifetime", "240"};
        if (tls.size() == 2) args.insert(args.end(), {"--tls", tls[0], tls[1]});
        m_tls = tls.size() == 2;
        m_child = spawnWithPipe("/usr/bin/python3", args);
        readPort();
    }
    ~DavServer() {
        if (m_child.pid > 0) {
            kill(m_child.pid, SIGTERM);
            waitpid(m_child.pid, nullptr, 0);
        }
        if (m_child.out) fclose(m_child.out);
    }
    DavServer(const DavServer&) = delete;
    DavServer& operator=(const DavServer&) = delete;

    const std::string& kind() const { return m_kind; }
    int port() const { return m_port; }
    std::string url(const std::string& path = "/") const {
        return std::string(m_tls ? "https" : "http") + "://127.0.0.1:" + std::to_string(m_port) + path;
    }
    // Radicale checks the password; xandikos takes any.
    bool checksPasswords() const { return m_kind == "radicale"; }

    // Kills the server process as a crash would, and waits until the port is closed.
    void crash() {
        kill(m_child.pid, SIGUSR2);
        for (int i = 0; i < 200 && accepting(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    // Starts it again on the same port and storage; returns once it answers.
    void restart() {
        kill(m_child.pid, SIGUSR1);
        readPort();
    }

private:
    void readPort() {
        char line[32] = {0};
        if (!m_child.out || !fgets(line, sizeof line, m_child.out))
            throw std::runtime_error("the test " + m_kind + " server did not start (is it installed? scripts/setup.sh)");
        m_port = std::stoi(line);
    }
    bool accepting() const {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(uint16_t(m_port));
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        bool ok = connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
        close(fd);
        return ok;
    }

    std::string m_kind;
    bool m_tls = false;
    ChildProcess m_child;
    int m_port = 0;
};

// tests/tools/dav_failing_proxy.py in front of a DavServer: forwards every
// request until told to answer some with an error status (403, 507...).
class FailingProxy {
public:
    explicit FailingProxy(const DavServer& server) {
        m_child = spawnWithPipe("/usr/bin/python3", {testData("../tools/dav_failing_proxy.py"),
                                                     std::to_string(server.port()), "--lifetime", "240"});
        char line[32] = {0};
        if (!m_child.out || !fgets(line, sizeof line, m_child.out))
            throw std::runtime_error("the test proxy did not start");
        m_port = std::stoi(line);
    }
    ~FailingProxy() {
        if (m_child.pid > 0) {
            kill(m_child.pid, SIGTERM);
            waitpid(m_child.pid, nullptr, 0);
        }
        if (m_child.out) fclose(m_child.out);
    }
    FailingProxy(const FailingProxy&) = delete;
    FailingProxy& operator=(const FailingProxy&) = delete;

    std::string url(const std::string& path = "/") const { return "http://127.0.0.1:" + std::to_string(m_port) + path; }
    // Requests of `method` ('' any) under `path` ('' any) get `status` once `after` of them went through.
    void fail(long status, const std::string& method = "", const std::string& path = "", int after = 0) {
        get("/.fail?status=" + std::to_string(status) + "&method=" + method + "&path=" + path +
            "&after=" + std::to_string(after));
    }
    void heal() { get("/.fail?status=0"); }

private:
    void get(const std::string& path) {
        CURL* h = curl_easy_init();
        curl_easy_setopt(h, CURLOPT_URL, url(path).c_str());
        curl_easy_setopt(h, CURLOPT_TIMEOUT, 10L);
        curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, +[](char*, size_t s, size_t n, void*) { return s * n; });
        CURLcode code = curl_easy_perform(h);
        curl_easy_cleanup(h);
        if (code != CURLE_OK) throw std::runtime_error("test proxy: " + path + ": " + curl_easy_strerror(code));
    }

    ChildProcess m_child;
    int m_port = 0;
};

}  // namespace hallway::testing
