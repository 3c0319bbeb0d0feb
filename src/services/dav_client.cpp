#include "services/dav_client.h"


#include <cctype>
#include <chrono>
#include <mutex>

#include "services/curl_api.h"
#include "services/http_fetch.h"

namespace hallway {
namespace {

bool startsWithNoCase(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
    return true;
}

std::string trimmed(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return std::string(s);
}

struct Transfer {
    std::string body;
    std::string etag;
    std::string location;
    bool tooLarge = false;
};

constexpr std::size_t kMaxBody = 256u << 20;  // a multistatus of a huge address book still fits

size_t onBody(char* data, size_t size, size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    size_t n = size * count;
    if (t->body.size() + n > kMaxBody) {
        t->tooLarge = true;
        return 0;
    }
    t->body.append(data, n);
    return n;
}

size_t onHeader(char* data, size_t size, size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    size_t n = size * count;
    std::string_view line(data, n);
    if (startsWithNoCase(line, "etag:")) t->etag = trimmed(line.substr(5));
    else if (startsWithNoCase(line, "location:")) t->location = trimmed(line.substr(9));
    return n;
}

// "https://host:8443/a/b" -> position of the path's '/' (or npos).
std::size_t pathStart(const std::string& url) {
    std::size_t scheme = url.find("://");
    if (scheme == std::string::npos) return std::string::npos;
    return url.find('/', scheme + 3);
}

std::string hostOf(const std::string& url) {
    std::size_t scheme = url.find("://");
    if (scheme == std::string::npos) return "";
    std::string hostPort = url.substr(scheme + 3, pathStart(url) == std::string::npos ? std::string::npos
                                                                                       : pathStart(url) - scheme - 3);
    if (auto at = hostPort.rfind('@'); at != std::string::npos) hostPort = hostPort.substr(at + 1);
    if (!hostPort.empty() && hostPort[0] == '[') return hostPort.substr(0, hostPort.find(']') + 1);
    return hostPort.substr(0, hostPort.find(':'));
}

}  // namespace

DavError::DavError(std::string url, std::string reason, long status)
    : std::runtime_error(url + ": " + reason), m_url(std::move(url)), m_reason(std::move(reason)), m_status(status) {}

bool isLoopbackUrl(std::string_view url) {
    std::string host = hostOf(std::string(url));
    for (char& c : host) c = char(std::tolower(static_cast<unsigned char>(c)));
    return host == "localhost" || host == "[::1]" || host.rfind("127.", 0) == 0;
}

std::string urlOrigin(const std::string& url) {
    std::size_t p = pathStart(url);
    return p == std::string::npos ? url : url.substr(0, p);
}

std::string resolveUrl(const std::string& base, const std::string& ref) {
    if (isHttpUrl(ref)) return ref;
    if (!ref.empty() && ref[0] == '/') return urlOrigin(base) + ref;
    std::string dir = base.substr(0, base.rfind('/') + 1);
    if (pathStart(base) == std::string::npos) dir = base + "/";
    return dir + ref;
}

std::string davStatusReason(long status) {
    std::string code = "HTTP " + std::to_string(status) + ": ";
    switch (status) {
        case 401: return code + "the server refused the user name or password";
        case 403:
            return code + "the server forbids this account here (no access to this address book or calendar, or it "
                          "is read-only); check the account's access on the server, or run hallway sync setup again";
        case 404: return code + "nothing at this address (was the collection deleted?)";
        case 405: return code + "the server does not allow this here (is this a CardDAV/CalDAV address?)";
        case 409: return code + "the parent collection does not exist";
        case 412: return code + "changed on the server meanwhile";
        case 413: return code + "the server finds the data too large";
        case 507:
            return code + "the server's storage is full or the account's quota is used up; free space or raise the "
                          "quota on the server, then sync again (what was not sent waits here)";
        default:
            if (status >= 500) return code + "the server failed (an error on its side; try again later)";
            return code + "the server refused the request";
    }
}

struct DavClient::Handle {
    CURL* curl = nullptr;
    std::string loadError;  // why libcurl could not be loaded
    ~Handle() {
        if (curl) curl_api::easyCleanup(curl);
    }
};

DavClient::DavClient(DavAccount account) : m_account(std::move(account)), m_handle(std::make_unique<Handle>()) {
    try {
        curl_api::load();
        m_handle->curl = curl_api::easyInit();
    } catch (const std::exception& e) {
        m_handle->loadError = e.what();  // said by the first request
    }
}

DavClient::~DavClient() = default;

DavResponse DavClient::once(const std::string& method, const std::string& url, const std::string& body,
                            const std::vector<std::string>& headers) {
    if (!isHttpUrl(url)) throw DavError(url, "not an http:// or https:// address");
    if (isPlainHttpUrl(url) && !m_account.allowHttp && !isLoopbackUrl(url))
        throw DavError(url, "plain http:// would send your password and contacts unencrypted; use https://, or "
                            "allow it with --allow-http");
    CURL* h = m_handle->curl;
    if (!h)
        throw DavError(url, m_handle->loadError.empty() ? "cannot start a request (libcurl failed to initialise)"
                                                        : m_handle->loadError);
    ++m_requests;
    if (beforeRequest) beforeRequest(m_requests);
    curl_api::easyReset(h);  // keeps the connection cache: one TLS handshake per round, not per card

    Transfer t;
    char errorText[CURL_ERROR_SIZE] = {0};
    curl_api::easySetopt(h, CURLOPT_URL, url.c_str());
    curl_api::easySetopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_api::easySetopt(h, CURLOPT_CUSTOMREQUEST, method.c_str());
    curl_api::setCommonOptions(h, m_account.connectTimeoutSeconds, m_account.totalTimeoutSeconds,
                               "Hallway/" HALLWAY_VERSION " (CardDAV/CalDAV sync)", errorText);
    if (!m_account.caFile.empty()) curl_api::easySetopt(h, CURLOPT_CAINFO, m_account.caFile.c_str());
    curl_api::easySetopt(h, CURLOPT_WRITEFUNCTION, onBody);
    curl_api::easySetopt(h, CURLOPT_WRITEDATA, &t);
    curl_api::easySetopt(h, CURLOPT_HEADERFUNCTION, onHeader);
    curl_api::easySetopt(h, CURLOPT_HEADERDATA, &t);
    if (!m_account.user.empty()) {
        curl_api::easySetopt(h, CURLOPT_HTTPAUTH, long(CURLAUTH_BASIC));
        curl_api::easySetopt(h, CURLOPT_USERNAME, m_account.user.c_str());
        curl_api::easySetopt(h, CURLOPT_PASSWORD, m_account.password.c_str());
    }
    if (!body.empty() || method == "PUT") {
        curl_api::easySetopt(h, CURLOPT_POSTFIELDS, body.data());
        curl_api::easySetopt(h, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.size()));
    } else if (method == "GET" || method == "DELETE") {
        curl_api::easySetopt(h, CURLOPT_NOBODY, 0L);
    }
    std::unique_ptr<curl_slist, decltype(&curl_api::slistFreeAll)> list(nullptr, curl_api::slistFreeAll);
    auto add = [&](const std::string& line) { list.reset(curl_api::slistAppend(list.release(), line.c_str())); };
    for (auto& line : headers) add(line);
    add("Expect:");  // no 100-continue round trip per PUT
    curl_api::easySetopt(h, CURLOPT_HTTPHEADER, list.get());

