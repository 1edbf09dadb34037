#include "node/http/ledger_calls.h"

#include <boost/asio/post.hpp>

namespace seckill::node::http {

LedgerCalls::LedgerCalls(std::size_t threads, std::size_t max_waiting)
    : pool_(threads), max_waiting_(max_waiting) {}

LedgerCalls::~LedgerCalls() { stop(); }

bool LedgerCalls::submit(std::function<void()> task) {
    if (stopped_.load(std::memory_order_acquire)) return false;
    if (waiting_.fetch_add(1, std::memory_order_acq_rel) >= max_waiting_) {
        waiting_.fetch_sub(1, std::memory_order_acq_rel);
        return false;
    }
    boost::asio::post(pool_, [this, task = std::move(task)] {
        task();
        waiting_.fetch_sub(1, std::memory_order_acq_rel);
    });
    return true;
}

void LedgerCalls::stop() {
    if (stopped_.exchange(true)) return;
    pool_.join();
}

}  // namespace seckill::node::http
