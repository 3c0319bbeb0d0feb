#include "cli/cli_docs.h"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace hallway::cli {

// ---------------------------------------------------------------- [SECTION] the prose both --help and man use

const std::vector<DocEntry>& docExamples() {
    static const std::vector<DocEntry> list = {
        {"hallway import schedule.xml", "Import an agenda; the format is read from the content."},
        {"hallway sessions --event 1 --day 1 --room Anamudi", "The first day's sessions in one room."},
        {"hallway star 12 14 && hallway schedule --event 1", "Star two sessions and show your schedule with overlaps."},
        {"hallway people import Connections.csv", "Import a LinkedIn export; people already here are updated."},
        {"hallway target add \"Ana Lima\" --event 1 --priority must --why \"runs the community track\"",
         "Someone you want to meet, and why."},
        {"hallway note \"Met @ana-lima; #promise send her the paper\"",
         "A note linked to Ana and to the session running now; the promise becomes a follow-up."},
        {"hallway queue generate --event 1 && hallway queue --due week", "Who to thank and what you promised."},
        {"hallway schedule.ics", "Open the app with this file in the import dialog (what the desktop launcher does)."},
        {"xvfb-run -a hallway --screenshot plan.png --view plan --size 1280x800", "Render the Plan view to a PNG."},
    };
    return list;
}

const std::vector<DocEntry>& docFiles() {
    static const std::vector<DocEntry> list = {
        {"$XDG_DATA_HOME/hallway/hallway.db",
         "The database (else ~/.local/share/hallway/hallway.db); --db picks another. Created owner-only."},
        {"<database folder>/backups/", "Automatic backups taken before migrations and imports; the newest 10 are kept."},
        {"$XDG_CONFIG_HOME/hallway/", "Settings and window layout of the app (else ~/.config/hallway/)."},
        {"$XDG_STATE_HOME/hallway/drafts/",
         "Capture drafts the database could not take, kept until it can (else ~/.local/state/hallway/drafts/)."},
        {"../share/hallway/ beside the binary (/usr/share/hallway/ when installed)",
         "Default message templates (templates/default_templates.json) and the demo event (demo/hallway-demo.xml)."},
    };
    return list;
}

const std::vector<DocEntry>& docEnvironment() {
    static const std::vector<DocEntry> list = {
        {"XDG_DATA_HOME, XDG_CONFIG_HOME, XDG_STATE_HOME, HOME", "Where the files above live."},
        {"HALLWAY_ASSETS_DIR",
         "A folder holding templates/ and demo/, used when neither ../share/hallway beside the binary nor the source "
         "tree it was built from has them."},
        {"HALLWAY_SCREENSHOT_NOW, HALLWAY_SCREENSHOT_THEME, HALLWAY_SCREENSHOT_LAYOUT, HALLWAY_SCREENSHOT_SESSION, "
         "HALLWAY_SCREENSHOT_PERSON, HALLWAY_SCREENSHOT_PEOPLE_TAB, HALLWAY_SCREENSHOT_SEARCH, HALLWAY_SCREENSHOT_VISIT, "
         "HALLWAY_SCREENSHOT_EDIT_PERSON, HALLWAY_SCREENSHOT_EDIT_TARGET, HALLWAY_SCREENSHOT_ADD_BADGE, "
         "HALLWAY_SCREENSHOT_SETTINGS, HALLWAY_SCREENSHOT_SYNC, HALLWAY_SCREENSHOT_IMPORT, HALLWAY_SCREENSHOT_CHOOSER, "
         "HALLWAY_SCREENSHOT_RECENT",
         "With --screenshot only: a fixed clock (YYYY-MM-DDTHH:MM), light theme, Plan's list layout, the session, "
         "person or People tab shown, the search dropdown's text, views visited first, and dialogs opened (the "
         "import dialog on a path, the file chooser in a folder with ':'-separated recent places)."},
        {"HALLWAY_STARTUP_TIMING",
         "When set, the app prints how long each step of opening the window took, and the main thread's CPU in it."},
        {"HALLWAY_GL",
         "glx: make the OpenGL context through GLX, not EGL (which the app tries first, as it starts sooner), for a "
         "driver whose EGL misbehaves."},
    };
    return list;
}

std::string helpFooter() {
    std::ostringstream out;
    auto section = [&](const char* title, const std::vector<DocEntry>& entries) {
        out << "\n" << title << ":\n";
        for (const auto& e : entries) out << "  " << e.name << "\n      " << e.text << "\n";
    };
    section("Examples", docExamples());
    section("Files", docFiles());
    section("Environment", docEnvironment());
    out << "\nSee man hallway for every command.";
    return out.str();
}