    auto started = std::chrono::steady_clock::now();
    CURLcode code = curl_api::easyPerform(h);
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    if (t.tooLarge) throw DavError(url, "the answer is larger than 256 MiB; refused");
    if (code != CURLE_OK) {
        std::string reason = curlTransportReason(code, errorText);
        if (reason.empty()) reason = std::string(curl_api::easyStrerror(code)) + (*errorText ? std::string(" (") + errorText + ")" : "");
        throw DavError(url, reason);
    }
    DavResponse r;
    curl_api::easyGetinfo(h, CURLINFO_RESPONSE_CODE, &r.status);
    r.body = std::move(t.body);
    r.etag = std::move(t.etag);
    r.location = std::move(t.location);
    r.url = url;
    if (afterRequest) afterRequest({method, url, r.status, body.size(), ms});
    if (r.status == 401 || r.status == 507) throw DavError(url, davStatusReason(r.status), r.status);
    return r;
}

DavResponse DavClient::request(const std::string& method, const std::string& url, const std::string& body,
                               const std::vector<std::string>& headers) {
    std::string at = url;
    for (int hop = 0;; ++hop) {
        DavResponse r = once(method, at, body, headers);
        bool redirect = r.status == 301 || r.status == 302 || r.status == 303 || r.status == 307 || r.status == 308;
        if (!redirect || r.location.empty() || (method != "GET" && method != "PROPFIND")) return r;
        if (hop == 5) throw DavError(url, "more than 5 redirects", r.status);
        std::string next = resolveUrl(at, r.location);
        if (isPlainHttpUrl(next) && !isPlainHttpUrl(at) && !m_account.allowHttp)
            throw DavError(url, "redirected from https:// to plain http:// (refused without --allow-http)");
        at = next;
    }
}

DavResponse DavClient::expect2xx(const std::string& method, const std::string& url, const std::string& body,
                                 const std::vector<std::string>& headers) {
    DavResponse r = request(method, url, body, headers);
    if (r.status < 200 || r.status > 299) throw DavError(r.url, method + " " + davStatusReason(r.status), r.status);
    return r;
}

}  // namespace hallway
