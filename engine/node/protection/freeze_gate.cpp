#include "node/protection/freeze_gate.h"

#include <algorithm>
#include <thread>

namespace seckill::node {

std::chrono::milliseconds FreezeGate::remaining() const {
    const auto until = plan_.frozen_until();
    if (!until) return std::chrono::milliseconds::zero();
    const auto left = *until - std::chrono::steady_clock::now();
    return std::max(std::chrono::ceil<std::chrono::milliseconds>(left),
                    std::chrono::milliseconds::zero());
}

void FreezeGate::wait() const {
    // In short steps, so clearing the fault thaws the node at once.
    for (auto left = remaining(); left.count() > 0; left = remaining())
        std::this_thread::sleep_for(std::min(left, std::chrono::milliseconds(20)));
}

}  // namespace seckill::node
