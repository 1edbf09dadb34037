#pragma once
// Runs the ledger calls a request waits on — order reads, pay, cancel, live sale reads —
// off the io threads. A slow or stalled ledger then delays those requests only, not every
// connection the io thread serves (the fault lab's slow-ledger scenario found pays holding
// both io threads for seconds, so sold-out answers waited behind them). Buys need no pool:
// their commit already runs on the group commit thread.
#include <atomic>
#include <boost/asio/thread_pool.hpp>
#include <cstddef>
#include <functional>

namespace seckill::node::http {

class LedgerCalls {
  public:
    // `max_waiting`: queued and running calls past which a request is refused at once
    // instead of queueing behind a ledger that is not answering.
    LedgerCalls(std::size_t threads, std::size_t max_waiting);
    ~LedgerCalls();

    // False when full or stopped: the caller answers 503 itself.
    bool submit(std::function<void()> task);
    // Lets what is queued finish, then joins the threads. Idempotent.
    void stop();

  private:
    boost::asio::thread_pool pool_;
    const std::size_t max_waiting_;
    std::atomic<std::size_t> waiting_{0};
    std::atomic<bool> stopped_{false};
};

}  // namespace seckill::node::http