// ---------------------------------------------------------------- [SECTION] reading the CLI11 definitions

namespace {

struct OptionDoc {
    std::vector<std::string> names;  // "--format", or "FILE" for a positional
    bool positional = false;
    bool flag = false;               // takes no value
    bool required = false;
    bool repeatable = false;
    std::vector<std::string> choices;
    bool wantsFile = false;
    std::string description;
};

struct CommandDoc {
    std::string path;  // "" for the top level, "people import"
    const CLI::App* app = nullptr;
    std::vector<OptionDoc> options;
    std::vector<std::string> subcommands;
};

bool containsFileWord(const std::string& text) {
    std::string lower;
    for (char c : text) lower += char(std::tolower(static_cast<unsigned char>(c)));
    return lower.find("file") != std::string::npos;
}

OptionDoc describe(const CLI::Option& opt) {
    OptionDoc d;
    d.positional = opt.get_positional();
    if (d.positional) {
        d.names = {opt.get_name(true)};
    } else {
        for (const auto& s : opt.get_snames()) d.names.push_back("-" + s);
        for (const auto& l : opt.get_lnames()) d.names.push_back("--" + l);
    }
    d.flag = !d.positional && opt.get_expected_max() == 0;
    d.required = opt.get_required();
    d.repeatable = opt.get_items_expected_max() > 1;
    d.description = opt.get_description();
    // IsMember's check shows in the type name as TEXT:{a,b,c}.
    std::string type = opt.get_type_name();
    auto open = type.find('{'), close = type.rfind('}');
    if (open != std::string::npos && close != std::string::npos && close > open) {
        std::stringstream list(type.substr(open + 1, close - open - 1));
        for (std::string item; std::getline(list, item, ',');)
            if (!item.empty()) d.choices.push_back(item);
    }
    d.wantsFile = !d.flag && d.choices.empty() &&
                  ((d.positional && containsFileWord(d.names[0])) || containsFileWord(d.description));
    return d;
}

bool isHelp(const CLI::Option& opt) {
    const auto& l = opt.get_lnames();
    return std::find(l.begin(), l.end(), "help") != l.end();
}

void collect(const CLI::App& app, const std::string& path, std::vector<CommandDoc>& out) {
    CommandDoc doc;
    doc.path = path;
    doc.app = &app;
    for (const CLI::Option* opt : app.get_options()) {
        if (opt->get_group().empty() || isHelp(*opt)) continue;  // hidden, or the -h every command has
        doc.options.push_back(describe(*opt));
    }
    auto subs = app.get_subcommands([](const CLI::App* s) { return !s->get_name().empty(); });
    for (const CLI::App* s : subs) doc.subcommands.push_back(s->get_name());
    out.push_back(std::move(doc));
    for (const CLI::App* s : subs) collect(*s, path.empty() ? s->get_name() : path + " " + s->get_name(), out);
}

std::vector<CommandDoc> commands(const CLI::App& app) {
    std::vector<CommandDoc> out;
    collect(app, "", out);
    return out;
}

std::string upperName(const OptionDoc& d) {
    std::string n = d.names.back();
    n.erase(0, n.find_first_not_of('-'));
    for (auto& c : n) c = c == '-' ? '_' : char(std::toupper(static_cast<unsigned char>(c)));
    return n;
}

// ---------------------------------------------------------------- [SECTION] man page (roff)

// Escapes text for roff: backslashes, minus signs, and a leading . or '.
std::string roff(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '\\') out += "\\e";
        else if (c == '-') out += "\\-";
        else out += c;
    }
    if (!out.empty() && (out[0] == '.' || out[0] == '\'')) out.insert(0, "\\&");
    return out;
}

std::string bold(const std::string& s) { return "\\fB" + roff(s) + "\\fR"; }
std::string italic(const std::string& s) { return "\\fI" + roff(s) + "\\fR"; }

std::string usage(const CommandDoc& c) {
    std::string line = bold("hallway" + (c.path.empty() ? "" : " " + c.path));
    bool options = false;
    for (const auto& o : c.options) {
        if (!o.positional) {
            options = true;
            continue;
        }
        std::string arg = italic(o.names[0]) + (o.repeatable ? "..." : "");
        line += " " + (o.required ? arg : "[" + arg + "]");
    }
    if (options) line += " [" + italic("OPTIONS") + "]";
    if (!c.subcommands.empty() && !c.path.empty()) line += " [" + italic("COMMAND") + "]";
    return line;
}

