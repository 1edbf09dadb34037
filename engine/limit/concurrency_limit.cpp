#include "limit/concurrency_limit.h"

namespace seckill::limit {

ConcurrencyLimit::Permit& ConcurrencyLimit::Permit::operator=(Permit&& other) noexcept {
    if (this != &other) {
        release();
        owner_ = other.owner_;
        other.owner_ = nullptr;
    }
    return *this;
}

void ConcurrencyLimit::Permit::release() {
    if (owner_) {
        owner_->in_use_.fetch_sub(1, std::memory_order_release);
        owner_ = nullptr;
    }
}

ConcurrencyLimit::Permit ConcurrencyLimit::try_acquire() {
    // Compare-and-swap rather than add-then-undo, so in_use() never reads above max.
    std::int64_t current = in_use_.load(std::memory_order_relaxed);
    do {
        if (current >= max_) return Permit{};
    } while (!in_use_.compare_exchange_weak(current, current + 1, std::memory_order_acquire,
                                            std::memory_order_relaxed));
    return Permit{this};
}

}  // namespace seckill::limit
