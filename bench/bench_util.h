// Shared by the benchmark's parts: clocks, statistics, the machine's load,
// and the one way every budget is reported (figure, floor, ratio, verdict).
#pragma once
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

namespace hallway::bench {

using Clock = std::chrono::steady_clock;

inline double msSince(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

// CPU time of the calling thread in ms: what a frame costs, whatever else runs.
inline double threadCpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

// The value at fraction p (0.5 the median, 0.99 p99) of `v`; -1 when empty.
inline double percentile(std::vector<double> v, double p) {
    if (v.empty()) return -1;
    std::sort(v.begin(), v.end());
    size_t i = std::min(v.size() - 1, size_t(p * double(v.size() - 1) + 0.5));
    return v[i];
}
inline double median(const std::vector<double>& v) { return percentile(v, 0.5); }

// The one-minute load average from /proc/loadavg; -1 when unknown.
double loadAverage();

// A path with no database left from an earlier run (HALLWAY_BENCH_KEEP keeps them).
std::string freshDatabase(const std::filesystem::path& path);

// One budget as measured: the figure, its floor (the least any program could
// take for the same work, measured in the same run on the same data), and the
// verdict. `limit` is the absolute budget (DESIGN.md), met on a quiet machine;
// `ratioLimit` the budget on figure/floor, which load moves much less because
// it slows the floor too. 0 = no budget of that kind.
struct Budget {
    std::string what;        // "search as you type, p99"
    std::string unit = "ms";
    double figure = 0;
    double floor = 0;        // <= 0: none measured (the line says why in floorWhat)
    std::string floorWhat;   // "the same FTS5 queries run bare"
    double limit = 0;
    double ratioLimit = 0;
    std::string note;        // extra facts for the line ("1,152 queries")
};

// Prints the budget as two lines with the load average now, and returns its
// verdict: "OK" (absolute budget met, and the ratio budget when there is one),
// "OK on the ratio" (absolute budget missed at this load, ratio met), or "OVER".
std::string report(const Budget& b);

// Prints one line of figures that have no budget of their own (context).
void info(const char* format, ...) __attribute__((format(printf, 1, 2)));

}  // namespace hallway::bench
