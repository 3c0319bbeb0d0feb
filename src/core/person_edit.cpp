#include "core/person_edit.h"

#include <algorithm>
#include <charconv>
#include <cstdio>

#include "core/note_markers.h"
#include "core/text.h"

namespace hallway {
namespace {

// One per line, no newline after the last: a one-line box shows no scrollbar.
std::string contactLines(const std::vector<ContactDetail>& details) {
    std::string out;
    for (const auto& d : details) out += (out.empty() ? "" : "\n") + d.value + (d.label.empty() ? "" : " (" + d.label + ")");
    return out;
}

// "ana@x.org (work)" -> {"ana@x.org", "work"}; a value never holds a space.
ContactDetail contactOf(const std::string& line) {
    ContactDetail d{line, ""};
    if (line.size() > 2 && line.back() == ')') {
        size_t open = line.rfind(" (");
        if (open != std::string::npos) {
            d.value = text::trim(line.substr(0, open));
            d.label = text::lower(text::trim(line.substr(open + 2, line.size() - open - 3)));
        }
    }
    return d;
}

std::optional<CalendarDate> parseDay(const std::string& ymd) {
    CalendarDate d;
    if (std::sscanf(ymd.c_str(), "%d-%d-%d", &d.year, &d.month, &d.day) != 3) return std::nullopt;
    return d;
}

std::string ymdOf(const CalendarDate& d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
    return buf;
}

}  // namespace

PersonFact factFromText(const std::string& text, const std::string& today) {
    PersonFact fact{0, text::collapseSpaces(text), std::nullopt};
    if (auto reference = parseDay(today))
        if (auto d = findDate(fact.text, *reference)) fact.onDate = ymdOf(*d);
    return fact;
}

PersonEditText editTextOf(const Person& p) {
    PersonEditText t;
    t.name = p.displayName;
    t.company = p.company;
    t.role = p.role;
    t.emails = contactLines(p.emails);
    t.phones = contactLines(p.phones);
    t.links = contactLines(p.urls);
    for (size_t i = 0; i < p.tags.size(); ++i) t.tags += (i ? ", " : "") + p.tags[i];
    t.howMet = p.howMet;
    if (p.keepInTouchDays) t.keepInTouchDays = std::to_string(*p.keepInTouchDays);
    for (const auto& f : p.facts) t.facts += (t.facts.empty() ? "" : "\n") + f.text;
    return t;
}

std::variant<Person, std::string> personFromEditText(const PersonEditText& t, const Person& original,
                                                     const std::string& today) {
    Person p;
    p.id = original.id;
    p.source = original.source;
    p.givenName = original.givenName;
    p.familyName = original.familyName;
    p.displayName = text::collapseSpaces(t.name);
    if (p.displayName.empty()) return std::string("Name: a person needs a name");
    p.company = text::collapseSpaces(t.company);
    p.role = text::collapseSpaces(t.role);
    p.howMet = text::trim(t.howMet);

    auto readContacts = [&](const std::string& box, const char* field, std::vector<ContactDetail>& out,
                            auto&& check) -> std::string {
        int n = 0;
        for (const auto& line : text::lines(box)) {
            ++n;
            if (line.empty()) continue;
            ContactDetail d = contactOf(line);
            if (std::string why = check(d.value); !why.empty())
                return std::string(field) + ", line " + std::to_string(n) + ": '" + d.value + "' " + why;
            bool seen = false;
            for (const auto& o : out) seen |= text::lower(o.value) == text::lower(d.value);
            if (!seen) out.push_back(d);
        }
        return {};
    };
    auto noSpace = [](const std::string& v) -> std::string {
        return v.find(' ') == std::string::npos ? "" : "has a space in it (one per line)";
    };
    std::string problem = readContacts(t.emails, "Emails", p.emails, [&](const std::string& v) -> std::string {
        size_t at = v.find('@');
        if (at == std::string::npos || at == 0 || at + 1 == v.size()) return "is not an email address";
        return noSpace(v);
    });
    if (problem.empty())
        problem = readContacts(t.phones, "Phones", p.phones, [](const std::string& v) -> std::string {
            for (char c : v)
                if (c >= '0' && c <= '9') return "";
            return "has no digits";
        });
    if (problem.empty()) problem = readContacts(t.links, "Links", p.urls, noSpace);
    if (!problem.empty()) return problem;
    for (auto& e : p.emails) e.value = text::lower(e.value);

    size_t start = 0;
    while (start <= t.tags.size()) {
        size_t end = std::min(t.tags.find(',', start), t.tags.size());
        std::string tag = text::lower(text::collapseSpaces(std::string_view(t.tags).substr(start, end - start)));
        if (!tag.empty() && std::find(p.tags.begin(), p.tags.end(), tag) == p.tags.end()) p.tags.push_back(tag);
        start = end + 1;
    }

    std::string days = text::trim(t.keepInTouchDays);
    if (!days.empty()) {
        int n = 0;
        auto [end, ec] = std::from_chars(days.data(), days.data() + days.size(), n);
        if (ec != std::errc() || end != days.data() + days.size() || n < 0 || n > 3650)
            return "Keep in touch: '" + days + "' is not a number of days (1 to 3650, blank for never)";
        if (n > 0) p.keepInTouchDays = n;
    }

    for (const auto& line : text::lines(t.facts)) {
        if (line.empty()) continue;
        // An unchanged fact keeps its id (queue check-ins are keyed by it) and its date.
        auto same = std::find_if(original.facts.begin(), original.facts.end(),
                                 [&](const PersonFact& f) { return f.text == line; });
        PersonFact fact = same != original.facts.end() ? *same : factFromText(line, today);
        if (std::none_of(p.facts.begin(), p.facts.end(), [&](const PersonFact& f) { return f.text == line; }))
            p.facts.push_back(fact);
    }
    return p;
}

}  // namespace hallway
