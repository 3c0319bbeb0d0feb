// WebDAV requests for CardDAV/CalDAV sync through libcurl: Basic
// authentication, TLS verified (an extra CA file for self-hosted servers),
// plain http only to this machine or when allowed, timeouts, and one
// sentence per failure a user can act on.
#pragma once
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace hallway {

struct DavAccount {
    std::string user;
    std::string password;
    std::string caFile;       // extra trusted CA (PEM) for a self-signed server; '' = system store
    bool allowHttp = false;   // plain http:// to another machine (loopback is always allowed)
    long connectTimeoutSeconds = 15;
    long totalTimeoutSeconds = 60;
};

// A request that failed. what() is "URL: REASON"; status is the HTTP status
// when the server answered (0 when it was never reached).
class DavError : public std::runtime_error {
public:
    DavError(std::string url, std::string reason, long status = 0);
    const std::string& url() const { return m_url; }
    const std::string& reason() const { return m_reason; }
    long status() const { return m_status; }

private:
    std::string m_url;
    std::string m_reason;
    long m_status;
};

struct DavResponse {
    long status = 0;
    std::string body;
    std::string etag;      // ETag header, quotes kept ("" when none)
    std::string location;  // Location header of a redirect
    std::string url;       // the URL that answered (after redirects)
};

// One request as afterRequest reports it.
struct DavTiming {
    std::string method;
    std::string url;
    long status = 0;
    std::size_t bytesSent = 0;
    double ms = 0;
};

// True for http://localhost, 127.x.x.x and [::1] addresses.
bool isLoopbackUrl(std::string_view url);
// `ref` (absolute URL, absolute path or relative path) against `base`.
std::string resolveUrl(const std::string& base, const std::string& ref);
// scheme://host[:port] of `url`.
std::string urlOrigin(const std::string& url);
// What an HTTP error status means for a sync, in words ("HTTP 507: the server's storage is full").
std::string davStatusReason(long status);

class DavClient {
public:
    explicit DavClient(DavAccount account);
    ~DavClient();
    DavClient(const DavClient&) = delete;
    DavClient& operator=(const DavClient&) = delete;

    // Sends one request and returns the server's answer whatever its status,
    // except: throws DavError when the server cannot be reached, TLS fails,
    // the URL is refused (plain http to another machine), or the answer is
    // 401 (wrong user or password) or 507 (storage full), which end a round.
    // GET and PROPFIND follow up to 5 redirects. `headers` are "Name: value".
    DavResponse request(const std::string& method, const std::string& url, const std::string& body = "",
                        const std::vector<std::string>& headers = {});
    // As request(), and throws DavError naming the status unless it is 2xx.
    DavResponse expect2xx(const std::string& method, const std::string& url, const std::string& body = "",
                          const std::vector<std::string>& headers = {});

    int requestCount() const { return m_requests; }
    // Called before each request (progress in the app; the tests stop a server mid-round with it).
    std::function<void(int requestNumber)> beforeRequest;
    // Called after each answer: what was asked, the status, the bytes sent and
    // the wall time until the whole answer was in (the benchmark's breakdown).
    std::function<void(const DavTiming&)> afterRequest;

private:
    DavResponse once(const std::string& method, const std::string& url, const std::string& body,
                     const std::vector<std::string>& headers);
    DavAccount m_account;
    struct Handle;
    std::unique_ptr<Handle> m_handle;
    int m_requests = 0;
};

}  // namespace hallway
