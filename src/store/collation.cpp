#include "store/collation.h"

#include <unicode/ucol.h>
#include <unicode/uiter.h>
#include <unicode/uloc.h>

#include <cstring>
#include <memory>
#include <vector>

namespace hallway {
namespace {

struct CloseCollator {
    void operator()(UCollator* c) const { ucol_close(c); }
};

// One collator per thread: ICU's are not to be shared while in use. Open in
// the default locale (from LANG), else the root collation; spaces,
// punctuation and symbols "shifted" (ignored unless all else is equal).
UCollator* collator() {
    thread_local std::unique_ptr<UCollator, CloseCollator> c = [] {
        UErrorCode status = U_ZERO_ERROR;
        // LANG=C gives en_US_POSIX, whose collation is byte order for ASCII: use the root one.
        const char* locale = uloc_getDefault();
        if (std::strstr(locale, "POSIX")) locale = "";
        UCollator* made = ucol_open(locale, &status);
        if (U_FAILURE(status)) {
            status = U_ZERO_ERROR;
            made = ucol_open("", &status);
        }
        if (made) {
            status = U_ZERO_ERROR;
            ucol_setAttribute(made, UCOL_ALTERNATE_HANDLING, UCOL_SHIFTED, &status);
            // Symbols too ("=HYPERLINK", "+1 Ana"), not only spaces and punctuation.
            ucol_setMaxVariable(made, UCOL_REORDER_CODE_SYMBOL, &status);
            ucol_setAttribute(made, UCOL_STRENGTH, UCOL_TERTIARY, &status);
        }
        return std::unique_ptr<UCollator, CloseCollator>(made);
    }();
    return c.get();
}

}  // namespace

std::string collationKey(std::string_view utf8) {
    UCollator* c = collator();
    if (!c) return std::string(utf8);
    UErrorCode status = U_ZERO_ERROR;
    UCharIterator it;
    uiter_setUTF8(&it, utf8.data(), int32_t(utf8.size()));
    // ucol_nextSortKeyPart reads UTF-8 directly, in pieces, without a UTF-16 copy.
    std::string key;
    uint32_t state[2] = {0, 0};
    uint8_t part[256];
    for (;;) {
        const int32_t n = ucol_nextSortKeyPart(c, &it, state, part, int32_t(sizeof part), &status);
        if (U_FAILURE(status)) return std::string(utf8);
        key.append(reinterpret_cast<const char*>(part), size_t(n));
        if (n < int32_t(sizeof part)) break;
    }
    return key;
}

}  // namespace hallway
