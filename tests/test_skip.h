// Skipped tests: a test case that needs files from outside the repository
// (the shared corpus) returns early and counts itself here; test_main.cpp
// turns that into CTest's skip exit code, so CTest lists it as skipped.
#pragma once

namespace hallway::testing {

inline int& skippedTests() {
    static int count = 0;
    return count;
}

}  // namespace hallway::testing
