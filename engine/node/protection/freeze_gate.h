#pragma once
// An injected node_freeze makes the node stop serving and ticking, as a SIGSTOPped process
// would, while staying one process (the console's embedded nodes share one). Io threads
// hold each request until the thaw; the committer and the housekeeper wait here.
#include <chrono>

#include "store/fault_plan.h"

namespace seckill::node {

class FreezeGate {
  public:
    explicit FreezeGate(store::FaultPlan& plan) : plan_(plan) {}

    // How long until the node thaws; zero when it is not frozen.
    std::chrono::milliseconds remaining() const;
    // Blocks the calling thread until the node thaws.
    void wait() const;

  private:
    store::FaultPlan& plan_;
};

}  // namespace seckill::node
