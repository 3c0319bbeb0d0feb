// libcurl is loaded when first needed, not linked into the program.
#include <catch2/catch.hpp>

#include <cstdio>
#include <string>

#include "services/curl_api.h"

using namespace hallway;

TEST_CASE("libcurl loads on first use and answers through the loaded functions", "[services][http]") {
    REQUIRE_NOTHROW(curl_api::load());
    CHECK(std::string(curl_api::easyStrerror(CURLE_COULDNT_CONNECT)) == "Couldn't connect to server");
    CURL* handle = curl_api::easyInit();
    REQUIRE(handle);
    CHECK(curl_api::easySetopt(handle, CURLOPT_URL, "http://127.0.0.1:9/") == CURLE_OK);
    CHECK(curl_api::easySetopt(handle, CURLOPT_CONNECTTIMEOUT, 2L) == CURLE_OK);
    CHECK(curl_api::easySetopt(handle, CURLOPT_NOBODY, 1L) == CURLE_OK);
    long status = -1;
    CHECK(curl_api::easyGetinfo(handle, CURLINFO_RESPONSE_CODE, &status) == CURLE_OK);
    CHECK(status == 0);  // nothing was asked yet
    curl_slist* list = curl_api::slistAppend(nullptr, "Accept: text/calendar");
    CHECK(list);
    curl_api::slistFreeAll(list);
    curl_api::easyCleanup(handle);
    curl_api::easyCleanup(nullptr);  // as a unique_ptr deleter may
}

#ifdef HALLWAY_BINARY
TEST_CASE("a start of the program does not load libcurl or the libraries it brings", "[services][http]") {
    // The dynamic loader names every library it maps when LD_DEBUG=files.
    std::FILE* out = popen("LD_DEBUG=files '" HALLWAY_BINARY "' --version 2>&1", "r");
    REQUIRE(out);
    std::string log;
    char chunk[4096];
    while (size_t n = std::fread(chunk, 1, sizeof chunk, out)) log.append(chunk, n);
    REQUIRE(pclose(out) == 0);
    REQUIRE(log.find("file=libc.so.6") != std::string::npos);  // the log is there
    CHECK(log.find("file=libcurl") == std::string::npos);
    CHECK(log.find("file=libgnutls") == std::string::npos);
}
#endif
