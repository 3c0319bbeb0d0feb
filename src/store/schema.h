#pragma once

namespace hallway::schema {
// Number of the newest migration step; a fresh database ends at this version.
int latestVersion();
// SQL of migration step `version` (1-based), nullptr when out of range.
const char* stepSql(int version);
}  // namespace hallway::schema
