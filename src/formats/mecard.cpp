// Files of MECARD badge payloads, one per line; the payload itself is read by
// contacts::parseMeCardPayload (contacts.cpp), which badge scans share.
#include "formats/mecard.h"

#include "core/text.h"
#include "formats/contacts_common.h"
#include "formats/csv.h"

namespace hallway {

bool sniffMeCard(std::string_view head) { return contacts::startsWithNoCase(head, "mecard:"); }

ContactsFile parseMeCard(std::string_view bytes, const std::string& fileName, const ContactsParseOptions&) {
    contacts::requireUtf8(bytes, fileName);
    ContactsFile file;
    contacts::Diagnostics diag(file, fileName);
    std::string_view body = text::stripBom(bytes);
    size_t pos = 0;
    int line = 0;
    while (pos < body.size()) {
        size_t eol = body.find('\n', pos);
        if (eol == std::string_view::npos) eol = body.size();
        std::string_view raw = body.substr(pos, eol - pos);
        pos = eol + 1;
        ++line;
        std::string payload = text::trim(raw);
        if (payload.empty()) continue;
        if (payload.size() < 7 || text::lower(payload.substr(0, 7)) != "mecard:") {
            diag.warn(line, "not a MECARD line; ignored");
            continue;
        }
        diag.countRecord(line);
        if (payload.size() > contacts::kMaxField) {
            csv::truncateUtf8(payload, contacts::kMaxField);  // so no field can be longer
            diag.warn(line, "MECARD is longer than 1 MiB; truncated");
        }
        ContactRecord r = contacts::parseMeCardPayload(payload, line);
        if (!contacts::finishRecord(r)) {
            diag.skip(line, "MECARD has no name (N:)");
            continue;
        }
        file.contacts.push_back(std::move(r));
    }
    diag.finish();
    return file;
}

}  // namespace hallway
