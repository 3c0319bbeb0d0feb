#include "formats/followup_export.h"

#include <libical/ical.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>

#include "core/text.h"
#include "core/time_util.h"
#include "formats/ical_export.h"
#include "formats/people_export.h"

namespace hallway {

int icalPriority(double score) {
    if (score >= 300) return 1;
    if (score >= 120) return 2;
    if (score >= 110) return 3;
    if (score >= 100) return 4;
    if (score >= 90) return 5;
    if (score >= 80) return 6;
    if (score >= 70) return 7;
    return 8;
}

std::string followUpUid(const FollowUp& item) {
    std::string uid = "hallway-";
    for (char c : item.dedupeKey) uid += std::isalnum((unsigned char)c) || c == '-' || c == '_' ? c : '-';
    return uid + "@hallway.local";
}

namespace {

std::string summaryOf(const FollowUp& f) {
    std::string s = followUpKindLabel(f.kind) + ": " + f.personName;
    if (f.attempt > 1) s += " (follow-up " + std::to_string(f.attempt - 1) + ")";
    return s;
}

icalproperty_status icalStatus(const std::string& status) {
    if (status == "sent") return ICAL_STATUS_INPROCESS;
    if (status == "replied" || status == "done") return ICAL_STATUS_COMPLETED;
    if (status == "dropped") return ICAL_STATUS_CANCELLED;
    return ICAL_STATUS_NEEDSACTION;
}

}  // namespace

std::string followUpsToICalendar(const std::vector<FollowUp>& items) {
    icalcomponent* cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
    icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
    icalcomponent_add_property(cal, icalproperty_new_prodid("-//Hallway//Follow-up queue//EN"));
    for (const FollowUp& f : items) {
        icalcomponent* todo = icalcomponent_new(ICAL_VTODO_COMPONENT);
        icalcomponent_add_property(todo, icalproperty_new_uid(followUpUid(f).c_str()));
        Instant stamp = f.updatedAt ? f.updatedAt : f.createdAt;
        icalcomponent_add_property(
            todo, icalproperty_new_dtstamp(icaltime_from_timet_with_zone(time_t(stamp), 0, icaltimezone_get_utc_timezone())));
        DayParts ymd = dateParts(f.dueDate);
        icaltimetype due = icaltime_null_date();
        due.year = ymd.year;
        due.month = ymd.month;
        due.day = ymd.day;
        due.is_date = 1;
        icalcomponent_add_property(todo, icalproperty_new_due(due));
        icalcomponent_add_property(todo, icalproperty_new_summary(icalText(summaryOf(f)).c_str()));
        std::string description = f.draft.empty() ? f.reason : f.draft;
        description = icalText(description);
        if (!text::trim(description).empty())  // libical drops an empty one
            icalcomponent_add_property(todo, icalproperty_new_description(description.c_str()));
        icalcomponent_add_property(todo, icalproperty_new_priority(icalPriority(f.priority)));
        icalcomponent_add_property(todo, icalproperty_new_status(icalStatus(f.status)));
        icalcomponent_add_property(todo, icalproperty_new_categories(f.kind.c_str()));
        icalcomponent_add_component(cal, todo);
    }
    char* text = icalcomponent_as_ical_string_r(cal);
    std::string out = text ? text : "";
    std::free(text);
    icalcomponent_free(cal);
    return out;
}

std::string followUpsToCsv(const std::vector<FollowUp>& items, const std::map<RowId, std::string>& emails) {
    std::string out = "id,due,kind,person,email,status,priority,attempt,snoozed_until,reason,subject,body,uid\r\n";
    for (const FollowUp& f : items) {
        auto [subject, body] = splitDraft(f.draft);
        auto email = emails.find(f.personId);
        char priority[32];
        std::snprintf(priority, sizeof priority, "%.1f", f.priority);
        std::vector<std::string> cells = {std::to_string(f.id), f.dueDate, f.kind, f.personName,
                                          email == emails.end() ? "" : email->second, f.status, priority,
                                          std::to_string(f.attempt), f.snoozedUntil.value_or(""), f.reason, subject,
                                          body, followUpUid(f)};
        for (size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + csvCell(cells[i]);
        out += "\r\n";
    }
    return out;
}

std::string eventReportMarkdown(const QueueInputs& in, const std::vector<FollowUp>& items) {
    const std::string& zone = in.event.timeZone;
    auto rawNameOf = [&](RowId id) {
        auto it = in.people.find(id);
        return it == in.people.end() ? "#" + std::to_string(id) : it->second.displayName;
    };
    // Every user value escaped: a name or note cannot add HTML, links or images.
    auto oneLine = [](const std::string& s) { return text::markdownInline(s); };
    auto nameOf = [&](RowId id) { return oneLine(rawNameOf(id)); };
    std::string md = "# " + oneLine(in.event.name) + ": follow-up report\n\n";
    if (in.event.startsAt)
        md += "From " + localDateString(in.event.startsAt, zone) + " to " +
              localDateString(in.event.endsAt ? in.event.endsAt - 1 : in.event.startsAt, zone) + " (" + zone + ").\n\n";

    auto met = peopleMetAt(in);
    auto balance = giveAskByPerson(in.interactions);
    md += "## Who you met (" + std::to_string(met.size()) + ")\n\n";
    for (auto& [id, how] : met) {
        GiveAsk g = balance[id];
        md += "- " + nameOf(id) + " (" + oneLine(how) + "): gave " + std::to_string(g.gives) + ", asked " +
              std::to_string(g.asks) + "\n";
    }
    if (met.empty()) md += "Nobody logged yet.\n";

    GiveAsk total = giveAskTotal(in.interactions);
    md += "\n## Give and ask\n\nAt this event you gave " + std::to_string(total.gives) + " time" +
          (total.gives == 1 ? "" : "s") + " and asked " + std::to_string(total.asks) + " time" +
          (total.asks == 1 ? "" : "s") + " (" + std::to_string(total.neutral) + " neutral).\n";
    std::vector<std::string> onlyAsked;
    for (auto& [id, g] : balance)
        if (g.asks > 0 && g.gives == 0) onlyAsked.push_back(nameOf(id));
    if (!onlyAsked.empty()) {
        md += "Give first: you have only asked of ";
        for (size_t i = 0; i < onlyAsked.size(); ++i) md += (i ? ", " : "") + onlyAsked[i];
        md += ". Share a resource or offer an introduction.\n";
    }

    md += "\n## Notes (" + std::to_string(in.notes.size()) + ")\n\n";
    for (auto& n : in.notes) {
        md += "- " + localDateString(n.createdAt, zone) + " " + localTimeString(n.createdAt, zone);
        for (size_t i = 0; i < n.people.size(); ++i) md += (i ? ", " : " with ") + nameOf(n.people[i]);
        md += ": " + oneLine(n.body) + "\n";
    }

    md += "\n## Promises\n\n";
    int promises = 0;
    for (auto& f : items) {
        if (f.kind != "promise") continue;
        ++promises;
        bool kept = f.status == "sent" || f.status == "replied" || f.status == "done";
        md += std::string("- [") + (kept ? "x" : " ") + "] " + oneLine(f.reason) + " To " + oneLine(f.personName) + ", due " +
              f.dueDate + " (" + f.status + ")\n";
    }
    if (!promises) md += "No promises made.\n";

    std::vector<const FollowUp*> done, open, dropped;
    for (auto& f : items) {
        if (f.status == "sent" || f.status == "replied" || f.status == "done") done.push_back(&f);
        else if (f.status == "dropped") dropped.push_back(&f);
        else open.push_back(&f);
    }
    md += "\n## Follow-ups: " + std::to_string(done.size()) + " done, " + std::to_string(open.size()) + " open, " +
          std::to_string(dropped.size()) + " let go\n";
    auto list = [&](const char* title, const std::vector<const FollowUp*>& v) {
        if (v.empty()) return;
        md += std::string("\n### ") + title + "\n\n";
        for (auto* f : v)
            md += "- " + f->dueDate + " " + oneLine(summaryOf(*f)) + " (" + f->status + "): " + oneLine(f->reason) + "\n";
    };
    list("Open", open);
    list("Done", done);
    list("Let go", dropped);
    return md;
}

std::string mailtoUrl(const std::string& email, const std::string& subject, const std::string& body) {
    auto encode = [](const std::string& s, bool keepAt) {
        static const char* hex = "0123456789ABCDEF";
        std::string out;
        for (size_t i = 0; i < s.size(); ++i) {
            unsigned char c = (unsigned char)s[i];
            // RFC 6068: line breaks in a body are CRLF.
            if (c == '\n' && (i == 0 || s[i - 1] != '\r')) {
                out += "%0D%0A";
                continue;
            }
            if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || (keepAt && c == '@')) out += char(c);
            else {
                out += '%';
                out += hex[c >> 4];
                out += hex[c & 15];
            }
        }
        return out;
    };
    return "mailto:" + encode(email, true) + "?subject=" + encode(subject, false) + "&body=" + encode(body, false);
}

}  // namespace hallway
