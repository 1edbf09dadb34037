#pragma once
// A sale: a fixed stock of one item sold under a per-user limit during a time window.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"

namespace seckill {

enum class SaleState { scheduled, running, paused, ended };

std::string_view to_string(SaleState s);
std::optional<SaleState> parse_sale_state(std::string_view text);

// The bounds validate() enforces; the admin API states them in its 400 answers.
inline constexpr std::int64_t max_sale_total = 100'000'000;
inline constexpr std::int64_t max_per_user_limit = 1000;
inline constexpr std::int64_t max_pay_timeout_s = 7 * 24 * 3600;

struct SaleConfig {
    std::string id;
    std::string name;
    std::int64_t total = 0;
    int per_user_limit = 1;
    std::int64_t pay_timeout_s = 600;
    std::optional<Millis> starts_at;  // a scheduled sale opens by itself at this time
    std::optional<Millis> ends_at;    // and closes by itself at this one
};

// Returns a human sentence describing the first problem, or nothing when the config is valid.
std::optional<std::string> validate(const SaleConfig& config);

// The state the sale is in at `now`: a stored state is turned into running or ended by the
// schedule, so no timer has to flip it and every node reads the same answer.
SaleState effective_state(SaleState stored, const SaleConfig& config, Millis now);

// Unit accounting of one sale as the ledger keeps it. Invariant I1 reads
// pool + leased + reserved + paid == total.
struct StockCounts {
    std::int64_t total = 0;
    std::int64_t pool = 0;      // sellable, not handed to any node
    std::int64_t leased = 0;    // handed to nodes, not yet sold
    std::int64_t reserved = 0;  // sold, waiting for payment
    std::int64_t paid = 0;

    std::int64_t remaining() const { return pool + leased; }
    std::int64_t sold() const { return reserved + paid; }
};

struct SaleView {
    SaleConfig config;
    SaleState state = SaleState::scheduled;  // effective state at the time of reading
    StockCounts stock;
};

}  // namespace seckill
