#include "services/demo.h"

#include "core/assets.h"

#include "store/agenda_repo.h"
#include "store/store.h"

namespace hallway {

std::string demoAgendaPath() { return assetPath("demo/hallway-demo.xml"); }

std::optional<AgendaImportReport> importDemoIfEmpty(Store& store) {
    if (!AgendaRepo(store).listEvents().empty()) return std::nullopt;
    return importAgendaFile(store, demoAgendaPath(), {});
}

}  // namespace hallway
