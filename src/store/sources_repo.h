// Where an event's agenda is fetched from (a URL), the HTTP validators of the
// last copy imported, and how the last fetch went.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/model.h"

namespace hallway {

class Store;

struct EventSource {
    RowId eventId = 0;
    std::string url;
    std::string etag;          // ETag of the copy imported last ('' when the server sent none)
    std::string lastModified;  // Last-Modified of that copy, as the server wrote it
    Instant checkedAt = 0;     // last attempt (0: never)
    Instant refreshedAt = 0;   // last attempt that worked (0: never)
    std::string error;         // why the last attempt failed; '' when it worked
};

class SourcesRepo {
public:
    explicit SourcesRepo(Store& store) : m_store(store) {}
    std::optional<EventSource> find(RowId eventId);
    std::optional<EventSource> findByUrl(const std::string& url);
    // Every event that has a URL, by event id.
    std::vector<EventSource> all();
    // After a successful import: the URL and the new validators; clears the error.
    void recordImported(RowId eventId, const std::string& url, const std::string& etag,
                        const std::string& lastModified, Instant at);
    // A 304: the agenda is current; clears the error.
    void recordNotModified(RowId eventId, Instant at);
    // A failed attempt: the stored agenda and validators stay as they were.
    void recordFailure(RowId eventId, const std::string& error, Instant at);

private:
    Store& m_store;
};

}  // namespace hallway
