#pragma once
// A thread that hands many results to other threads in one go (the committer settling a
// batch of buys) should wake each receiver once, after the last hand-off, not once per
// result: a receiver woken by the first result drains it while the rest are still being
// settled and must then be woken again (measured: ten epoll_ctl + futex wakes per commit
// batch on the success path). While a DeferredWakeups scope is open on a thread,
// receivers ask it to run their wake-up when the scope closes instead.
#include <functional>
#include <utility>
#include <vector>

namespace seckill {

class DeferredWakeups {
  public:
    // Opens a scope on this thread; a scope opened inside another adds nothing to it.
    DeferredWakeups();
    // Runs each registered wake-up once. A wake-up that throws terminates the process
    // (fail-stop, see the .cpp).
    ~DeferredWakeups();
    DeferredWakeups(const DeferredWakeups&) = delete;
    DeferredWakeups& operator=(const DeferredWakeups&) = delete;

    // Registers `wake` under `key` for the end of this thread's open scope and returns true;
    // a key registered already keeps its first wake-up. False when no scope is open: the
    // caller wakes the receiver now.
    static bool defer(const void* key, std::function<void()> wake);

  private:
    bool outermost_;
};

}  // namespace seckill
