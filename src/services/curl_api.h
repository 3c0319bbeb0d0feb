#pragma once
#include <curl/curl.h>

// libcurl, loaded when the first download or sync starts instead of with the
// program: it and the libraries it brings (TLS, IDN, LDAP, SSH, Kerberos...)
// were about half of what every start linked, the app's and each command's.
// The functions below are libcurl's of the same names.
namespace hallway::curl_api {

// Loads libcurl.so.4 and initialises it, once; throws std::runtime_error
// saying which library is missing and why when it cannot be loaded.
void load();

CURL* easyInit();
void easyCleanup(CURL* handle);
void easyReset(CURL* handle);
CURLcode easyPerform(CURL* handle);
const char* easyStrerror(CURLcode code);
curl_slist* slistAppend(curl_slist* list, const char* text);
void slistFreeAll(curl_slist* list);

// libcurl's own variadic functions, values passed on exactly as given.
using SetoptFunction = CURLcode (*)(CURL*, CURLoption, ...);
using GetinfoFunction = CURLcode (*)(CURL*, CURLINFO, ...);
SetoptFunction setoptFunction();
GetinfoFunction getinfoFunction();

template <class T>
CURLcode easySetopt(CURL* handle, CURLoption option, T value) {
    return setoptFunction()(handle, option, value);
}

template <class T>
CURLcode easyGetinfo(CURL* handle, CURLINFO info, T* out) {
    return getinfoFunction()(handle, info, out);
}

// What every request of Hallway's sets alike: certificates checked, the two
// timeouts (without SIGALRM, safe on a worker thread), compressed bodies,
// the user agent and the buffer for curl's own error text.
void setCommonOptions(CURL* handle, long connectTimeoutSeconds, long totalTimeoutSeconds, const char* userAgent,
                      char* errorBuffer);

}  // namespace hallway::curl_api
