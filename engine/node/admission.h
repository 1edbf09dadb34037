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

    // The level in force: the operator's, or the automatic one when it is higher and the
    // operator has not pinned theirs (see ProtectionConfig::pinned).
    DegradeLevel degrade() const { return DegradeLevel(degrade_.load(std::memory_order_acquire)); }
    DegradeLevel manual_degrade() const {
        return DegradeLevel(manual_.load(std::memory_order_acquire));
    }
    DegradeLevel auto_degrade() const {
        return DegradeLevel(auto_.load(std::memory_order_acquire));
    }
    void set_degrade(DegradeLevel level);
    void set_auto_degrade(DegradeLevel level, bool pinned);

  private:
    const std::size_t bytes_per_rule_;
    std::atomic<bool> has_rules_{false};
    void combine();  // level_mu_ held
    std::mutex level_mu_;
    std::atomic<int> degrade_{0};
    std::atomic<int> manual_{0};
    std::atomic<int> auto_{0};
    bool pinned_ = false;
    mutable std::mutex mu_;
    std::vector<limit::Rule> rules_;
    std::shared_ptr<const limit::LimiterSet> set_;
};

}  // namespace seckill::node
