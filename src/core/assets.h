// Where Hallway's read-only files are: message templates and the demo agenda.
// An installed binary finds them beside itself, one built in a source tree
// finds that tree's assets/, and HALLWAY_ASSETS_DIR is the last resort.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace hallway {

// The places to look, in order. Empty entries are skipped.
struct AssetSearch {
    std::string executable;  // the running binary's path; its ../share/hallway is tried first
    std::string buildTree;   // the assets/ of the source tree this binary was built from
    std::string environment; // $HALLWAY_ASSETS_DIR
};

// The folders `search` names, in the order they are tried.
std::vector<std::string> assetCandidates(const AssetSearch& search);

// The first candidate holding templates/default_templates.json, or nothing.
std::optional<std::string> findAssetsDir(const AssetSearch& search);

// The search for this process: /proc/self/exe, the build's source tree, the
// environment.
AssetSearch processAssetSearch();

// findAssetsDir(processAssetSearch()); throws std::runtime_error naming every
// folder tried when none holds the assets.
std::string assetsDir();

// assetsDir() + "/" + relative.
std::string assetPath(const std::string& relative);

}  // namespace hallway
