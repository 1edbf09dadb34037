#include "limit/limiter_set.h"

#include <algorithm>
#include <stdexcept>
#include <variant>

#include "limit/fixed_window.h"
#include "limit/keyed_table.h"
#include "limit/leaky_bucket.h"
#include "limit/sliding_window.h"
#include "limit/token_bucket.h"

namespace seckill::limit {
namespace {

using Algorithm = std::variant<LeakyBucket, TokenBucket, FixedWindow, SlidingWindow>;

Algorithm make_algorithm(const Rule& rule) {
    switch (rule.algorithm) {
        case Rule::Algorithm::leaky:
            return LeakyBucket(rule.rate, rule.burst,
                               rule.nodelay ? LeakyBucket::no_delay_ever : rule.delay);
        case Rule::Algorithm::token:
            return TokenBucket(rule.rate, rule.burst);
        case Rule::Algorithm::fixed_window:
            return FixedWindow(rule.limit, rule.window_ms);
        case Rule::Algorithm::sliding_window:
            return SlidingWindow(rule.limit, rule.window_ms);
    }
    throw std::invalid_argument("unknown limiter algorithm");
}

}  // namespace

// One rule's algorithm and its states. A global rule is a table of one key, which keeps a
// single code path for the cost of hashing an empty string.
class LimiterSet::Limiter {
  public:
    Limiter(const Rule& rule, std::size_t bytes_per_keyed_rule)
        : key_(rule.key),
          algorithm_(make_algorithm(rule)),
          states_(rule.key == Rule::Key::global ? KeyedTable::bytes_per_key : bytes_per_keyed_rule,
                  rule.key == Rule::Key::global ? 1 : KeyedTable::default_shards) {}

    // The key this request is counted under, or nullopt when the rule does not apply.
    std::optional<std::string_view> key_for(std::string_view ip, std::string_view user) const {
        switch (key_) {
            case Rule::Key::global:
                return std::string_view{};
            case Rule::Key::ip:
                return ip;
            case Rule::Key::user:
                if (user.empty()) return std::nullopt;
                return user;
        }
        return std::nullopt;
    }

    Decision charge(std::string_view key, Millis now) {
        return std::visit(
            [&](const auto& algorithm) {
                using State = typename std::decay_t<decltype(algorithm)>::State;
                return states_.with_state<State>(key, [&](State& state, bool is_new) {
                    return is_new ? algorithm.first(state, now) : algorithm.check(state, now);
                });
            },
            algorithm_);
    }

    Decision consult(std::string_view key, Millis now) const {
        return std::visit(
            [&](const auto& algorithm) {
                using State = typename std::decay_t<decltype(algorithm)>::State;
                return states_.peek<State>(key, [&](const State* stored) {
                    State scratch = stored ? *stored : State{};
                    return stored ? algorithm.check(scratch, now) : algorithm.first(scratch, now);
                });
            },
            algorithm_);
    }

    std::size_t memory_bytes() const { return states_.memory_bytes(); }

  private:
    Rule::Key key_;
    Algorithm algorithm_;
    KeyedTable states_;
};

LimiterSet::LimiterSet(std::vector<Rule> rules, std::size_t bytes_per_keyed_rule)
    : rules_(std::move(rules)) {
    if (auto problem = validate(std::span<const Rule>(rules_))) {
        throw std::invalid_argument(*problem);
    }
    limiters_.reserve(rules_.size());
    for (const Rule& rule : rules_) {
        limiters_.push_back(std::make_unique<Limiter>(rule, bytes_per_keyed_rule));
    }
}

LimiterSet::~LimiterSet() = default;

Decision LimiterSet::check(std::string_view ip, std::string_view user, Millis now) const {
    std::size_t applicable = 0;
    Limiter* only = nullptr;
    std::string_view only_key;
    for (const auto& limiter : limiters_) {
        if (auto key = limiter->key_for(ip, user)) {
            ++applicable;
            only = limiter.get();
            only_key = *key;
        }
    }
    if (applicable == 0) return Decision::allow();
    // One rule: its own check already leaves a rejection uncharged.
    if (applicable == 1) return only->charge(only_key, now);

    Millis longest_retry = 0;
    bool rejected = false;
    for (const auto& limiter : limiters_) {
        if (auto key = limiter->key_for(ip, user)) {
            Decision decision = limiter->consult(*key, now);
            if (!decision.allowed) {
                rejected = true;
                longest_retry = std::max(longest_retry, decision.retry_after_ms);
            }
        }
    }
    if (rejected) return Decision::reject(longest_retry);

    Millis longest_delay = 0;
    for (const auto& limiter : limiters_) {
        if (auto key = limiter->key_for(ip, user)) {
            Decision decision = limiter->charge(*key, now);
            if (!decision.allowed) return decision;
            longest_delay = std::max(longest_delay, decision.delay_ms);
        }
    }
    return Decision::allow(longest_delay);
}

std::size_t LimiterSet::memory_bytes() const {
    std::size_t total = 0;
    for (const auto& limiter : limiters_) total += limiter->memory_bytes();
    return total;
}

}  // namespace seckill::limit
