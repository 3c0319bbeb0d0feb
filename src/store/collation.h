// Names in the order a person expects: a Unicode collation (ICU) in the
// user's locale, accents after their base letter ("César" before "Cyril"),
// case and punctuation not deciding the order ("=HYPERLINK" among the H's).
#pragma once
#include <string>
#include <string_view>

namespace hallway {

// A byte string whose memcmp order is the collation order of `utf8`.
std::string collationKey(std::string_view utf8);

}  // namespace hallway
