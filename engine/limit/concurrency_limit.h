#pragma once
// Caps how many requests are in flight at once (nginx limit_conn for one key). Unlike the
// rate limiters it must hear when a request ends, so admission hands out a Permit that gives
// its slot back when destroyed, on every path out of the handler.
#include <atomic>
#include <cstdint>

namespace seckill::limit {

class ConcurrencyLimit {
  public:
    class Permit {
      public:
        Permit() = default;
        Permit(Permit&& other) noexcept : owner_(other.owner_) { other.owner_ = nullptr; }
        Permit& operator=(Permit&& other) noexcept;
        Permit(const Permit&) = delete;
        Permit& operator=(const Permit&) = delete;
        ~Permit() { release(); }

        // False when try_acquire found the limit reached.
        explicit operator bool() const { return owner_ != nullptr; }
        void release();

      private:
        friend class ConcurrencyLimit;
        explicit Permit(ConcurrencyLimit* owner) : owner_(owner) {}
        ConcurrencyLimit* owner_ = nullptr;
    };

    explicit ConcurrencyLimit(std::int64_t max_in_flight) : max_(max_in_flight) {}
    ConcurrencyLimit(const ConcurrencyLimit&) = delete;
    ConcurrencyLimit& operator=(const ConcurrencyLimit&) = delete;

    // Never blocks. Permits must not outlive the limit.
    [[nodiscard]] Permit try_acquire();

    std::int64_t in_use() const { return in_use_.load(std::memory_order_relaxed); }
    std::int64_t max() const { return max_; }

  private:
    std::atomic<std::int64_t> in_use_{0};
    const std::int64_t max_;
};

}  // namespace seckill::limit
