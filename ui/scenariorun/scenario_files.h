#pragma once
// Where the console finds the shipped scenarios and seckill-node, and how it reads a file.
// Shipped scenarios, first that exists: $SECKILL_SCENARIO_DIR; the installed data dir
// (<prefix>/share/seckill/scenarios, beside <prefix>/bin/seckill-console); the source
// tree this console was built from (a build-dir run: build/dev/app/seckill-console).
#include <QString>
#include <QStringList>
#include <variant>

#include "scenario/scenario_spec.h"

namespace seckill::ui {

// The directory the shipped scenarios were found in, or empty when none exists.
QString shipped_scenario_dir();
// Its *.json files, sorted by name (full paths).
QStringList shipped_scenarios();
// seckill-node for a `processes` run: $SECKILL_NODE_BINARY, else next to this executable;
// empty when neither is an executable file.
QString node_binary();
// The file parsed by the runner's own parser, or one sentence saying why not (the parser's
// sentence for a bad field, prefixed with the file's name).
std::variant<scenario::ScenarioSpec, QString> read_scenario(const QString& path);

}  // namespace seckill::ui