void manOptions(std::ostream& out, const CommandDoc& c) {
    for (const auto& o : c.options) {
        out << ".TP\n";
        if (o.positional) {
            out << italic(o.names[0]) << (o.repeatable ? "..." : "") << "\n";
        } else {
            std::string names;
            for (const auto& n : o.names) names += (names.empty() ? "" : ", ") + bold(n);
            out << names;
            if (!o.flag) out << " " << italic(upperName(o));
            out << "\n";
        }
        std::string text = o.description;
        if (!o.choices.empty()) {
            std::string list;
            for (const auto& ch : o.choices) list += (list.empty() ? "" : ", ") + ch;
            text += " (one of: " + list + ")";
        }
        if (o.repeatable && !o.positional && text.find("repeatable") == std::string::npos) text += " (repeatable)";
        if (o.required && !o.positional) text += " (required)";
        out << roff(text) << "\n";
    }
}

void manEntries(std::ostream& out, const std::vector<DocEntry>& entries, bool code) {
    for (const auto& e : entries) {
        out << ".TP\n" << (code ? bold(e.name) : italic(e.name)) << "\n" << roff(e.text) << "\n";
    }
}

}  // namespace

std::string manPage(const CLI::App& app, const std::string& version) {
    auto all = commands(app);
    std::ostringstream out;
    out << ".\\\" Generated by `hallway --generate man` from the command-line definitions; do not edit.\n";
    out << ".TH HALLWAY 1 \"\" \"hallway " << roff(version) << "\" \"User Commands\"\n";
    out << ".SH NAME\nhallway \\- plan conference sessions, capture who you meet, follow up\n";
    out << ".SH SYNOPSIS\n" << usage(all[0]) << "\n.br\n"
        << bold("hallway") << " [" << italic("OPTIONS") << "] " << italic("COMMAND") << " [" << italic("ARGS")
        << "]\n";
    out << ".SH DESCRIPTION\n";
    std::stringstream description(app.get_description());
    for (std::string line; std::getline(description, line);) out << roff(line) << "\n.br\n";
    out << "Everything is kept in one SQLite file on this machine. Every command has "
        << bold("--help") << " and " << bold("--json") << ".\n";
    // The commands by family, as --help groups them.
    std::vector<std::pair<std::string, std::string>> families;
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App* s) { return !s->get_name().empty(); })) {
        if (families.empty() || families.back().first != sub->get_group()) families.push_back({sub->get_group(), ""});
        families.back().second += (families.back().second.empty() ? "" : ", ") + bold(sub->get_name());
    }
    if (families.size() > 1) {
        out << ".PP\nThe commands by family:\n";
        for (const auto& [heading, names] : families) out << ".TP\n" << roff(heading) << "\n" << names << "\n";
    }
    out << ".SH OPTIONS\n";
    manOptions(out, all[0]);
    out << ".TP\n" << bold("-h") << ", " << bold("--help") << "\n"
        << roff("Print the help of hallway or of the command it follows, and exit.") << "\n";
    out << ".SH COMMANDS\n";
    for (size_t i = 1; i < all.size(); ++i) {
        const auto& c = all[i];
        out << ".SS \"" << roff("hallway " + c.path) << "\"\n" << usage(c) << "\n.PP\n"
            << roff(c.app->get_description()) << "\n";
        if (!c.subcommands.empty()) {
            std::string list;
            for (const auto& s : c.subcommands) list += (list.empty() ? "" : ", ") + s;
            out << ".PP\n" << roff("Commands: " + list + ".") << "\n";
        }
        manOptions(out, c);
    }
    out << ".SH EXAMPLES\n";
    manEntries(out, docExamples(), true);
    out << ".SH FILES\n";
    manEntries(out, docFiles(), false);
    out << ".SH ENVIRONMENT\n";
    manEntries(out, docEnvironment(), true);
    out << ".SH EXIT STATUS\n0 on success, 1 when a command failed (a bad file, database trouble; one line on "
           "standard error says why), 2 for a usage error.\n";
    out << ".SH SEE ALSO\n" << bold("sqlite3") << "(1), " << bold("xvfb-run") << "(1)\n";
    return out.str();
}

// ---------------------------------------------------------------- [SECTION] shell completion

