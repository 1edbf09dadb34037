#pragma once
// Admission (docs/design.md §3 step 2; ShopperApi::door applies it): rate limits per rule
// set and the degrade level. Both change at runtime from the admin API or the ledger's
// control state, while io threads read them on every request.
#include <atomic>
#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

#include "core/degrade.h"
#include "limit/decision.h"
#include "limit/limiter_set.h"
#include "limit/rule.h"

namespace seckill::node {

class Admission {
public:
    explicit Admission(std::size_t bytes_per_rule = 1 << 20) : bytes_per_rule_(bytes_per_rule) {}

    limit::Decision check(std::string_view ip, std::string_view user, Millis now) const {
        if (!has_rules_.load(std::memory_order_acquire)) return limit::Decision::allow();
        std::shared_ptr<const limit::LimiterSet> set;
        {
            std::lock_guard lock(mu_);
            set = set_;
        }
        return set ? set->check(ip, user, now) : limit::Decision::allow();
    }

    // Rules must be validated; replacing them starts every counter afresh.
    void set_rules(std::vector<limit::Rule> rules);
    std::vector<limit::Rule> rules() const;

    DegradeLevel degrade() const { return DegradeLevel(degrade_.load(std::memory_order_acquire)); }
    void set_degrade(DegradeLevel level) { degrade_.store(int(level), std::memory_order_release); }

private:
    const std::size_t bytes_per_rule_;
    std::atomic<bool> has_rules_{false};
    std::atomic<int> degrade_{0};
    mutable std::mutex mu_;
    std::vector<limit::Rule> rules_;
    std::shared_ptr<const limit::LimiterSet> set_;
};

}  // namespace seckill::node
