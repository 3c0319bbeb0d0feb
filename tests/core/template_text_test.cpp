#include <catch2/catch.hpp>

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "core/template_text.h"

using namespace hallway;

namespace {
using Values = std::map<std::string, std::string>;
using Strings = std::vector<std::string>;
}  // namespace

TEST_CASE("a thank-you draft renders with every value filled in", "[template]") {
    const char* tmpl =
        "Hi {first_name},\n"
        "\n"
        "great to meet you at {event} after \"{session_title}\". As promised, here is {promise}.\n"
        "\n"
        "Best,\n"
        "{my_name}";
    Values values = {{"first_name", "Ana"},
                     {"event", "RustConf 2027"},
                     {"session_title", "Async in Practice"},
                     {"promise", "the bench paper"},
                     {"my_name", "Cy"},
                     {"unused", "never shown"}};
    RenderedTemplate r = renderTemplate(tmpl, values);
    CHECK(r.text ==
          "Hi Ana,\n"
          "\n"
          "great to meet you at RustConf 2027 after \"Async in Practice\". As promised, here is the bench paper.\n"
          "\n"
          "Best,\n"
          "Cy");
    CHECK(r.unknown.empty());
    CHECK(r.empty.empty());
    CHECK(templatePlaceholders(tmpl) == Strings{"first_name", "event", "session_title", "promise", "my_name"});
}

TEST_CASE("unknown placeholders stay visible and are reported once, in order", "[template]") {
    RenderedTemplate r = renderTemplate("{greeting} {first_name}, see {link} and {link} again, {greeting}!",
                                        Values{{"first_name", "Bo"}});
    CHECK(r.text == "{greeting} Bo, see {link} and {link} again, {greeting}!");
    CHECK(r.unknown == Strings{"greeting", "link"});
    CHECK(r.empty.empty());
}

TEST_CASE("doubled braces are literal braces", "[template]") {
    Values values = {{"name", "Ana"}};
    CHECK(renderTemplate("{{name}}", values).text == "{name}");
    CHECK(renderTemplate("{{{name}}}", values).text == "{Ana}");
    CHECK(renderTemplate("a {{ b }} c", values).text == "a { b } c");
    CHECK(renderTemplate("{{", values).text == "{");
    CHECK(renderTemplate("}}}}", values).text == "}}");
    CHECK(renderTemplate("{{name}}", values).unknown.empty());
    CHECK(templatePlaceholders("{{name}} {{{other}}}") == Strings{"other"});
}

TEST_CASE("braces that are no placeholder are literal text", "[template]") {
    Values values = {{"name", "Ana"}};
    const char* literal[] = {
        "{ not a placeholder }",
        "{\"name\": \"json\", \"n\": 1}",
        "if (x) { return {name: 1}; }",
        "{Name} has upper case",
        "{first-name} has a dash",
        "{} is empty",
        "a lone } brace",
        "a lone { brace",
        "{name is unterminated",
        "{name\n} closes on the next line",
        "{näme}",
        "}{",
    };
    for (const char* t : literal) {
        INFO(t);
        RenderedTemplate r = renderTemplate(t, values);
        CHECK(r.text == t);
        CHECK(r.unknown.empty());
        CHECK(r.empty.empty());
        CHECK(templatePlaceholders(t).empty());
    }
    // "}}" is always an escape, so nested JSON must double its closing braces.
    CHECK(renderTemplate("{\"n\": {\"a\": 1}}", values).text == "{\"n\": {\"a\": 1}");
    CHECK(renderTemplate("{\"n\": {\"a\": 1}}}}", values).text == "{\"n\": {\"a\": 1}}");
    // A placeholder right after an unterminated brace still works.
    CHECK(renderTemplate("{ {name}", values).text == "{ Ana");
    CHECK(renderTemplate("{name {name}", values).text == "{name Ana");
}

TEST_CASE("known placeholders with empty values render as nothing and are reported", "[template]") {
    Values values = {{"first_name", ""}, {"event", "JSConf"}, {"company", ""}};
    RenderedTemplate r = renderTemplate("Hi {first_name}, from {company} at {event}; {first_name}", values);
    CHECK(r.text == "Hi , from  at JSConf; ");
    CHECK(r.empty == Strings{"first_name", "company"});
    CHECK(r.unknown.empty());
}

TEST_CASE("values are inserted as is, never expanded again", "[template]") {
    Values values = {{"a", "{b}"}, {"b", "B"}, {"c", "{{x}}"}};
    RenderedTemplate r = renderTemplate("{a} {c}", values);
    CHECK(r.text == "{b} {{x}}");
    CHECK(r.unknown.empty());
}

TEST_CASE("placeholder names: lower-case letters, digits and underscores", "[template]") {
    Values values = {{"a1_b", "x"}, {"_", "u"}, {"2", "two"}};
    CHECK(renderTemplate("{a1_b}{_}{2}", values).text == "xutwo");
    CHECK(templatePlaceholders("{a1_b} {_} {2} {a1_b}") == Strings{"a1_b", "_", "2"});
    CHECK(templatePlaceholders("").empty());
    CHECK(renderTemplate("", values).text.empty());
}

TEST_CASE("rendering is linear on hostile templates", "[template]") {
    using Clock = std::chrono::steady_clock;
    const size_t mib = 1 << 20;
    Values values = {{"x", "y"}};
    const std::string hostile[] = {
        std::string(mib, '{'),
        std::string(mib, '}'),
        "{" + std::string(mib, 'a'),
        [&] { std::string s; while (s.size() < mib) s += "{abc"; return s; }(),
        [&] { std::string s; while (s.size() < mib) s += "{x}{q}"; return s; }(),
    };
    for (const auto& t : hostile) {
        auto t0 = Clock::now();
        RenderedTemplate r = renderTemplate(t, values);
        std::vector<std::string> names = templatePlaceholders(t);
        CHECK(std::chrono::duration<double>(Clock::now() - t0).count() < 2.0);
        CHECK(r.unknown.size() <= 1);
        CHECK(names.size() <= 2);
    }
    CHECK(renderTemplate(std::string(mib, '{'), values).text == std::string(mib / 2, '{'));
}
