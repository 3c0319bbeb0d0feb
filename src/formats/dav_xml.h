// WebDAV multistatus answers (RFC 4918) as CardDAV (RFC 6352), CalDAV (RFC
// 4791) and sync-collection (RFC 6578) use them: bytes in, plain values out.
// Element names are matched by local name, since servers pick their own
// namespace prefixes.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace hallway {

// One <response> of a multistatus.
struct DavResource {
    std::string href;              // as the server wrote it (usually an absolute path)
    int status = 200;              // the response's own <status> (404: deleted, in sync-collection)
    std::string etag;
    std::string displayName;
    bool isCollection = false;
    bool isAddressBook = false;
    bool isCalendar = false;
    std::vector<std::string> components;  // supported-calendar-component-set: VEVENT, VTODO
    std::string principal;         // current-user-principal href
    std::string addressBookHome;   // addressbook-home-set href
    std::string calendarHome;      // calendar-home-set href
    std::string data;              // address-data or calendar-data
    bool syncCollection = false;   // supported-report-set names sync-collection
    std::string ctag;              // getctag (CalendarServer): changes whenever the collection's content does
};

struct DavMultistatus {
    std::vector<DavResource> responses;
    std::string syncToken;
};

// Throws FormatError (file name `what`) when the text is not a multistatus.
DavMultistatus parseMultistatus(std::string_view xml, const std::string& what);

// Text escaped for an XML element's content.
std::string xmlEscape(std::string_view text);

}  // namespace hallway
