// [SECTION] index
//   helpers       hashing, UIDs, XML bodies
//   discovery     RFC 6764: well-known URLs, principal, home sets, collections
//   collection    listing changes (sync-collection or ETags), fetching, writing
//   contacts      cards <-> people, three-way field merge
//   tasks         follow-ups <-> VTODO
//   events        starred sessions and targets' talks -> VEVENT
//   round/status
//
// A round, per collection:
//   list changes on the server -> fetch changed bodies (multiget) -> merge
//   each into the database (one transaction per record) -> save the token
//   -> render every local record; write those whose rendering changed since
//   the last agreement (PUT If-Match), delete those no longer wanted.
#include "services/sync_service.h"

#include <libical/ical.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <map>
#include <random>
#include <set>
#include <stdexcept>

#include "core/followup.h"
#include "core/text.h"
#include "core/time_util.h"
#include "formats/agenda.h"
#include "formats/contacts.h"
#include "formats/dav_xml.h"
#include "formats/followup_export.h"
#include "formats/ical_export.h"
#include "formats/people_export.h"
#include "formats/vcard.h"
#include "services/dav_client.h"
#include "services/followup_service.h"
#include "services/people_service.h"
#include "services/sync_secret.h"
#include "store/agenda_repo.h"
#include "store/followups_repo.h"
#include "store/people_repo.h"
#include "store/store.h"

