// Documentation generated from the CLI11 definitions that parse the command
// line, so `--help`, the man page and the shell completions cannot drift:
// the examples, files and environment below feed both the top-level --help
// footer and the man page; the commands and options are read from the App.
#pragma once
#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace hallway::cli {

struct DocEntry {
    std::string name;  // a command line, a path or a variable
    std::string text;  // what it does or means
};

const std::vector<DocEntry>& docExamples();
const std::vector<DocEntry>& docFiles();
const std::vector<DocEntry>& docEnvironment();

// The EXAMPLES, FILES and ENVIRONMENT sections as plain text for --help.
std::string helpFooter();

// hallway(1) in roff (man(7) macros): synopsis, description, the top-level
// options, every subcommand at any depth with its arguments and options, then
// examples, files and environment. Hidden options (no group) are left out.
std::string manPage(const CLI::App& app, const std::string& version);

// A bash completion script for `hallway`: subcommands at every depth, their
// options, the choices of options checked with IsMember, files for FILE
// arguments and options whose help says "file".
std::string bashCompletion(const CLI::App& app);

// The same for zsh (a #compdef file).
std::string zshCompletion(const CLI::App& app);

}  // namespace hallway::cli
