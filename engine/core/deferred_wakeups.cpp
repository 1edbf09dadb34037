#include "core/deferred_wakeups.h"

namespace seckill {
namespace {

struct Scope {
    bool open = false;
    std::vector<std::pair<const void*, std::function<void()>>> wakeups;
};

thread_local Scope scope;

}  // namespace

DeferredWakeups::DeferredWakeups() : outermost_(!scope.open) { scope.open = true; }

DeferredWakeups::~DeferredWakeups() {
    if (!outermost_) return;
    scope.open = false;
    // Taken out first: a wake-up that hands off again (no scope open now) wakes at once.
    std::vector<std::pair<const void*, std::function<void()>>> wakeups;
    wakeups.swap(scope.wakeups);
    // A wake-up that throws ends the process (this destructor is noexcept): a receiver
    // that was never woken would hold the batch's hand-offs with nobody to deliver them,
    // and a stop that a restart recovers from beats buyers who wait for ever.
    for (auto& [key, wake] : wakeups) wake();
    wakeups.clear();
    scope.wakeups.swap(wakeups);  // keeps the capacity: no allocation per batch once warm
}

bool DeferredWakeups::defer(const void* key, std::function<void()> wake) {
    if (!scope.open) return false;
    for (const auto& w : scope.wakeups)
        if (w.first == key) return true;
    scope.wakeups.emplace_back(key, std::move(wake));
    return true;
}

}  // namespace seckill
