#include "node/admission.h"

#include <algorithm>

namespace seckill::node {

void Admission::set_rules(std::vector<limit::Rule> rules) {
    {
        // The same rules arrive again through the ledger's control state after an admin
        // PUT; rebuilding would forget every client's count.
        std::lock_guard lock(mu_);
        if (rules == rules_) return;
    }
    auto set =
        rules.empty() ? nullptr : std::make_shared<const limit::LimiterSet>(rules, bytes_per_rule_);
    std::lock_guard lock(mu_);
    rules_ = std::move(rules);
    set_ = std::move(set);
    has_rules_.store(set_ != nullptr, std::memory_order_release);
}

std::vector<limit::Rule> Admission::rules() const {
    std::lock_guard lock(mu_);
    return rules_;
}

void Admission::set_degrade(DegradeLevel level) {
    std::lock_guard lock(level_mu_);
    manual_.store(int(level), std::memory_order_release);
    combine();
}

void Admission::set_auto_degrade(DegradeLevel level, bool pinned) {
    std::lock_guard lock(level_mu_);
    auto_.store(int(level), std::memory_order_release);
    pinned_ = pinned;
    combine();
}

void Admission::combine() {
    const int manual = manual_.load(std::memory_order_relaxed);
    const int automatic = auto_.load(std::memory_order_relaxed);
    degrade_.store(pinned_ ? manual : std::max(manual, automatic), std::memory_order_release);
}

}  // namespace seckill::node
