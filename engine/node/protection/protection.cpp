#include "node/protection/protection.h"

#include <cstdio>
#include <variant>

#include "core/log.h"

namespace seckill::node {

Protection::Protection(Admission& admission, EventLog& events)
    : admission_(admission), events_(events) {
    auto tell = [this](const char* target) {
        return [this, target](const BreakerTransition& t) {
            events_.record("breaker_" + std::string(to_string(t.to)),
                           {{"target", target}, {"reason", t.reason}, {"value", t.value}});
        };
    };
    ledger_breaker_.on_transition(tell("ledger"));
    order_db_breaker_.on_transition(tell("order_db"));
}

void Protection::apply(const std::string& text) {
    std::lock_guard lock(mu_);
    if (text == applied_) return;
    applied_ = text;
    ProtectionConfig c;
    if (!text.empty()) {
        auto parsed = protection_from_json(text);
        if (auto* err = std::get_if<std::string>(&parsed)) {
            // Written through the admin API it was validated; a hand-edited ledger is not.
            log::warn("protection_config_ignored", {{"why", *err}});
            return;
        }
        c = std::get<ProtectionConfig>(std::move(parsed));
    }
    config_ = c;
    ledger_breaker_.configure(c.ledger_breaker);
    order_db_breaker_.configure(c.order_db_breaker);
    rules_.set_rules(c.rules);
    admission_.set_auto_degrade(DegradeLevel::normal, c.pinned);
}

ProtectionConfig Protection::config() const {
    std::lock_guard lock(mu_);
    return config_;
}

DegradeLevel Protection::auto_level() const {
    std::lock_guard lock(mu_);
    return rules_.level();
}

void Protection::tick(const SignalValues& values, Millis now) {
    std::optional<AutoDegrade::Change> change;
    bool pinned = false;
    {
        std::lock_guard lock(mu_);
        change = rules_.evaluate(values, now);
        pinned = config_.pinned;
        if (change) admission_.set_auto_degrade(change->to, pinned);
    }
    if (!change) return;
    events_.record(change->to > change->from ? "degrade_raised" : "degrade_lowered",
                   {{"level", int(change->to)},
                    {"from", int(change->from)},
                    {"signal", change->signal},
                    {"value", change->value},
                    {"reason", change->reason},
                    {"pinned", pinned}});
}

}  // namespace seckill::node
