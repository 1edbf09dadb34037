#pragma once
// The admission rules of a node, applied together to each request. Immutable once built
// (only the per-key states inside change), so the node swaps in a new set when an operator
// PUTs new rules (node::Admission swaps a shared_ptr under a mutex), while io threads
// keep checking the old one.
#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "limit/decision.h"
#include "limit/rule.h"

namespace seckill::limit {

class LimiterSet {
  public:
    static constexpr std::size_t default_bytes_per_keyed_rule = std::size_t{1} << 20;

    // Throws std::invalid_argument with validate()'s sentence when a rule is unusable.
    // Each ip or user rule gets a KeyedTable of bytes_per_keyed_rule; a global rule keeps a
    // single state.
    explicit LimiterSet(std::vector<Rule> rules,
                        std::size_t bytes_per_keyed_rule = default_bytes_per_keyed_rule);
    ~LimiterSet();
    LimiterSet(const LimiterSet&) = delete;
    LimiterSet& operator=(const LimiterSet&) = delete;

    // Thread-safe. Rejected when any rule rejects (retry_after = the longest any rejecting
    // rule asks for); otherwise allowed after the longest delay any rule asks for. An empty
    // user skips the per-user rules (anonymous requests); an empty ip is just another key.
    //
    // As in nginx, a rejected request is charged to no rule: with several rules every rule is
    // first consulted without charging, then all are charged. Between the two steps another
    // thread may spend the last of a budget; the request is then rejected by the rule that
    // ran out, and the rules charged before it keep the charge.
    Decision check(std::string_view ip, std::string_view user, Millis now) const;

    const std::vector<Rule>& rules() const { return rules_; }
    // What the per-key tables allocated, summed over rules.
    std::size_t memory_bytes() const;

  private:
    class Limiter;

    std::vector<Rule> rules_;
    std::vector<std::unique_ptr<Limiter>> limiters_;
};

}  // namespace seckill::limit
