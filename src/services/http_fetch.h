// Downloads an agenda over HTTP(S) with libcurl: TLS verified, redirects
// followed up to a cap, connect and total timeouts, a size limit, gzip and
// deflate accepted, and conditional requests from the last copy's validators.
#pragma once
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace hallway {

// A download that failed. what() is "URL: REASON", the one line shown to the user.
class FetchError : public std::runtime_error {
public:
    FetchError(std::string url, std::string reason);
    const std::string& url() const { return m_url; }
    const std::string& reason() const { return m_reason; }

private:
    std::string m_url;
    std::string m_reason;
};

// True for text starting with http:// or https:// (any case).
bool isHttpUrl(std::string_view text);
// True for text starting with http:// (any case): unencrypted.
bool isPlainHttpUrl(std::string_view text);

struct FetchRequest {
    std::string url;
    bool allowHttp = false;        // plain http:// (also after a redirect); off: https only
    std::string etag;              // sent as If-None-Match when set
    std::string lastModified;      // sent as If-Modified-Since when set
    std::size_t maxBytes = 64u << 20;  // of the decoded body; larger is refused
    long connectTimeoutSeconds = 15;
    long totalTimeoutSeconds = 120;
    long maxRedirects = 5;
};

struct FetchResult {
    bool notModified = false;  // 304: the copy we have is current; body is empty
    std::string body;          // decoded (gzip/deflate undone)
    std::string etag;          // validators of this copy, '' when the server sent none
    std::string lastModified;
    std::string finalUrl;      // after redirects
};

// Why a libcurl transfer failed, for the failures every download shares (no
// network, unknown host, timeout, TLS, a broken connection), in words a user
// can act on; '' for other codes. `curlCode` is a CURLcode.
std::string curlTransportReason(int curlCode, const char* detail);

// Blocks until done, so never call it on a frame's thread. Throws FetchError
// for no network, TLS trouble, an HTTP error status, too many redirects, a
// refused http:// URL, a body over maxBytes, a truncated body or a timeout.
FetchResult fetchUrl(const FetchRequest& request);

}  // namespace hallway
