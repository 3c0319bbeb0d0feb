#include "bench_util.h"

#include <cstdarg>
#include <cstdlib>

namespace hallway::bench {

double loadAverage() {
    double load = -1;
    if (std::FILE* f = std::fopen("/proc/loadavg", "r")) {
        if (std::fscanf(f, "%lf", &load) != 1) load = -1;
        std::fclose(f);
    }
    return load;
}

std::string freshDatabase(const std::filesystem::path& path) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
    return path.string();
}

namespace {

std::string amount(double v, const std::string& unit) {
    char buf[64];
    if (unit == "ms" && v < 0.1) std::snprintf(buf, sizeof buf, "%.4f %s", v, unit.c_str());
    else if (unit == "ms" && v < 10) std::snprintf(buf, sizeof buf, "%.2f %s", v, unit.c_str());
    else std::snprintf(buf, sizeof buf, "%.1f %s", v, unit.c_str());
    return buf;
}

}  // namespace

std::string report(const Budget& b) {
    const bool hasFloor = b.floor > 0;
    const double ratio = hasFloor ? b.figure / b.floor : 0;
    const bool absoluteOk = b.limit <= 0 || b.figure <= b.limit;
    const bool ratioOk = b.ratioLimit <= 0 || (hasFloor && ratio <= b.ratioLimit);
    std::string verdict;
    if (b.limit <= 0 && b.ratioLimit <= 0) verdict = "no budget";
    else if (absoluteOk && ratioOk) verdict = "OK";
    else if (ratioOk && b.ratioLimit > 0) verdict = "OK on the ratio";
    else verdict = "OVER";

    std::string budget;
    if (b.limit > 0) budget = amount(b.limit, b.unit);
    if (b.ratioLimit > 0) {
        char buf[48];
        std::snprintf(buf, sizeof buf, "%s%.2fx the floor", budget.empty() ? "" : ", ", b.ratioLimit);
        budget += buf;
    }
    std::printf("%s%s%s\n", b.what.c_str(), b.note.empty() ? "" : " — ", b.note.c_str());
    if (hasFloor)
        std::printf("    %s · floor %s (%s) · ratio %.2fx · budget %s: %s · load %.2f\n", amount(b.figure, b.unit).c_str(),
                    amount(b.floor, b.unit).c_str(), b.floorWhat.c_str(), ratio, budget.c_str(), verdict.c_str(),
                    loadAverage());
    else
        std::printf("    %s · floor: %s · budget %s: %s · load %.2f\n", amount(b.figure, b.unit).c_str(),
                    b.floorWhat.empty() ? "not measured" : b.floorWhat.c_str(), budget.c_str(), verdict.c_str(),
                    loadAverage());
    std::fflush(stdout);
    return verdict;
}

void info(const char* format, ...) {
    std::va_list args;
    va_start(args, format);
    std::printf("    ");
    std::vprintf(format, args);
    std::printf(" · load %.2f\n", loadAverage());
    va_end(args);
    std::fflush(stdout);
}

}  // namespace hallway::bench
