#include "services/curl_api.h"

#include <dlfcn.h>

#include <mutex>
#include <stdexcept>
#include <string>

namespace hallway::curl_api {

namespace {

struct Functions {
    CURLcode (*globalInit)(long) = nullptr;
    CURL* (*easyInit)() = nullptr;
    void (*easyCleanup)(CURL*) = nullptr;
    void (*easyReset)(CURL*) = nullptr;
    CURLcode (*easyPerform)(CURL*) = nullptr;
    const char* (*easyStrerror)(CURLcode) = nullptr;
    curl_slist* (*slistAppend)(curl_slist*, const char*) = nullptr;
    void (*slistFreeAll)(curl_slist*) = nullptr;
    SetoptFunction setopt = nullptr;
    GetinfoFunction getinfo = nullptr;
};

Functions g_functions;
std::once_flag g_loadOnce;
std::string g_loadError;

template <class F>
void bind(void* library, const char* name, F& into, std::string& missing) {
    into = reinterpret_cast<F>(dlsym(library, name));
    if (!into) missing += std::string(missing.empty() ? "" : ", ") + name;
}

void loadOnce() {
    // Kept for the program's life: curl's TLS state must outlive every handle.
    void* library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        const char* why = dlerror();
        g_loadError = "cannot load libcurl.so.4 (" + std::string(why ? why : "unknown reason") +
                      "); downloads and sync need the Debian package libcurl4";
        return;
    }
    Functions f;
    std::string missing;
    bind(library, "curl_global_init", f.globalInit, missing);
    bind(library, "curl_easy_init", f.easyInit, missing);
    bind(library, "curl_easy_cleanup", f.easyCleanup, missing);
    bind(library, "curl_easy_reset", f.easyReset, missing);
    bind(library, "curl_easy_perform", f.easyPerform, missing);
    bind(library, "curl_easy_strerror", f.easyStrerror, missing);
    bind(library, "curl_slist_append", f.slistAppend, missing);
    bind(library, "curl_slist_free_all", f.slistFreeAll, missing);
    bind(library, "curl_easy_setopt", f.setopt, missing);
    bind(library, "curl_easy_getinfo", f.getinfo, missing);
    if (!missing.empty()) {
        g_loadError = "libcurl.so.4 lacks " + missing + "; it is older than Hallway needs";
        return;
    }
    if (f.globalInit(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        g_loadError = "libcurl failed to initialise (curl_global_init)";
        return;
    }
    g_functions = f;
}

const Functions& loaded() {
    load();
    return g_functions;
}

}  // namespace

void load() {
    std::call_once(g_loadOnce, loadOnce);
    if (!g_loadError.empty()) throw std::runtime_error(g_loadError);
}

CURL* easyInit() { return loaded().easyInit(); }
void easyCleanup(CURL* handle) {
    if (handle) loaded().easyCleanup(handle);
}
void easyReset(CURL* handle) { loaded().easyReset(handle); }
CURLcode easyPerform(CURL* handle) { return loaded().easyPerform(handle); }
const char* easyStrerror(CURLcode code) { return loaded().easyStrerror(code); }
curl_slist* slistAppend(curl_slist* list, const char* text) { return loaded().slistAppend(list, text); }
void slistFreeAll(curl_slist* list) {
    if (list) loaded().slistFreeAll(list);
}
SetoptFunction setoptFunction() { return loaded().setopt; }

void setCommonOptions(CURL* handle, long connectTimeoutSeconds, long totalTimeoutSeconds, const char* userAgent,
                      char* errorBuffer) {
    easySetopt(handle, CURLOPT_SSL_VERIFYPEER, 1L);
    easySetopt(handle, CURLOPT_SSL_VERIFYHOST, 2L);
    easySetopt(handle, CURLOPT_CONNECTTIMEOUT, connectTimeoutSeconds);
    easySetopt(handle, CURLOPT_TIMEOUT, totalTimeoutSeconds);
    easySetopt(handle, CURLOPT_NOSIGNAL, 1L);
    easySetopt(handle, CURLOPT_ACCEPT_ENCODING, "gzip, deflate");
    easySetopt(handle, CURLOPT_USERAGENT, userAgent);
    easySetopt(handle, CURLOPT_ERRORBUFFER, errorBuffer);
}
GetinfoFunction getinfoFunction() { return loaded().getinfo; }

}  // namespace hallway::curl_api
