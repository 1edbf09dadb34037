#pragma once
// What a demo sale is: nodes, stock, the payment window, whether group commit is on, and
// the crowd (a load run). The presets are the three lessons the Demo dialog offers.
#include <QString>
#include <vector>

#include "load/load_options.h"

namespace seckill::ui {

struct DemoPlan {
    QString name = default_name();
    int nodes = 3;
    std::int64_t stock = 1000;
    std::int64_t pay_timeout_s = 30;  // short, so expiry returns units during the demo
    // Most buys one ledger commit call carries; 0: the nodes' default. 1 is "group commit
    // off": every buy its own ledger call (the nodes are started again for it).
    std::size_t commit_batch = 0;
    load::LoadOptions load = default_load();

    static QString default_name();
    static load::LoadOptions default_load();
    bool groupCommit() const { return commit_batch != 1; }
};

struct DemoPreset {
    QString name;
    QString about;  // what it teaches, one sentence
    DemoPlan plan;
};

// Spike (the default, Ctrl+D), slow motion, and the spike again with group commit off.
std::vector<DemoPreset> demo_presets();

}  // namespace seckill::ui
