#include "core/circuit_breaker.h"

#include <array>
#include <cstdio>

#include "core/enum_names.h"

namespace seckill {
namespace {

std::string ratio_sentence(const char* what, std::int64_t n, std::int64_t calls, double limit) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "%s %lld of %lld calls (%.2f, limit %.2f)", what,
                  static_cast<long long>(n), static_cast<long long>(calls),
                  calls ? double(n) / double(calls) : 0.0, limit);
    return buf;
}

}  // namespace

std::string_view to_string(BreakerState s) {
    constexpr std::array<EnumName<BreakerState>, 3> names{{
        {BreakerState::closed, "closed"},
        {BreakerState::open, "open"},
        {BreakerState::half_open, "half_open"},
    }};
    return name_of(names, s);
}

void CircuitBreaker::configure(const BreakerSettings& settings) {
    std::optional<BreakerTransition> t;
    {
        std::lock_guard lock(mu_);
        settings_ = settings;
        buckets_ = {};
        permits_ = 0;
        if (state() != BreakerState::closed)
            t = BreakerTransition{BreakerState::closed, "the breaker's settings changed", 0};
        state_.store(int(BreakerState::closed), std::memory_order_release);
    }
    notify(t);
}

BreakerSettings CircuitBreaker::settings() const {
    std::lock_guard lock(mu_);
    return settings_;
}

void CircuitBreaker::on_transition(std::function<void(const BreakerTransition&)> fn) {
    std::lock_guard lock(mu_);
    listener_ = std::move(fn);
}

void CircuitBreaker::notify(const std::optional<BreakerTransition>& t) {
    if (!t) return;
    std::function<void(const BreakerTransition&)> fn;
    {
        std::lock_guard lock(mu_);
        fn = listener_;
    }
    if (fn) fn(*t);
}

CircuitBreaker::Bucket& CircuitBreaker::bucket(std::int64_t now_ms) {
    const std::int64_t width = std::max<std::int64_t>(settings_.window_ms / bucket_count, 1);
    const std::int64_t start = now_ms - now_ms % width;
    Bucket& b = buckets_[std::size_t(start / width) % bucket_count];
    if (b.start != start) b = Bucket{start};
    return b;
}

CircuitBreaker::Totals CircuitBreaker::totals(std::int64_t now_ms) const {
    Totals t;
    for (const Bucket& b : buckets_) {
        if (b.start + settings_.window_ms <= now_ms || b.start > now_ms) continue;
        t.calls += b.calls;
        t.failed += b.failed;
        t.slow += b.slow;
    }
    return t;
}

void CircuitBreaker::move_to(BreakerState to, std::int64_t now_ms) {
    state_.store(int(to), std::memory_order_release);
    changed_at_ = now_ms;
    permits_ = 0;
    if (to == BreakerState::open) opened_.fetch_add(1, std::memory_order_relaxed);
    if (to == BreakerState::closed) buckets_ = {};
}

bool CircuitBreaker::allow(std::int64_t now_ms) {
    if (state() == BreakerState::closed) return true;
    std::optional<BreakerTransition> t;
    bool ok = false;
    {
        std::lock_guard lock(mu_);
        if (!settings_.enabled) return true;
        if (state() == BreakerState::open && now_ms - changed_at_ >= settings_.open_ms) {
            move_to(BreakerState::half_open, now_ms);
            t = BreakerTransition{BreakerState::half_open, "the open time is over: probing", 0};
        }
        if (state() == BreakerState::half_open) {
            // Probes whose calls never came back (the buy ended before the ledger) would
            // leave it half-open for good: after another open time, new permits.
            if (permits_ >= settings_.probes && now_ms - changed_at_ >= settings_.open_ms) {
                permits_ = 0;
                changed_at_ = now_ms;
            }
            ok = permits_ < settings_.probes;
            if (ok) ++permits_;
        } else {
            ok = state() == BreakerState::closed;
        }
    }
    notify(t);
    return ok;
}

void CircuitBreaker::refresh(std::int64_t now_ms) {
    if (state() != BreakerState::open) return;
    std::optional<BreakerTransition> t;
    {
        std::lock_guard lock(mu_);
        if (state() == BreakerState::open && now_ms - changed_at_ >= settings_.open_ms) {
            move_to(BreakerState::half_open, now_ms);
            t = BreakerTransition{BreakerState::half_open, "the open time is over: probing", 0};
        }
    }
    notify(t);
}

void CircuitBreaker::record(bool failed, std::int64_t duration_ms, std::int64_t now_ms) {
    std::optional<BreakerTransition> t;
    {
        std::lock_guard lock(mu_);
        if (!settings_.enabled) return;
        const bool slow = duration_ms > settings_.slow_ms;
        switch (state()) {
            case BreakerState::open:
                return;  // a call that began before it opened
            case BreakerState::half_open:
                if (failed || slow) {
                    move_to(BreakerState::open, now_ms);
                    t = BreakerTransition{BreakerState::open,
                                          failed ? "a probe failed" : "a probe was slow",
                                          double(duration_ms)};
                } else {
                    move_to(BreakerState::closed, now_ms);
                    t = BreakerTransition{BreakerState::closed, "a probe succeeded",
                                          double(duration_ms)};
                }
                break;
            case BreakerState::closed: {
                Bucket& b = bucket(now_ms);
                ++b.calls;
                b.failed += failed;
                b.slow += slow;
                const Totals w = totals(now_ms);
                if (w.calls < settings_.min_calls) break;
                const double errors = double(w.failed) / double(w.calls);
                const double slows = double(w.slow) / double(w.calls);
                if (errors >= settings_.error_ratio) {
                    move_to(BreakerState::open, now_ms);
                    t = BreakerTransition{
                        BreakerState::open,
                        ratio_sentence("failed", w.failed, w.calls, settings_.error_ratio), errors};
                } else if (slows >= settings_.slow_ratio) {
                    move_to(BreakerState::open, now_ms);
                    t = BreakerTransition{
                        BreakerState::open,
                        ratio_sentence("slow", w.slow, w.calls, settings_.slow_ratio), slows};
                }
                break;
            }
        }
    }
    notify(t);
}

std::int64_t CircuitBreaker::retry_after_ms(std::int64_t now_ms) const {
    std::lock_guard lock(mu_);
    if (state() != BreakerState::open) return 0;
    return std::max<std::int64_t>(settings_.open_ms - (now_ms - changed_at_), 0);
}

double CircuitBreaker::error_ratio(std::int64_t now_ms) const {
    std::lock_guard lock(mu_);
    const Totals w = totals(now_ms);
    return w.calls ? double(w.failed) / double(w.calls) : 0.0;
}

}  // namespace seckill