namespace {

std::string joinWords(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
    return out;
}

// Shell functions, valid in bash and zsh, answering from the definitions:
// subcommands and options of a command path, whether an option takes a value,
// its choices, and whether it (or the path's positional, "") wants a file.
std::string completionData(const CLI::App& app) {
    auto all = commands(app);
    std::ostringstream subs, opts, values, choices, files;
    for (const auto& c : all) {
        subs << "    \"" << c.path << "\") echo \"" << joinWords(c.subcommands) << "\" ;;\n";
        std::vector<std::string> names{"--help"};
        for (const auto& o : c.options) {
            if (o.positional) {
                if (o.wantsFile) files << "    \"" << c.path << ":\") return 0 ;;\n";
                continue;
            }
            names.insert(names.end(), o.names.begin(), o.names.end());
            for (const auto& n : o.names) {
                std::string key = "\"" + c.path + ":" + n + "\"";
                if (!o.flag) values << "    " << key << ") return 0 ;;\n";
                if (!o.choices.empty()) choices << "    " << key << ") echo \"" << joinWords(o.choices) << "\" ;;\n";
                if (o.wantsFile) files << "    " << key << ") return 0 ;;\n";
            }
        }
        opts << "    \"" << c.path << "\") echo \"" << joinWords(names) << "\" ;;\n";
    }
    std::ostringstream out;
    out << "_hallway_subcommands() {\n  case \"$1\" in\n" << subs.str() << "  esac\n}\n";
    out << "_hallway_options() {\n  case \"$1\" in\n" << opts.str() << "  esac\n}\n";
    out << "_hallway_takes_value() {\n  case \"$1:$2\" in\n" << values.str() << "  esac\n  return 1\n}\n";
    out << "_hallway_choices() {\n  case \"$1:$2\" in\n" << choices.str() << "  esac\n}\n";
    out << "_hallway_wants_file() {\n  case \"$1:$2\" in\n" << files.str() << "  esac\n  return 1\n}\n";
    // The command path of the words before the cursor: options and their
    // values are skipped, known subcommand names descend.
    out << R"SH(_hallway_path() {
  local path="" skip=0 w sub
  for w in "$@"; do
    if [ "$skip" = 1 ]; then skip=0; continue; fi
    case "$w" in
      --*=*) continue ;;
      -*) _hallway_takes_value "$path" "$w" && skip=1; continue ;;
    esac
    for sub in $(_hallway_subcommands "$path"); do
      if [ "$sub" = "$w" ]; then path="${path:+$path }$w"; break; fi
    done
  done
  echo "$path"
}
)SH";
    return out.str();
}

}  // namespace

std::string bashCompletion(const CLI::App& app) {
    std::string out = "# bash completion for hallway. Generated by `hallway --generate bash` from the command-line\n"
                      "# definitions; do not edit.\n";
    out += completionData(app);
    out += R"SH(_hallway() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} path
  path=$(_hallway_path "${COMP_WORDS[@]:1:COMP_CWORD-1}")
  COMPREPLY=()
  if [[ $prev == -* ]] && _hallway_takes_value "$path" "$prev"; then
    local choices
    choices=$(_hallway_choices "$path" "$prev")
    if [[ -n $choices ]]; then
      COMPREPLY=($(compgen -W "$choices" -- "$cur"))
    elif _hallway_wants_file "$path" "$prev"; then
      compopt -o filenames 2>/dev/null
      COMPREPLY=($(compgen -f -- "$cur"))
    fi
    return 0
  fi
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$(_hallway_options "$path")" -- "$cur"))
    return 0
  fi
  COMPREPLY=($(compgen -W "$(_hallway_subcommands "$path")" -- "$cur"))
  if _hallway_wants_file "$path" ""; then
    compopt -o filenames 2>/dev/null
    COMPREPLY+=($(compgen -f -- "$cur"))
  fi
  return 0
}
complete -F _hallway hallway
)SH";
    return out;
}

std::string zshCompletion(const CLI::App& app) {
    std::string out = "#compdef hallway\n# zsh completion for hallway. Generated by `hallway --generate zsh` from the "
                      "command-line\n# definitions; do not edit.\n";
    out += completionData(app);
    out += R"SH(_hallway() {
  local cur=${words[CURRENT]} prev=${words[CURRENT-1]} path choices
  path=$(_hallway_path "${(@)words[2,CURRENT-1]}")
  if [[ $prev == -* ]] && _hallway_takes_value "$path" "$prev"; then
    choices=$(_hallway_choices "$path" "$prev")
    if [[ -n $choices ]]; then
      compadd -- ${=choices}
    elif _hallway_wants_file "$path" "$prev"; then
      _files
    fi
    return 0
  fi
  if [[ $cur == -* ]]; then
    compadd -- ${=$(_hallway_options "$path")}
    return 0
  fi
  compadd -- ${=$(_hallway_subcommands "$path")}
  _hallway_wants_file "$path" "" && _files
  return 0
}
_hallway "$@"
)SH";
    return out;
}

}  // namespace hallway::cli
