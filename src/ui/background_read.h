#pragma once
#include <algorithm>
#include <chrono>
#include <exception>
#include <functional>
#include <future>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/startup_hold.h"
#include "store/store.h"

namespace hallway::ui {

// The rest of a big read (Plan's other days, Follow up's other items): read on
// a thread with its own connection to the store's file once the first frame
// is out, and taken by a later sync. `Tag` says what it was read for (event,
// revision, day) so the model can tell a stale result.
template <class Data, class Tag>
class BackgroundRead {
public:
    struct Result {
        Data data;
        std::string error;  // what the read threw; data is empty then
        Tag tag;
    };

    BackgroundRead() = default;
    BackgroundRead(const BackgroundRead&) = delete;
    BackgroundRead& operator=(const BackgroundRead&) = delete;
    ~BackgroundRead() = default;  // waits for a read still running

    // Starts `read` on a connection of its own to `path`. A read still running
    // is dropped: its thread finishes off the frame, its result unused.
    void start(std::string path, Tag tag, std::function<Data(Store&)> read) {
        // A future of std::async waits for its thread when destroyed: not on the frame.
        m_dropped.erase(std::remove_if(m_dropped.begin(), m_dropped.end(),
                                       [](auto& f) {
                                           return f.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
                                       }),
                        m_dropped.end());
        if (m_future.valid()) m_dropped.push_back(std::move(m_future));
        m_future = std::async(std::launch::async, [path = std::move(path), tag = std::move(tag), read = std::move(read)] {
            startup_hold::waitWhileClosed();  // a first frame's sync starts it: let that frame draw first
            Result result{Data{}, std::string(), tag};
            try {
                Store::OpenOptions options;
                options.checkInBackground = true;  // shares the window's check; reads need not wait for it
                options.streaming = true;          // each page read once: a small cache keeps the peak down
                Store own(path, options);
                result.data = read(own);
            } catch (const std::exception& e) {
                result.error = e.what();
            }
            return result;
        });
    }

    bool running() const { return m_future.valid(); }

    // The finished read, once; nullopt while it runs or when none was started.
    std::optional<Result> take() {
        if (!m_future.valid() || m_future.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
            return std::nullopt;
        return m_future.get();
    }

private:
    std::future<Result> m_future;
    std::vector<std::future<Result>> m_dropped;
};

}  // namespace hallway::ui
