#include "formats/dav_xml.h"

#include <pugixml.hpp>

#include <cstring>

#include "formats/agenda.h"

namespace hallway {
namespace {

// "d:href" -> "href".
const char* localName(pugi::xml_node n) {
    const char* name = n.name();
    const char* colon = std::strrchr(name, ':');
    return colon ? colon + 1 : name;
}

bool named(pugi::xml_node n, const char* local) { return std::strcmp(localName(n), local) == 0; }

pugi::xml_node child(pugi::xml_node n, const char* local) {
    for (pugi::xml_node c : n.children())
        if (c.type() == pugi::node_element && named(c, local)) return c;
    return {};
}

std::string textOf(pugi::xml_node n) {
    std::string out;
    for (pugi::xml_node c : n.children())
        if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) out += c.value();
    auto notSpace = [](char ch) { return ch != ' ' && ch != '\n' && ch != '\r' && ch != '\t'; };
    std::size_t a = 0, b = out.size();
    while (a < b && !notSpace(out[a])) ++a;
    while (b > a && !notSpace(out[b - 1])) --b;
    return out.substr(a, b - a);
}

// "HTTP/1.1 404 Not Found" -> 404.
int statusCode(const std::string& line) {
    std::size_t sp = line.find(' ');
    if (sp == std::string::npos) return 0;
    return std::atoi(line.c_str() + sp + 1);
}

void readProp(pugi::xml_node prop, DavResource& r) {
    for (pugi::xml_node p : prop.children()) {
        if (p.type() != pugi::node_element) continue;
        if (named(p, "getetag")) r.etag = textOf(p);
        else if (named(p, "displayname")) r.displayName = textOf(p);
        else if (named(p, "getctag")) r.ctag = textOf(p);
        else if (named(p, "resourcetype")) {
            r.isCollection = bool(child(p, "collection"));
            r.isAddressBook = bool(child(p, "addressbook"));
            r.isCalendar = bool(child(p, "calendar"));
        } else if (named(p, "supported-calendar-component-set")) {
            for (pugi::xml_node c : p.children())
                if (named(c, "comp")) r.components.push_back(c.attribute("name").value());
        } else if (named(p, "current-user-principal")) r.principal = textOf(child(p, "href"));
        else if (named(p, "addressbook-home-set")) r.addressBookHome = textOf(child(p, "href"));
        else if (named(p, "calendar-home-set")) r.calendarHome = textOf(child(p, "href"));
        else if (named(p, "address-data") || named(p, "calendar-data")) r.data = p.text().get();
        else if (named(p, "supported-report-set")) {
            for (pugi::xml_node s : p.children())
                if (pugi::xml_node rep = child(child(s, "report"), "sync-collection")) r.syncCollection = true;
        }
    }
}

}  // namespace

DavMultistatus parseMultistatus(std::string_view xml, const std::string& what) {
    pugi::xml_document doc;
    pugi::xml_parse_result ok = doc.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_utf8);
    if (!ok) throw FormatError(what, 0, std::string("the server's answer is not XML: ") + ok.description());
    pugi::xml_node root = doc.document_element();
    if (!named(root, "multistatus")) throw FormatError(what, 0, "the server's answer is not a WebDAV multistatus");
    DavMultistatus out;
    for (pugi::xml_node resp : root.children()) {
        if (named(resp, "sync-token")) out.syncToken = textOf(resp);
        if (!named(resp, "response")) continue;
        DavResource r;
        r.href = textOf(child(resp, "href"));
        if (pugi::xml_node st = child(resp, "status")) r.status = statusCode(textOf(st));
        for (pugi::xml_node ps : resp.children()) {
            if (!named(ps, "propstat")) continue;
            int code = statusCode(textOf(child(ps, "status")));
            if (code >= 200 && code < 300) readProp(child(ps, "prop"), r);
        }
        out.responses.push_back(std::move(r));
    }
    return out;
}

std::string xmlEscape(std::string_view text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

}  // namespace hallway
