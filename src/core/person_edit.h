// The person editor's text form: what the app's "Edit details" shows in its
// fields, and the person read back from them. Lists are one item per line;
// a contact line may end in "(label)". Pure functions: the view keeps the
// text, the people service saves the result.
#pragma once
#include <string>
#include <variant>

#include "core/model.h"

namespace hallway {

struct PersonEditText {
    std::string name, company, role;
    std::string emails, phones, links;  // one per line, "value (label)"
    std::string tags;                   // comma-separated
    std::string howMet;
    std::string keepInTouchDays;        // blank: no reminder
    std::string facts;                  // one per line; a date in the line dates the fact
};

PersonEditText editTextOf(const Person& person);

// A fact as typed: a date named in it ("marathon on 12 April") dates it, the
// next such day on or after `today` (YYYY-MM-DD) when it has no year.
PersonFact factFromText(const std::string& text, const std::string& today);

// `original` gives the id, the source and the facts whose text is unchanged
// (they keep id and date). `today` (YYYY-MM-DD) anchors dates without a year
// in new facts. Returns the edited person, or what is wrong in words
// ("Emails, line 2: 'ana at x' is not an email address").
std::variant<Person, std::string> personFromEditText(const PersonEditText& text, const Person& original,
                                                     const std::string& today);

}  // namespace hallway