namespace hallway {
namespace {

// ---------------------------------------------------------------- [SECTION] helpers

const char* const kAddressBookName = "Hallway";
const char* const kTaskListName = "Hallway follow-ups";

std::string hashOf(const std::string& text) {
    std::uint64_t h = 1469598103934665603ull;  // FNV-1a
    for (unsigned char c : text) {
        h ^= c;
        h *= 1099511628211ull;
    }
    char out[17];
    std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(h));
    return out;
}

std::string newUid(const char* kind) {
    static std::mt19937_64 rng{std::random_device{}()};
    char out[64];
    std::snprintf(out, sizeof out, "hallway-%s-%016llx%08llx", kind, static_cast<unsigned long long>(rng()),
                  static_cast<unsigned long long>(rng() & 0xffffffffu));
    return out;
}

std::string withSlash(std::string url) {
    if (url.empty() || url.back() != '/') url += '/';
    return url;
}

// A UID as a file name servers list back unchanged ('@' would come back as %40).
std::string fileNameOf(const std::string& uid) {
    std::string out;
    for (char c : uid) out += std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' ? c : '-';
    return out;
}

// The path of an absolute URL, as multiget wants hrefs.
std::string pathOf(const std::string& url) { return url.substr(urlOrigin(url).size()); }

const char* const kXmlHeader = "Content-Type: application/xml; charset=utf-8";

const char* const kPropfindPrincipal =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?><d:propfind xmlns:d=\"DAV:\"><d:prop><d:current-user-principal/>"
    "</d:prop></d:propfind>";

const char* const kPropfindHomes =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?><d:propfind xmlns:d=\"DAV:\" "
    "xmlns:card=\"urn:ietf:params:xml:ns:carddav\" xmlns:cal=\"urn:ietf:params:xml:ns:caldav\"><d:prop>"
    "<card:addressbook-home-set/><cal:calendar-home-set/></d:prop></d:propfind>";

const char* const kPropfindCollections =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?><d:propfind xmlns:d=\"DAV:\" "
    "xmlns:cal=\"urn:ietf:params:xml:ns:caldav\"><d:prop><d:resourcetype/><d:displayname/>"
    "<cal:supported-calendar-component-set/></d:prop></d:propfind>";

const char* const kPropfindEtags =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?><d:propfind xmlns:d=\"DAV:\"><d:prop><d:getetag/><d:resourcetype/>"
    "</d:prop></d:propfind>";

// CalendarServer's CTag: one cheap question, "did anything in it change?"
const char* const kPropfindCtag =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?><d:propfind xmlns:d=\"DAV:\" "
    "xmlns:cs=\"http://calendarserver.org/ns/\"><d:prop><cs:getctag/></d:prop></d:propfind>";

std::string syncCollectionBody(const std::string& token) {
    return "<?xml version=\"1.0\" encoding=\"utf-8\"?><d:sync-collection xmlns:d=\"DAV:\"><d:sync-token>" +
           xmlEscape(token) + "</d:sync-token><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop>"
           "</d:sync-collection>";
}

// What differs per kind of collection on the wire.
struct Wire {
    const char* ext;
    const char* contentType;
    bool card;  // CardDAV (else CalDAV)
};
const Wire kCardWire{".vcf", "Content-Type: text/vcard; charset=utf-8", true};
const Wire kCalWire{".ics", "Content-Type: text/calendar; charset=utf-8", false};

std::string multigetBody(const Wire& wire, const std::vector<std::string>& hrefs) {
    std::string body = "<?xml version=\"1.0\" encoding=\"utf-8\"?>";
    body += wire.card ? "<c:addressbook-multiget xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:carddav\">"
                        "<d:prop><d:getetag/><c:address-data/></d:prop>"
                      : "<c:calendar-multiget xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\">"
                        "<d:prop><d:getetag/><c:calendar-data/></d:prop>";
    for (auto& h : hrefs) body += "<d:href>" + xmlEscape(pathOf(h)) + "</d:href>";
    body += wire.card ? "</c:addressbook-multiget>" : "</c:calendar-multiget>";
    return body;
}

// `what` is the step, without the address: DavError puts that first.
DavMultistatus multistatus(const DavResponse& r, const std::string& what) {
    if (r.status != 207) throw DavError(r.url, what + ": " + davStatusReason(r.status), r.status);
    return parseMultistatus(r.body, r.url);
}

// ---------------------------------------------------------------- [SECTION] discovery

std::string findPrincipal(DavClient& client, const std::string& url) {
    std::vector<std::string> tries{url};
    std::string path = pathOf(url);
    if (path.empty() || path == "/") {
        tries.push_back(urlOrigin(url) + "/.well-known/carddav");
        tries.push_back(urlOrigin(url) + "/.well-known/caldav");
    }
    std::string last;
    for (auto& at : tries) {
        DavResponse r = client.request("PROPFIND", at, kPropfindPrincipal, {kXmlHeader, "Depth: 0"});
        if (r.status == 403) throw DavError(r.url, "PROPFIND " + davStatusReason(403), 403);
        if (r.status != 207) {
            last = r.url + ": " + davStatusReason(r.status);
            continue;
        }
        for (auto& res : parseMultistatus(r.body, r.url).responses)
            if (!res.principal.empty()) return resolveUrl(r.url, res.principal);
        last = r.url + ": no current-user-principal in the answer";
    }
    throw std::runtime_error("no CardDAV/CalDAV account found at " + url + " (" + last +
                             "); give the server's CardDAV/CalDAV address");
}

struct FoundCollection {
    std::string url;
    bool exists = false;
};

// A collection of the home named `name`, of the right type, else a free URL for a new one.
FoundCollection findCollection(DavClient& client, const std::string& home, const std::string& name, bool addressBook,
                               const std::string& component, const std::string& slug) {
    DavResponse r = client.request("PROPFIND", home, kPropfindCollections, {kXmlHeader, "Depth: 1"});
    std::set<std::string> taken;
    for (auto& res : multistatus(r, "listing it").responses) {
        std::string url = withSlash(resolveUrl(home, res.href));
        taken.insert(url);
        bool kindOk = addressBook ? res.isAddressBook
                                  : res.isCalendar && (res.components.empty() ||
                                                       std::count(res.components.begin(), res.components.end(), component));
        if (kindOk && res.displayName == name) return {url, true};
    }
    std::string url = withSlash(home) + slug + "/";
    for (int n = 2; taken.count(url); ++n) url = withSlash(home) + slug + "-" + std::to_string(n) + "/";
    return {url, false};
}

void createCollection(DavClient& client, const std::string& url, const std::string& name, bool addressBook,
                      const std::string& component) {
    if (addressBook) {
        std::string body =
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><d:mkcol xmlns:d=\"DAV:\" "
            "xmlns:c=\"urn:ietf:params:xml:ns:carddav\"><d:set><d:prop><d:resourcetype><d:collection/>"
            "<c:addressbook/></d:resourcetype><d:displayname>" + xmlEscape(name) +
            "</d:displayname></d:prop></d:set></d:mkcol>";
        client.expect2xx("MKCOL", url, body, {kXmlHeader});
        return;
    }
    std::string body =
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><c:mkcalendar xmlns:d=\"DAV:\" "
        "xmlns:c=\"urn:ietf:params:xml:ns:caldav\"><d:set><d:prop><d:displayname>" + xmlEscape(name) +
        "</d:displayname><c:supported-calendar-component-set><c:comp name=\"" + component +
        "\"/></c:supported-calendar-component-set></d:prop></d:set></c:mkcalendar>";
    client.expect2xx("MKCALENDAR", url, body, {kXmlHeader});
}

// ---------------------------------------------------------------- [SECTION] collection

struct Listing {
    std::vector<std::pair<std::string, std::string>> changed;  // absolute href, etag
    std::vector<std::string> deleted;                          // absolute hrefs
    std::string token;
    bool full = false;  // every member listed: linked items not in it were deleted
    bool gone = false;  // the collection itself is gone (404)
};

Listing listChanges(DavClient& client, const std::string& url, const std::string& token) {
    Listing out;
    DavResponse r = client.request("REPORT", url, syncCollectionBody(token), {kXmlHeader, "Depth: 0"});
    if (r.status == 404) {
        out.gone = true;
        return out;
    }
    if ((r.status == 403 || r.status == 409 || r.status == 400) && !token.empty() &&
        r.body.find("valid-sync-token") != std::string::npos)
        return listChanges(client, url, "");  // the server forgot our token: list everything
    if (r.status == 207) {
        DavMultistatus ms = parseMultistatus(r.body, r.url);
        out.token = ms.syncToken;
        out.full = token.empty();
        std::string self = withSlash(url);
        for (auto& res : ms.responses) {
            std::string href = resolveUrl(url, res.href);
            if (withSlash(href) == self) continue;
            if (res.status == 404) out.deleted.push_back(href);
            else if (!res.etag.empty()) out.changed.push_back({href, res.etag});
        }
        return out;
    }
    // No sync-collection here: list every member's ETag.
    DavResponse p = client.request("PROPFIND", url, kPropfindEtags, {kXmlHeader, "Depth: 1"});
    if (p.status == 404) {
        out.gone = true;
        return out;
    }
    out.full = true;
    std::string self = withSlash(url);
    for (auto& res : multistatus(p, "listing it").responses) {
        std::string href = resolveUrl(url, res.href);
        if (withSlash(href) == self || res.isCollection) continue;
        out.changed.push_back({href, res.etag});
    }
    return out;
}

struct Fetched {
    std::string href;
    std::string etag;
    std::string data;
};

std::vector<Fetched> fetchBodies(DavClient& client, const std::string& url, const Wire& wire,
                                 const std::vector<std::string>& hrefs) {
    std::vector<Fetched> out;
    const std::size_t batch = 200;
    for (std::size_t i = 0; i < hrefs.size(); i += batch) {
        std::vector<std::string> part(hrefs.begin() + i, hrefs.begin() + std::min(hrefs.size(), i + batch));
        DavResponse r = client.request("REPORT", url, multigetBody(wire, part), {kXmlHeader, "Depth: 1"});
        for (auto& res : multistatus(r, "reading its records").responses)
            if (res.status < 300 && !res.data.empty())
                out.push_back({resolveUrl(url, res.href), res.etag, res.data});
    }
    return out;
}

enum class PutOutcome { Written, ChangedOnServer };

// PUT for a new record (If-None-Match: *) or an update (If-Match: etag).
// A new one that is there already was written by a round cut short: it is ours, write it again.
PutOutcome put(DavClient& client, const Wire& wire, SyncItem& item, const std::string& body, bool isNew) {
    std::vector<std::string> headers{wire.contentType};
    if (isNew) headers.push_back("If-None-Match: *");
    else if (!item.etag.empty()) headers.push_back("If-Match: " + item.etag);
    DavResponse r = client.request("PUT", item.href, body, headers);
    if (r.status == 412 && isNew) r = client.request("PUT", item.href, body, {wire.contentType});
    if (r.status == 412) return PutOutcome::ChangedOnServer;
    if (r.status < 200 || r.status > 299) throw DavError(r.url, "PUT " + davStatusReason(r.status), r.status);
    item.etag = r.etag;
    item.base = body;
    return PutOutcome::Written;
}

// DELETE; true when it is gone (or was already).
bool remove(DavClient& client, const SyncItem& item) {
    std::vector<std::string> headers;
    if (!item.etag.empty()) headers.push_back("If-Match: " + item.etag);
    DavResponse r = client.request("DELETE", item.href, "", headers);
    if (r.status == 412) return false;
    if (r.status != 404 && (r.status < 200 || r.status > 299))
        throw DavError(r.url, "removing it: " + davStatusReason(r.status), r.status);
    return true;
}

// Reads the changes of `col` and hands each to the kind's handlers; saves the token at the end.
struct PullHandlers {
    std::function<void(SyncItem* item, const Fetched& f)> changed;
    std::function<void(SyncItem& item)> deleted;
};

// The collection is gone from the server: make it again and forget its links (everything is written anew).
void recreate(Store& store, DavClient& client, SyncCollection& col, bool addressBook, const std::string& component,
              SyncRoundReport& report) {
    createCollection(client, col.url, col.displayName, addressBook, component);
    SyncRepo repo(store);
    Store::Transaction tx(store);
    for (auto& item : repo.items(col.id)) repo.deleteItem(item.id);
    repo.setSyncToken(col.id, "");
    repo.setCtag(col.id, "");
    tx.commit();
    col.syncToken.clear();
    col.ctag.clear();
    report.warnings.push_back("\"" + col.displayName + "\" was deleted on the server; it was made again and is "
                              "written anew from what is here");
}

// The collection's CTag now; '' when the server gives none, or refuses (the listing then says why).
std::string currentCtag(DavClient& client, const std::string& url) {
    DavResponse r = client.request("PROPFIND", url, kPropfindCtag, {kXmlHeader, "Depth: 0"});
    if (r.status != 207) return "";
    try {
        for (auto& res : parseMultistatus(r.body, r.url).responses)
            if (!res.ctag.empty()) return res.ctag;
    } catch (const FormatError&) {
    }
    return "";
}

struct Pulled {
    bool empty = false;  // a full listing with nothing in it
    std::string ctag;    // the collection's CTag before it was listed ('' when the server has none)
};

// Reads the server's changes. Skipped when the CTag is the one kept after a
// round that listed the collection and wrote nothing to it: nothing changed
// there since. A collection with nothing linked here is listed anyway, since
// push must know whether it is empty.
Pulled pull(Store& store, DavClient& client, SyncCollection& col, const Wire& wire, const PullHandlers& handlers,
            bool addressBook, const std::string& component, SyncRoundReport& report) {
    SyncRepo repo(store);
    Pulled out;
    out.ctag = currentCtag(client, col.url);
    if (!out.ctag.empty() && out.ctag == col.ctag && repo.hasItems(col.id)) return out;
    Listing listing = listChanges(client, col.url, col.syncToken);
    if (listing.gone) {
        recreate(store, client, col, addressBook, component, report);
        listing = listChanges(client, col.url, "");
    }
    std::map<std::string, SyncItem> byHref;
    for (auto& item : repo.items(col.id)) byHref[item.href] = item;

    std::vector<std::string> toFetch;
    std::set<std::string> listed;
    for (auto& [href, etag] : listing.changed) {
        listed.insert(href);
        auto it = byHref.find(href);
        if (it != byHref.end() && it->second.etag == etag) continue;
        toFetch.push_back(href);
    }
    for (auto& f : fetchBodies(client, col.url, wire, toFetch)) {
        auto it = byHref.find(f.href);
        handlers.changed(it == byHref.end() ? nullptr : &it->second, f);
    }
    std::vector<std::string> deleted = listing.deleted;
    if (listing.full)
        for (auto& [href, item] : byHref)
            if (!listed.count(href) && !item.etag.empty()) deleted.push_back(href);
    for (auto& href : deleted) {
        auto it = byHref.find(href);
        if (it != byHref.end() && it->second.state == "linked") handlers.deleted(it->second);
    }
    if (!listing.token.empty()) {
        repo.setSyncToken(col.id, listing.token);
        col.syncToken = listing.token;
    }
    out.empty = listing.full && listing.changed.empty();
    return out;
}

// Keeps the CTag seen before listing when this round wrote nothing there (the
// next round may skip the listing), else forgets it (the next one lists).
void keepCtag(Store& store, SyncCollection& col, const std::string& ctag, bool wrote) {
    std::string keep = wrote ? std::string() : ctag;
    if (keep == col.ctag) return;
    Store::Transaction tx(store);
    SyncRepo(store).setCtag(col.id, keep);
    tx.commit();
    col.ctag = keep;
}

// After writing: moves the token past our own writes, so the next round
// lists only what others changed. Adopts ETags a server did not send on PUT.
// Leaves the token where it was when something else changed meanwhile.
void settle(Store& store, DavClient& client, SyncCollection& col) {
    if (col.syncToken.empty()) return;
    SyncRepo repo(store);
    Listing listing = listChanges(client, col.url, col.syncToken);
    if (listing.gone || listing.full || listing.token.empty()) return;
    std::map<std::string, SyncItem> byHref;
    for (auto& item : repo.items(col.id)) byHref[item.href] = item;
    std::vector<SyncItem> adopt;
    for (auto& [href, etag] : listing.changed) {
        auto it = byHref.find(href);
        if (it == byHref.end()) return;
        if (it->second.etag == etag) continue;
        if (!it->second.etag.empty()) return;
        it->second.etag = etag;
        adopt.push_back(it->second);
    }
    for (auto& href : listing.deleted)
        if (byHref.count(href)) return;
    Store::Transaction tx(store);
    for (auto& item : adopt) repo.updateItem(item);
    repo.setSyncToken(col.id, listing.token);
    tx.commit();
    col.syncToken = listing.token;
}

// Many reads as one transaction: SQLite takes and drops its file locks once,
// not per statement (2,500 records: most of a quiet round's time otherwise).
struct ReadBatch {
    explicit ReadBatch(Store& store) : tx(store) {}
    Store::Transaction tx;  // never committed: nothing is written inside
};

// Local records rendered for the server.
struct Rendered {
    RowId localId = 0;
    std::string uid;
    std::string body;
    std::string hash;  // of our rendering (before patching onto the server's text)
    std::string stamp;  // the record's change stamp read with it ('' when the kind has none)
};

// A record's change stamp: equal stamps promise an equal rendering, so the
// render is skipped. Null for kinds without one (rendered every round).
using StampFn = std::function<std::string(RowId)>;

struct PushCounts {
    int written = 0;
    int deleted = 0;
    int deferred = 0;  // changed on the server meanwhile: merged next round
    bool settled = false;  // the sync token is already past these writes (one upload, then one listing)
};

std::string percentDecoded(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
            out += char(std::stoi(s.substr(i + 1, 2), nullptr, 16));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

// Radicale takes a PUT of a whole collection (its import path), while each
// single PUT there checks the new UID against every item of the collection:
// 2,000 cards one by one took 300 s, as one upload a second or two. Only for
// a collection that is empty on both sides (the listing just said so), since
// it replaces the collection. Other servers refuse it (405, 409, 415...), and
// the records go one by one. Each stored item is named after its UID, which
// links it back; one the listing does not name is linked by the next pull.
bool bulkUpload(Store& store, DavClient& client, SyncCollection& col, const Wire& wire,
                const std::vector<Rendered>& records) {
    std::string body;
    if (wire.card) {
        for (auto& r : records) body += r.body;
    } else {
        // One VCALENDAR holding every component; the calendar's name travels in
        // it (Radicale names the collection from X-WR-CALNAME).
        for (auto& r : records) {
            std::size_t first = r.body.find("\nBEGIN:", r.body.find("BEGIN:VCALENDAR") + 1);
            std::size_t end = r.body.rfind("END:VCALENDAR");
            if (first == std::string::npos || end == std::string::npos || end < first) return false;
            if (body.empty())
                body = r.body.substr(0, first + 1) + "X-WR-CALNAME:" + col.displayName + "\r\n";
            body += r.body.substr(first + 1, end - first - 1);
        }
        body += "END:VCALENDAR\r\n";
    }
    DavResponse put = client.request("PUT", col.url, body, {wire.contentType});
    if (put.status < 200 || put.status > 299) return false;
    if (wire.card)
        client.request("PROPPATCH", col.url,
                       "<?xml version=\"1.0\" encoding=\"utf-8\"?><d:propertyupdate xmlns:d=\"DAV:\"><d:set><d:prop>"
                       "<d:displayname>" + xmlEscape(col.displayName) + "</d:displayname></d:prop></d:set>"
                       "</d:propertyupdate>",
                       {kXmlHeader});
    Listing listing = listChanges(client, col.url, "");
    std::map<std::string, const Rendered*> byUid;
    for (auto& r : records) byUid[r.uid] = &r;
    SyncRepo repo(store);
    Store::Transaction tx(store);
    for (auto& [href, etag] : listing.changed) {
        std::string name = percentDecoded(href.substr(href.rfind('/') + 1));
        if (name.size() > 4) name.resize(name.size() - 4);  // .vcf, .ics
        auto it = byUid.find(name);
        if (it == byUid.end()) continue;
        SyncItem item;
        item.collectionId = col.id;
        item.localId = it->second->localId;
        item.href = href;
        item.uid = it->second->uid;
        item.etag = etag;
        item.base = it->second->body;
        item.hash = it->second->hash;
        item.stamp = it->second->stamp;
        repo.insertItem(item);
    }
    if (!listing.token.empty()) repo.setSyncToken(col.id, listing.token);
    tx.commit();
    col.syncToken = listing.token;
    return true;
}

// Writes what changed here, deletes what is no longer wanted. `render` makes
// the body for a record (uid given); `patch` may lay it over the server's last text.
PushCounts push(Store& store, DavClient& client, SyncCollection& col, const Wire& wire,
                const std::vector<RowId>& wanted, const std::function<Rendered(RowId, const std::string& uid)>& render,
                const std::function<std::string(const SyncItem&, const std::string&)>& patch, const char* uidKind,
                bool deleteUnwanted, bool emptyOnServer = false, const StampFn& stampOf = nullptr) {
    SyncRepo repo(store);
    PushCounts n;
    std::map<RowId, SyncItem> byLocal;
    std::vector<SyncItem> all = repo.items(col.id);
    if (emptyOnServer && all.empty() && wanted.size() >= 20) {
        std::vector<Rendered> records;
        {
            ReadBatch batch(store);
            for (RowId id : wanted) {
                std::string stamp = stampOf ? stampOf(id) : "";
                records.push_back(render(id, newUid(uidKind)));
                records.back().stamp = stamp;
                if (records.back().body.empty()) records.pop_back();
            }
        }
        if (bulkUpload(store, client, col, wire, records)) {
            n.written = int(repo.items(col.id).size());
            n.settled = true;
            if (n.written == int(records.size())) return n;
            n.settled = false;
        }
        all = repo.items(col.id);
    }
    for (auto& item : all)
        if (item.localId && !byLocal.count(*item.localId)) byLocal[*item.localId] = item;
    std::set<RowId> wantedSet(wanted.begin(), wanted.end());
    // Rendering reads the database a few times per record: in one transaction, before any request.
    // The stamp is read in the same transaction as the rendering it vouches for.
    std::vector<std::pair<RowId, Rendered>> toWrite;
    std::vector<std::pair<RowId, std::string>> restamp;  // item, stamp: rendered the same as agreed
    {
        ReadBatch batch(store);
        for (RowId id : wanted) {
            auto it = byLocal.find(id);
            bool isNew = it == byLocal.end();
            if (!isNew && it->second.state != "linked") continue;
            std::string stamp = stampOf ? stampOf(id) : "";
            if (!isNew && !stamp.empty() && it->second.stamp == stamp && !it->second.hash.empty()) continue;
            std::string uid = isNew ? std::string() : it->second.uid;
            Rendered r = render(id, uid.empty() ? newUid(uidKind) : uid);
            r.stamp = stamp;
            if (!isNew && it->second.hash == r.hash) {
                if (!stamp.empty()) restamp.push_back({it->second.id, stamp});
                continue;
            }
            if (!r.body.empty()) toWrite.push_back({id, std::move(r)});
        }
    }
    if (!restamp.empty()) {
        Store::Transaction tx(store);
        for (auto& [itemId, stamp] : restamp) repo.setItemStamp(itemId, stamp);
        tx.commit();
    }
    for (auto& [id, r] : toWrite) {
        auto it = byLocal.find(id);
        bool isNew = it == byLocal.end();
        SyncItem item;
        if (isNew) {
            item.collectionId = col.id;
            item.localId = id;
            item.uid = r.uid;
            item.href = withSlash(col.url) + fileNameOf(r.uid) + wire.ext;
            // Recorded before the PUT: a round cut short writes the same href again, never a second copy.
            Store::Transaction tx(store);
            item.id = repo.insertItem(item);
            tx.commit();
        } else {
            item = it->second;
        }
        std::string body = patch && !item.base.empty() ? patch(item, r.body) : r.body;
        if (put(client, wire, item, body, isNew && item.etag.empty()) == PutOutcome::ChangedOnServer) {
            ++n.deferred;
            continue;
        }
        item.hash = r.hash;
        item.stamp = r.stamp;
        Store::Transaction tx(store);
        repo.updateItem(item);
        tx.commit();
        ++n.written;
    }
    if (!deleteUnwanted) return n;
    for (auto& item : all) {
        if (item.state != "linked" || (item.localId && wantedSet.count(*item.localId))) continue;
        if (!item.localId && item.etag.empty()) continue;
        if (!remove(client, item)) {
            ++n.deferred;
            continue;
        }
        Store::Transaction tx(store);
        repo.deleteItem(item.id);
        tx.commit();
        ++n.deleted;
    }
    return n;
}

// How many records a round would write or delete.
int pending(Store& store, const SyncCollection& col, const std::vector<RowId>& wanted,
            const std::function<Rendered(RowId, const std::string&)>& render, bool deleteUnwanted,
            const StampFn& stampOf = nullptr) {
    SyncRepo repo(store);
    std::map<RowId, SyncItem> byLocal;
    std::vector<SyncItem> all = repo.items(col.id);
    for (auto& item : all)
        if (item.localId && !byLocal.count(*item.localId)) byLocal[*item.localId] = item;
    std::set<RowId> wantedSet(wanted.begin(), wanted.end());
    int n = 0;
    ReadBatch batch(store);
    for (RowId id : wanted) {
        auto it = byLocal.find(id);
        if (it == byLocal.end()) {
            ++n;
            continue;
        }
        const SyncItem& item = it->second;
        if (item.state != "linked") continue;
        if (stampOf && !item.hash.empty() && item.stamp == stampOf(id)) continue;
        if (render(id, item.uid).hash != item.hash) ++n;
    }
    if (deleteUnwanted)
        for (auto& item : all)
            if (item.state == "linked" && item.localId && !wantedSet.count(*item.localId)) ++n;
    return n;
}

// ---------------------------------------------------------------- [SECTION] contacts

// A card's fields as the merge compares them: lists as sets of normalised values.
struct CardFields {
    std::string fullName, givenName, familyName, company, role;
    std::set<std::string> emails, phones, urls, tags;
};

std::string norm(const std::string& s) { return text::lower(text::trim(s)); }

CardFields fieldsOf(const Person& p) {
    CardFields f{p.displayName, p.givenName, p.familyName, p.company, p.role, {}, {}, {}, {}};
    for (auto& e : p.emails) f.emails.insert(norm(e.value));
    for (auto& t : p.phones) f.phones.insert(text::trim(t.value));
    for (auto& u : p.urls) f.urls.insert(text::trim(u.value));
    for (auto& t : p.tags) f.tags.insert(text::trim(t));
    return f;
}

CardFields fieldsOf(const ContactRecord& c) {
    CardFields f{c.fullName, c.givenName, c.familyName, c.company, c.role, {}, {}, {}, {}};
    for (auto& e : c.emails) f.emails.insert(norm(e.value));
    for (auto& t : c.phones) f.phones.insert(text::trim(t.value));
    for (auto& u : c.urls) f.urls.insert(text::trim(u.value));
    for (auto& t : c.tags) f.tags.insert(text::trim(t));
    return f;
}

std::optional<ContactRecord> parseCard(const std::string& text, const std::string& where) {
    try {
        ContactsFile f = parseVCard(text, where);
        if (f.contacts.empty()) return std::nullopt;
        return f.contacts.front();
    } catch (const FormatError&) {
        return std::nullopt;
    }
}

std::string cardUid(const std::string& text) {
    std::size_t at = 0;
    while ((at = text.find("UID", at)) != std::string::npos) {
        bool lineStart = at == 0 || text[at - 1] == '\n';
        if (lineStart && at + 3 < text.size() && (text[at + 3] == ':' || text[at + 3] == ';')) {
            std::size_t colon = text.find(':', at);
            std::size_t end = text.find_first_of("\r\n", colon);
            return text.substr(colon + 1, end == std::string::npos ? std::string::npos : end - colon - 1);
        }
        at += 3;
    }
    return "";
}

// The NOTE Hallway writes (opted-in how-met and facts) carries this parameter,
// so a later card replaces it (or drops it when the user opts out) and a note
// written on the phone is left alone.
const char* const kOwnNoteParam = ";X-HALLWAY=1";

// Our card laid over the server's last text: properties Hallway does not
// hold (PHOTO, ADR, BDAY, NOTE from the phone...) are kept, ours replace the rest.
std::string patchCard(const std::string& serverText, const std::string& ours) {
    static const std::set<std::string> managed{"BEGIN", "END", "VERSION", "UID", "FN", "N", "ORG", "TITLE",
                                               "EMAIL", "TEL", "URL", "CATEGORIES", "PRODID", "REV"};
    std::string keep;
    std::string logical;
    bool keeping = false;
    std::size_t pos = 0;
    while (pos < serverText.size()) {
        std::size_t end = serverText.find('\n', pos);
        std::string line = serverText.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
        pos = end == std::string::npos ? serverText.size() : end + 1;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (!line.empty() && (line[0] == ' ' || line[0] == '\t')) {
            if (keeping) keep += line + "\r\n";
            continue;
        }
        std::string name = line.substr(0, line.find_first_of(";:"));
        if (auto dot = name.rfind('.'); dot != std::string::npos) name = name.substr(dot + 1);
        name = text::lower(name);
        for (char& c : name) c = char(std::toupper(static_cast<unsigned char>(c)));
        const bool ownNote = name == "NOTE" && text::lower(line.substr(0, line.find(':'))).find(";x-hallway=1") !=
                                                    std::string::npos;
        keeping = !line.empty() && !managed.count(name) && !ownNote;
        if (keeping) keep += line + "\r\n";
    }
    std::size_t endCard = ours.rfind("END:VCARD");
    return ours.substr(0, endCard) + keep + ours.substr(endCard);
}

// Three-way merge of one scalar: the side that changed wins; both changed differently: a conflict.
struct ScalarMerge {
    std::string value;
    bool conflict = false;
};
ScalarMerge mergeScalar(const std::string& base, const std::string& local, const std::string& remote) {
    if (remote == base || remote == local) return {local, false};
    if (local == base) return {remote, false};
    return {local, true};
}

// Sets: what both kept, plus what either side added; a value removed on one side and untouched on the other goes.
std::set<std::string> mergeSet(const std::set<std::string>& base, const std::set<std::string>& local,
                               const std::set<std::string>& remote) {
    std::set<std::string> out;
    for (auto& v : local)
        if (remote.count(v) || !base.count(v)) out.insert(v);
    for (auto& v : remote)
        if (!base.count(v)) out.insert(v);
    return out;
}

// Applies merged sets to a person's details, keeping labels from the side that had them.
void applySet(std::vector<ContactDetail>& details, const std::set<std::string>& merged,
              const std::vector<ContactPoint>& remote, bool lowerCase) {
    std::vector<ContactDetail> out;
    std::set<std::string> have;
    auto key = [&](const std::string& v) { return lowerCase ? norm(v) : text::trim(v); };
    for (auto& d : details)
        if (merged.count(key(d.value)) && have.insert(key(d.value)).second) out.push_back(d);
    for (auto& r : remote)
        if (merged.count(key(r.value)) && have.insert(key(r.value)).second) out.push_back({text::trim(r.value), r.label});
    details = std::move(out);
}

class ContactsSync {
public:
    ContactsSync(Store& store, SyncRoundReport& report) : m_store(store), m_people(store), m_repo(store), m_report(report) {
        if (auto a = m_repo.account()) {
            m_sendHowMet = a->sendHowMet;
            m_sendFacts = a->sendFacts;
        }
    }

    Rendered render(RowId id, const std::string& uid) {
        Rendered r{id, uid, "", "", ""};
        auto p = m_people.find(id);
        if (!p) return r;
        VCardOptions o;
        o.uid = uid;
        // How-met and facts are private: each only when the user opted in, marked as ours.
        o.withHowMet = m_sendHowMet;
        o.withFacts = m_sendFacts;
        o.noteParams = kOwnNoteParam;
        r.body = personToVCard(*p, o);
        r.hash = hashOf(r.body);
        return r;
    }

    // The card's stamp: the person's card revision, the version of the vCard
    // writer and the private fields sent (an opt-in changed renders every card again).
    std::string stamp(RowId id) {
        return "vcard" + std::to_string(kVCardWriterVersion) + ":" + (m_sendHowMet ? "h" : "-") +
               (m_sendFacts ? "f" : "-") + ":" + std::to_string(m_repo.cardRevision(id));
    }

    void changed(SyncItem* item, const Fetched& f) {
        if (!m_linkedRead) {  // read once, and only in a round that brings cards
            for (auto& link : m_repo.items(m_collection))
                if (link.localId) m_linked.insert(*link.localId);
            m_linkedRead = true;
        }
        auto remote = parseCard(f.data, f.href);
        if (!remote) {
            m_report.warnings.push_back(f.href + ": not a readable vCard; left as it is");
            return;
        }
        if (item && item->localId && m_people.find(*item->localId)) {
            mergeInto(*item, *remote, f);
            return;
        }
        // A card made elsewhere (a phone scanning a badge): matched like an import, never a duplicate.
        Store::Transaction tx(m_store);
        std::pair<RowId, bool> who;
        try {
            who = addContactRecord(m_store, *remote, "carddav");
        } catch (const std::invalid_argument& e) {
            m_report.warnings.push_back(f.href + ": " + e.what());
            return;
        }
        SyncItem link = item ? *item : SyncItem{};
        link.collectionId = m_collection;
        link.href = f.href;
        link.uid = cardUid(f.data);
        if (link.uid.empty()) link.uid = newUid("person");
        link.etag = f.etag;
        link.base = f.data;
        link.state = "linked";
        link.stamp.clear();
        bool alreadyLinked = m_linked.count(who.first) > 0;
        link.localId = alreadyLinked ? std::nullopt : std::optional<RowId>(who.first);
        // Created from this card: the server holds all of it. Matched: ours may know more, so write it back.
        link.hash = who.second ? render(who.first, link.uid).hash : "";
        if (item) m_repo.updateItem(link);
        else m_repo.insertItem(link);
        tx.commit();
        if (!alreadyLinked) m_linked.insert(who.first);
        (who.second ? m_report.peopleAdded : m_report.peopleMatched)++;
    }

    void deleted(SyncItem& item) {
        // The person stays here with every note; the card is not written again.
        item.state = "removed_remote";
        item.etag.clear();
        Store::Transaction tx(m_store);
        m_repo.updateItem(item);
        tx.commit();
        ++m_report.peopleRemovedOnServer;
    }

    void begin(RowId collection) { m_collection = collection; }

private:
    void mergeInto(SyncItem& item, const ContactRecord& remoteRec, const Fetched& f) {
        Person p = *m_people.find(*item.localId);
        bool localUnchanged = render(p.id, item.uid).hash == item.hash;
        auto baseRec = item.base.empty() ? std::nullopt : parseCard(item.base, item.href);
        CardFields local = fieldsOf(p);
        CardFields base = baseRec ? fieldsOf(*baseRec) : local;
        CardFields remote = fieldsOf(remoteRec);
        Store::Transaction tx(m_store);
        Instant now = nowInstant();
        int conflicts = 0;
        auto scalar = [&](const char* field, std::string CardFields::*member, std::string& target) {
            ScalarMerge m = mergeScalar(base.*member, local.*member, remote.*member);
            if (m.conflict) {
                m_repo.addConflict({0, "contacts", p.id, "", field, local.*member, remote.*member, now});
                ++conflicts;
            }
            target = m.value;
        };
        Person merged = p;
        scalar("name", &CardFields::fullName, merged.displayName);
        scalar("given name", &CardFields::givenName, merged.givenName);
        scalar("family name", &CardFields::familyName, merged.familyName);
        scalar("company", &CardFields::company, merged.company);
        scalar("role", &CardFields::role, merged.role);
        applySet(merged.emails, mergeSet(base.emails, local.emails, remote.emails), remoteRec.emails, true);
        applySet(merged.phones, mergeSet(base.phones, local.phones, remote.phones), remoteRec.phones, false);
        applySet(merged.urls, mergeSet(base.urls, local.urls, remote.urls), remoteRec.urls, false);
        std::set<std::string> tags = mergeSet(base.tags, local.tags, remote.tags);
        merged.tags.assign(tags.begin(), tags.end());
        bool changed = !(fieldsOf(merged).emails == local.emails && fieldsOf(merged).phones == local.phones &&
                         fieldsOf(merged).urls == local.urls && fieldsOf(merged).tags == local.tags &&
                         merged.displayName == p.displayName && merged.givenName == p.givenName &&
                         merged.familyName == p.familyName && merged.company == p.company && merged.role == p.role);
        if (changed) {
            m_people.replaceDetails(merged);
            ++m_report.peopleUpdated;
        }
        item.etag = f.etag;
        item.base = f.data;
        // Nothing changed here since the last agreement: the server's card is the agreement now.
        if (localUnchanged) item.hash = render(p.id, item.uid).hash;
        item.stamp.clear();  // rendered again next round, against the merged rows
        m_repo.updateItem(item);
        tx.commit();
        m_report.conflicts += conflicts;
    }

    Store& m_store;
    PeopleRepo m_people;
    SyncRepo m_repo;
    SyncRoundReport& m_report;
    RowId m_collection = 0;
    std::set<RowId> m_linked;
    bool m_linkedRead = false;
    bool m_sendHowMet = false, m_sendFacts = false;
};

// ---------------------------------------------------------------- [SECTION] tasks

struct TodoState {
    std::string status;  // NEEDS-ACTION, COMPLETED, CANCELLED, IN-PROCESS
    std::string due;     // YYYY-MM-DD
    bool completed = false;
};

std::optional<TodoState> parseTodo(const std::string& text) {
    icalcomponent* cal = icalparser_parse_string(text.c_str());
    if (!cal) return std::nullopt;
    icalcomponent* todo = icalcomponent_isa(cal) == ICAL_VTODO_COMPONENT
                              ? cal
                              : icalcomponent_get_first_component(cal, ICAL_VTODO_COMPONENT);
    if (!todo) {
        icalcomponent_free(cal);
        return std::nullopt;
    }
    TodoState s;
    if (icalproperty* st = icalcomponent_get_first_property(todo, ICAL_STATUS_PROPERTY))
        s.status = icalproperty_status_to_string(icalproperty_get_status(st));
    s.completed = icalcomponent_get_first_property(todo, ICAL_COMPLETED_PROPERTY) != nullptr || s.status == "COMPLETED";
    if (icalproperty* due = icalcomponent_get_first_property(todo, ICAL_DUE_PROPERTY)) {
        icaltimetype t = icalproperty_get_due(due);
        char day[16];
        std::snprintf(day, sizeof day, "%04d-%02d-%02d", t.year, t.month, t.day);
        s.due = day;
    }
    icalcomponent_free(cal);
    return s;
}

bool isOpen(const std::string& status) { return status == "open" || status == "drafted" || status == "snoozed"; }

class TasksSync {
public:
    TasksSync(Store& store, SyncRoundReport& report, std::string today)
        : m_store(store), m_followUps(store), m_people(store), m_repo(store), m_report(report), m_today(std::move(today)) {
        ensureDefaultTemplates(store);  // once: drafts are rendered inside a read batch
    }

    // Open items, and every item already on the server (its completion goes there too).
    std::vector<RowId> wanted(RowId collection) {
        std::set<RowId> ids;
        FollowUpQuery q;
        q.statuses = {"open", "drafted", "snoozed"};
        for (auto& f : m_followUps.list(q)) ids.insert(f.id);
        for (auto& item : m_repo.items(collection))
            if (item.localId && item.state == "linked") ids.insert(*item.localId);
        return {ids.begin(), ids.end()};
    }

    Rendered render(RowId id, const std::string&) {
        Rendered r{id, "", "", "", ""};
        auto f = m_followUps.find(id);
        if (!f) return r;
        FollowUp item = *f;
        item.dueDate = effectiveDue(item);
        std::string to = item.personName;
        if (auto p = m_people.find(item.personId)) {
            to = p->displayName;
            if (!p->emails.empty()) to += " <" + p->emails.front().value + ">";
        }
        item.draft = "To: " + to + "\n\n" + currentDraftPrepared(m_store, *f);
        r.uid = followUpUid(item);
        r.body = followUpsToICalendar({item});
        r.hash = hashOf(r.body);
        return r;
    }

    void changed(SyncItem* item, const Fetched& f) {
        if (!item) {
            // One of ours not linked yet (a bulk upload cut short before the links were stored)
            // is linked now; a task added to the list elsewhere is not Hallway's to read.
            if (auto id = ownTask(f.data)) {
                SyncItem link;
                link.collectionId = m_collection;
                link.localId = *id;
                link.href = f.href;
                link.uid = todoUid(f.data);
                link.etag = f.etag;
                link.base = f.data;
                Store::Transaction tx(m_store);
                m_repo.insertItem(link);
                tx.commit();
            }
            return;
        }
        if (!item->localId) return;
        auto remote = parseTodo(f.data);
        auto base = parseTodo(item->base);
        auto local = m_followUps.find(*item->localId);
        if (remote && local && isOpen(local->status)) {
            if (remote->completed) {
                markFollowUp(m_store, local->id, "done", m_today);
                ++m_report.tasksCompleted;
            } else if (remote->status == "CANCELLED") {
                markFollowUp(m_store, local->id, "dropped", m_today);
                ++m_report.tasksDropped;
            } else if (base && !remote->due.empty() && remote->due != base->due && remote->due != effectiveDue(*local)) {
                Store::Transaction tx(m_store);
                m_followUps.snooze(local->id, remote->due, m_today);
                tx.commit();
                ++m_report.tasksSnoozed;
            }
        }
        item->etag = f.etag;
        item->base = f.data;
        item->hash = "";  // written back as Hallway now sees it
        item->stamp.clear();
        Store::Transaction tx(m_store);
        m_repo.updateItem(*item);
        tx.commit();
    }

    void deleted(SyncItem& item) {
        if (item.localId)
            if (auto local = m_followUps.find(*item.localId); local && isOpen(local->status)) {
                markFollowUp(m_store, local->id, "dropped", m_today);
                ++m_report.tasksDropped;
            }
        Store::Transaction tx(m_store);
        item.state = "removed_remote";
        item.etag.clear();
        m_repo.updateItem(item);
        tx.commit();
    }

    void begin(RowId collection) { m_collection = collection; }

private:
    static std::string todoUid(const std::string& text) {
        icalcomponent* cal = icalparser_parse_string(text.c_str());
        if (!cal) return "";
        icalcomponent* todo = icalcomponent_isa(cal) == ICAL_VTODO_COMPONENT
                                  ? cal
                                  : icalcomponent_get_first_component(cal, ICAL_VTODO_COMPONENT);
        const char* uid = todo ? icalcomponent_get_uid(todo) : nullptr;
        std::string out = uid ? uid : "";
        icalcomponent_free(cal);
        return out;
    }

    std::optional<RowId> ownTask(const std::string& text) {
        std::string uid = todoUid(text);
        if (uid.rfind("hallway-", 0) != 0) return std::nullopt;
        if (m_byUid.empty()) {
            for (auto& f : m_followUps.list({})) m_byUid[followUpUid(f)] = f.id;
            for (auto& item : m_repo.items(m_collection))
                if (item.localId) m_linkedTasks.insert(*item.localId);
        }
        auto it = m_byUid.find(uid);
        if (it == m_byUid.end() || m_linkedTasks.count(it->second)) return std::nullopt;
        m_linkedTasks.insert(it->second);
        return it->second;
    }

    RowId m_collection = 0;
    std::map<std::string, RowId> m_byUid;
    std::set<RowId> m_linkedTasks;
    Store& m_store;
    FollowUpsRepo m_followUps;
    PeopleRepo m_people;
    SyncRepo m_repo;
    SyncRoundReport& m_report;
    std::string m_today;
};

// ---------------------------------------------------------------- [SECTION] events

std::string eventCalendarName(const Event& e) { return "Hallway: " + e.name; }


}  // namespace

// ---------------------------------------------------------------- [SECTION] round/status

std::string storedSyncPassword(const SyncAccount& account) {
    if (const char* env = std::getenv("HALLWAY_SYNC_PASSWORD"); env && *env) return env;
    if (auto pw = lookupSyncPassword(account.url, account.user, account.secretStore)) return *pw;
    throw std::runtime_error("no password for " + account.user + " at " + account.url +
                             ": give it with --password-file FILE or HALLWAY_SYNC_PASSWORD, or run hallway sync setup "
                             "again");
}

SyncSetupResult setupSync(Store& store, const SyncSetupOptions& o) {
    DavAccount a{o.user, o.password, o.caFile, o.allowHttp};
    DavClient client(a);
    SyncSetupResult result;
    SyncAccount& acc = result.account;
    acc.url = o.url;
    acc.user = o.user;
    acc.caFile = o.caFile;
    acc.allowHttp = o.allowHttp;
    acc.principal = findPrincipal(client, o.url);
    DavResponse homes = client.request("PROPFIND", acc.principal, kPropfindHomes, {kXmlHeader, "Depth: 0"});
    for (auto& res : multistatus(homes, "reading the account").responses) {
        if (!res.addressBookHome.empty()) acc.addressBookHome = withSlash(resolveUrl(homes.url, res.addressBookHome));
        if (!res.calendarHome.empty()) acc.calendarHome = withSlash(resolveUrl(homes.url, res.calendarHome));
    }
    if (acc.addressBookHome.empty())
        throw std::runtime_error(acc.principal + ": the server offers no address books (not a CardDAV server?)");
    if (acc.calendarHome.empty())
        throw std::runtime_error(acc.principal + ": the server offers no calendars (not a CalDAV server?)");

    FoundCollection book = findCollection(client, acc.addressBookHome, kAddressBookName, true, "", "hallway");
    if (!book.exists) {
        createCollection(client, book.url, kAddressBookName, true, "");
        result.created.push_back(kAddressBookName);
    }
    FoundCollection tasks = findCollection(client, acc.calendarHome, kTaskListName, false, "VTODO", "hallway-follow-ups");
    if (!tasks.exists) {
        createCollection(client, tasks.url, kTaskListName, false, "VTODO");
        result.created.push_back(kTaskListName);
    }
    result.addressBook = book.url;
    result.taskList = tasks.url;

    SyncRepo repo(store);
    Store::Transaction tx(store);
    if (auto old = repo.account()) acc.secretStore = old->secretStore;
    repo.saveAccount(acc);
    repo.saveCollection({0, "contacts", std::nullopt, book.url, kAddressBookName, "", ""});
    repo.saveCollection({0, "tasks", std::nullopt, tasks.url, kTaskListName, "", ""});
    tx.commit();
    return result;
}

void setSyncSecretStore(Store& store, const std::string& where) {
    SyncRepo repo(store);
    Store::Transaction tx(store);
    auto account = repo.account();
    if (!account) return;
    account->secretStore = where;
    repo.saveAccount(*account);
    tx.commit();
}

SyncLinkResult linkSyncAccount(Store& store, const SyncSetupOptions& options) {
    SyncLinkResult r;
    r.setup = setupSync(store, options);
    r.kept = storeSyncPassword(options.url, options.user, options.password);
    setSyncSecretStore(store, r.kept.where);
    r.setup.account.secretStore = r.kept.where;
    return r;
}

void setSyncSendFields(Store& store, bool howMet, bool facts) {
    SyncRepo repo(store);
    Store::Transaction tx(store);
    if (!repo.account()) throw std::runtime_error("no sync is set up: run hallway sync setup --url URL --user NAME");
    repo.setSendFields(howMet, facts);
    tx.commit();
}

Changes resolveSyncConflict(Store& store, RowId conflictId, ConflictChoice choice) {
    SyncRepo repo(store);
    Store::Transaction tx(store);
    auto c = repo.conflict(conflictId);
    if (!c) throw std::invalid_argument("this conflict is no longer listed (it was settled already)");
    PeopleRepo people(store);
    auto person = people.find(c->localId);
    if (!person) throw std::invalid_argument("the person of this conflict is no longer here");
    // The fields a merge can find in conflict (ContactsSync::mergeInto names them).
    static const std::pair<const char*, std::string Person::*> kFields[] = {
        {"name", &Person::displayName},  {"given name", &Person::givenName}, {"family name", &Person::familyName},
        {"company", &Person::company},   {"role", &Person::role}};
    std::string Person::*member = nullptr;
    for (auto& [name, m] : kFields)
        if (c->field == name) member = m;
    if (!member) throw std::invalid_argument("unknown field in a sync conflict: " + c->field);
    if (choice == ConflictChoice::Server && (*person).*member != c->remoteValue) {
        Person changed = *person;
        changed.*member = c->remoteValue;
        people.replaceDetails(changed);  // the card revision moves: the next round writes it
    } else if (choice == ConflictChoice::Both && !c->remoteValue.empty()) {
        std::string field = c->field;
        field[0] = char(std::toupper(static_cast<unsigned char>(field[0])));
        people.addFact(c->localId, {0, field + " on the server: " + c->remoteValue, std::nullopt});
    }
    repo.deleteConflict(conflictId);
    tx.commit();
    return Change::People;
}

SyncRoundReport runSyncRound(Store& store, const SyncRoundOptions& options) {
    SyncRepo repo(store);
    auto account = repo.account();
    if (!account) throw std::runtime_error("no sync is set up: run hallway sync setup --url URL --user NAME");
    SyncRoundReport report;
    std::string today = options.today.empty() ? localDateString(nowInstant(), systemTimeZone()) : options.today;
    DavClient client(DavAccount{account->user, options.password, account->caFile, account->allowHttp});
    client.beforeRequest = options.beforeRequest;
    client.afterRequest = options.afterRequest;
    try {
        std::vector<SyncCollection> cols = repo.collections();
        for (auto& col : cols) {
            if (col.kind != "contacts") continue;
            ContactsSync cards(store, report);
            cards.begin(col.id);
            Pulled pulled = pull(store, client, col, kCardWire,
                                 {[&](SyncItem* i, const Fetched& f) { cards.changed(i, f); },
                                  [&](SyncItem& i) { cards.deleted(i); }},
                                 true, "", report);
            auto network = repo.networkPeople();
            PushCounts n = push(store, client, col, kCardWire, network,
                                [&](RowId id, const std::string& uid) { return cards.render(id, uid); },
                                [](const SyncItem& i, const std::string& ours) { return patchCard(i.base, ours); },
                                "person", true, pulled.empty, [&](RowId id) { return cards.stamp(id); });
            report.peoplePushed += n.written;
            report.cardsDeleted += n.deleted;
            if ((n.written || n.deleted) && !n.settled) settle(store, client, col);
            keepCtag(store, col, pulled.ctag, n.written || n.deleted);
        }
        for (auto& col : cols) {
            if (col.kind != "tasks") continue;
            TasksSync tasks(store, report, today);
            tasks.begin(col.id);
            Pulled pulled = pull(store, client, col, kCalWire,
                                 {[&](SyncItem* i, const Fetched& f) { tasks.changed(i, f); },
                                  [&](SyncItem& i) { tasks.deleted(i); }},
                                 false, "VTODO", report);
            PushCounts n = push(store, client, col, kCalWire, tasks.wanted(col.id),
                                [&](RowId id, const std::string& uid) { return tasks.render(id, uid); }, nullptr,
                                "task", true, pulled.empty);
            report.tasksPushed += n.written;
            if ((n.written || n.deleted) && !n.settled) settle(store, client, col);
            keepCtag(store, col, pulled.ctag, n.written || n.deleted);
        }
        // One calendar per event with starred sessions or targets' talks.
        std::map<RowId, std::vector<CalendarSession>> byEvent;
        for (auto& cs : repo.calendarSessions()) byEvent[cs.eventId].push_back(cs);
        for (auto& col : repo.collections())
            if (col.kind == "events" && col.eventId && !byEvent.count(*col.eventId)) byEvent[*col.eventId];
        for (auto& [eventId, sessions] : byEvent) {
            auto event = AgendaRepo(store).findEvent(eventId);
            if (!event) continue;
            std::optional<SyncCollection> col;
            for (auto& c : repo.collections())
                if (c.kind == "events" && c.eventId == eventId) col = c;
            if (!col) {
                if (sessions.empty()) continue;
                std::string name = eventCalendarName(*event);
                FoundCollection found = findCollection(client, account->calendarHome, name, false, "VEVENT",
                                                       "hallway-event-" + std::to_string(eventId));
                if (!found.exists) createCollection(client, found.url, name, false, "VEVENT");
                SyncCollection c{0, "events", eventId, found.url, name, "", ""};
                Store::Transaction tx(store);
                c.id = repo.saveCollection(c);
                tx.commit();
                col = c;
            }
            std::map<RowId, bool> targetTalk;
            std::vector<RowId> wanted;
            for (auto& cs : sessions) {
                wanted.push_back(cs.sessionId);
                targetTalk[cs.sessionId] = cs.targetTalk;
            }
            Pulled pulled = pull(store, client, *col, kCalWire,
                                 {[](SyncItem*, const Fetched&) {},  // ours to write: edits there are not read back
                                  [&](SyncItem& i) {
                                      i.state = "removed_remote";
                                      i.etag.clear();
                                      Store::Transaction tx(store);
                                      repo.updateItem(i);
                                      tx.commit();
                                  }},
                                 false, "VEVENT", report);
            auto render = [&](RowId id, const std::string&) {
                Rendered r{id, "", "", "", ""};
                auto s = AgendaRepo(store).findSession(id);
                if (!s) return r;
                r.uid = "hallway-session-" + std::to_string(id);
                r.body = sessionToICalendar(*s, *event, targetTalk[id]);
                r.hash = hashOf(r.body);
                return r;
            };
            PushCounts n = push(store, client, *col, kCalWire, wanted, render, nullptr, "session", true);
            report.eventsPushed += n.written;
            report.eventsDeleted += n.deleted;
            if ((n.written || n.deleted) && !n.settled) settle(store, client, *col);
            keepCtag(store, *col, pulled.ctag, n.written || n.deleted);
        }
    } catch (const std::exception& e) {
        Store::Transaction tx(store);
        repo.recordRound(nowInstant(), e.what());
        tx.commit();
        throw;
    }
    report.requests = client.requestCount();
    Store::Transaction tx(store);
    repo.recordRound(nowInstant(), "");
    tx.commit();
    // What the server's side changed here; what went out changes nothing shown.
    if (report.peopleUpdated + report.peopleAdded + report.peopleMatched + report.peopleRemovedOnServer > 0)
        report.touched |= Change::People | Change::Targets;
    if (report.tasksCompleted + report.tasksSnoozed + report.tasksDropped > 0) report.touched |= Change::Queue;
    return report;
}

std::optional<SyncAccount> syncAccount(Store& store) { return SyncRepo(store).account(); }

SyncStatusReport syncStatus(Store& store, bool countPending) {
    SyncRepo repo(store);
    SyncStatusReport s;
    s.account = repo.account();
    if (!s.account) return s;
    s.collections = repo.collections();
    s.counts = repo.counts();
    s.conflicts = repo.conflicts();
    if (!countPending) return s;
    SyncRoundReport scratch;
    for (auto& col : s.collections) {
        if (col.kind == "contacts") {
            ContactsSync cards(store, scratch);
            s.pendingPeople += pending(store, col, repo.networkPeople(),
                                       [&](RowId id, const std::string& uid) { return cards.render(id, uid); }, true,
                                       [&](RowId id) { return cards.stamp(id); });
        } else if (col.kind == "tasks") {
            TasksSync tasks(store, scratch, "");
            s.pendingTasks += pending(store, col, tasks.wanted(col.id),
                                      [&](RowId id, const std::string& uid) { return tasks.render(id, uid); }, true);
        }
    }
    return s;
}

}  // namespace hallway
