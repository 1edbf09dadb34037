#pragma once
// A load run over a cluster: the options of one generator (rate counted for the whole
// cluster) and the nodes to spread it over, one generator per node, as a load balancer
// in front of them would.
#include <QMetaType>
#include <optional>
#include <string>
#include <vector>

#include "load/load_options.h"
#include "load/load_report.h"

namespace seckill::ui {

struct LoadTarget {
    std::string host;
    unsigned short port = 0;
};

struct LoadPlan {
    load::LoadOptions options;  // host and port are taken from the targets
    std::vector<LoadTarget> targets;

    // The options of the generator for target `i`: its share of the rate and connections,
    // and its own seed so generators do not pick the same users in step.
    load::LoadOptions options_for(std::size_t i) const;
};

// "127.0.0.1:8080" → target; nothing when the text is not host:port.
std::optional<LoadTarget> parse_target(const std::string& address);

// Reports of the generators of one run as one: counts add up, latency histograms merge,
// the run lasted as long as its longest generator.
load::LoadReport merge_reports(const std::vector<load::LoadReport>& reports);

}  // namespace seckill::ui

Q_DECLARE_METATYPE(seckill::load::LoadReport)
