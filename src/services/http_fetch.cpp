#include "services/http_fetch.h"

#include <algorithm>
#include <cctype>
#include <memory>
#include <mutex>

#include "services/curl_api.h"

namespace hallway {
namespace {

struct Transfer {
    std::string body;
    std::size_t maxBytes = 0;
    bool tooLarge = false;
    std::string etag;
    std::string lastModified;
    std::string statusLine;
};

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

size_t onBody(char* data, size_t size, size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    size_t n = size * count;
    if (t->body.size() + n > t->maxBytes) {
        t->tooLarge = true;
        return 0;  // aborts the transfer with CURLE_WRITE_ERROR
    }
    t->body.append(data, n);
    return n;
}

size_t onHeader(char* data, size_t size, size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    size_t n = size * count;
    std::string_view line(data, n);
    if (startsWithNoCase(line, "http/")) {
        // Each response of a redirect chain starts over: keep only the last one's headers.
        t->statusLine = trimmed(line);
        t->etag.clear();
        t->lastModified.clear();
    } else if (startsWithNoCase(line, "etag:")) {
        t->etag = trimmed(line.substr(5));
    } else if (startsWithNoCase(line, "last-modified:")) {
        t->lastModified = trimmed(line.substr(14));
    }
    return n;
}

std::string mib(std::size_t bytes) { return std::to_string((bytes + (1u << 20) - 1) >> 20) + " MiB"; }

// The reason for a failed transfer, in words a user can act on.
std::string describe(CURLcode code, const char* detail, const FetchRequest& request, const Transfer& t) {
    if (std::string shared = curlTransportReason(code, detail); !shared.empty()) return shared;
    std::string more = detail && *detail ? std::string(" (") + detail + ")" : "";
    switch (code) {
        case CURLE_PARTIAL_FILE:
            return "the download was cut short (" + std::to_string(t.body.size()) +
                   " bytes received, fewer than the server announced); nothing was imported";
        case CURLE_FILESIZE_EXCEEDED:
            return "the server announces more than " + mib(request.maxBytes) + "; agendas that large are refused";
        case CURLE_TOO_MANY_REDIRECTS:
            return "more than " + std::to_string(request.maxRedirects) + " redirects";
        case CURLE_UNSUPPORTED_PROTOCOL:
            return request.allowHttp ? "redirected to an address that is not http:// or https://" + more
                                     : "redirected to an address that is not https:// (plain http needs --allow-http)" +
                                           more;
        case CURLE_BAD_CONTENT_ENCODING: return "the server's compressed data is corrupt" + more;
        default: return std::string(curl_api::easyStrerror(CURLcode(code))) + more;
    }
}

}  // namespace

std::string curlTransportReason(int code, const char* detail) {
    std::string more = detail && *detail ? std::string(" (") + detail + ")" : "";
    switch (CURLcode(code)) {
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_RESOLVE_PROXY:
            return "no network, or the host name is unknown" + more;
        case CURLE_COULDNT_CONNECT: return "cannot connect: no network, or the server is down" + more;
        case CURLE_OPERATION_TIMEDOUT: return "no answer in time" + more;
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_CIPHER:
        case CURLE_SSL_CACERT_BADFILE:
        case CURLE_SSL_ISSUER_ERROR:
        case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
        case CURLE_SSL_INVALIDCERTSTATUS:
            return "TLS: the server's certificate could not be verified or the secure connection failed" + more;
        case CURLE_RECV_ERROR:
        case CURLE_SEND_ERROR:
        case CURLE_GOT_NOTHING:
            return "the connection broke off" + more;
        default: return "";
    }
}

FetchError::FetchError(std::string url, std::string reason)
    : std::runtime_error(url + ": " + reason), m_url(std::move(url)), m_reason(std::move(reason)) {}

bool isHttpUrl(std::string_view text) { return startsWithNoCase(text, "https://") || isPlainHttpUrl(text); }

bool isPlainHttpUrl(std::string_view text) { return startsWithNoCase(text, "http://"); }

FetchResult fetchUrl(const FetchRequest& request) {
    const std::string& url = request.url;
    if (!isHttpUrl(url)) throw FetchError(url, "not an http:// or https:// address");
    if (isPlainHttpUrl(url) && !request.allowHttp)
        throw FetchError(url, "plain http:// is not encrypted and is refused; use https://, or allow it with "
                              "--allow-http");

    try {
        curl_api::load();
    } catch (const std::exception& e) {
        throw FetchError(url, e.what());
    }
    std::unique_ptr<CURL, decltype(&curl_api::easyCleanup)> curl(curl_api::easyInit(), curl_api::easyCleanup);
    if (!curl) throw FetchError(url, "cannot start a download (libcurl failed to initialise)");
    CURL* h = curl.get();

    Transfer t;
    t.maxBytes = request.maxBytes;
    char errorText[CURL_ERROR_SIZE] = {0};
    const char* protocols = request.allowHttp ? "http,https" : "https";

    curl_api::easySetopt(h, CURLOPT_URL, url.c_str());
    curl_api::easySetopt(h, CURLOPT_PROTOCOLS_STR, protocols);
    curl_api::easySetopt(h, CURLOPT_REDIR_PROTOCOLS_STR, protocols);
    curl_api::easySetopt(h, CURLOPT_FOLLOWLOCATION, 1L);
    curl_api::easySetopt(h, CURLOPT_MAXREDIRS, request.maxRedirects);
    curl_api::setCommonOptions(h, request.connectTimeoutSeconds, request.totalTimeoutSeconds,
                               "Hallway/" HALLWAY_VERSION " (conference planner)", errorText);
    curl_api::easySetopt(h, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(request.maxBytes));
    curl_api::easySetopt(h, CURLOPT_WRITEFUNCTION, onBody);
    curl_api::easySetopt(h, CURLOPT_WRITEDATA, &t);
    curl_api::easySetopt(h, CURLOPT_HEADERFUNCTION, onHeader);
    curl_api::easySetopt(h, CURLOPT_HEADERDATA, &t);

    std::unique_ptr<curl_slist, decltype(&curl_api::slistFreeAll)> headers(nullptr, curl_api::slistFreeAll);
    auto addHeader = [&](const std::string& line) { headers.reset(curl_api::slistAppend(headers.release(), line.c_str())); };
    if (!request.etag.empty()) addHeader("If-None-Match: " + request.etag);
    if (!request.lastModified.empty()) addHeader("If-Modified-Since: " + request.lastModified);
    if (headers) curl_api::easySetopt(h, CURLOPT_HTTPHEADER, headers.get());

    CURLcode code = curl_api::easyPerform(h);
    if (t.tooLarge)
        throw FetchError(url, "the download is larger than " + mib(request.maxBytes) + "; agendas that large are refused");
    if (code != CURLE_OK) throw FetchError(url, describe(code, errorText, request, t));

    long status = 0;
    curl_api::easyGetinfo(h, CURLINFO_RESPONSE_CODE, &status);
    FetchResult result;
    if (char* effective = nullptr; curl_api::easyGetinfo(h, CURLINFO_EFFECTIVE_URL, &effective) == CURLE_OK && effective)
        result.finalUrl = effective;
    if (status == 304) {
        result.notModified = true;
        return result;
    }
    if (status < 200 || status > 299) {
        // "HTTP/1.1 404 Not Found" -> "HTTP 404 Not Found"
        std::string reason;
        if (auto sp = t.statusLine.find(' '); sp != std::string::npos) {
            auto sp2 = t.statusLine.find(' ', sp + 1);
            if (sp2 != std::string::npos) reason = " " + t.statusLine.substr(sp2 + 1);
        }
        if (status >= 300 && status < 400) throw FetchError(url, "HTTP " + std::to_string(status) + reason + " without a usable Location");
        throw FetchError(url, "HTTP " + std::to_string(status) + reason);
    }
    result.body = std::move(t.body);
    result.etag = std::move(t.etag);
    result.lastModified = std::move(t.lastModified);
    return result;
}

}  // namespace hallway
