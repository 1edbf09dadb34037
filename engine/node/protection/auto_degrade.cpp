#include "node/protection/auto_degrade.h"

#include <cstdio>

namespace seckill::node {
namespace {

std::string describe(const DegradeRule& r, std::size_t i, double value, bool raised) {
    char buf[200];
    if (raised)
        std::snprintf(buf, sizeof buf, "rule %zu: %s %.3g above %.3g", i + 1,
                      std::string(to_string(r.signal)).c_str(), value, r.above);
    else
        std::snprintf(buf, sizeof buf, "rule %zu: %s %.3g below %.3g after the %.3g s hold", i + 1,
                      std::string(to_string(r.signal)).c_str(), value, r.below,
                      double(r.hold_ms) / 1000.0);
    return buf;
}

}  // namespace

void AutoDegrade::set_rules(std::vector<DegradeRule> rules) {
    rules_ = std::move(rules);
    held_.assign(rules_.size(), Held{});
    level_ = DegradeLevel::normal;
}

std::optional<AutoDegrade::Change> AutoDegrade::evaluate(const SignalValues& values, Millis now) {
    std::optional<std::size_t> raised_by, lowered_by;
    for (std::size_t i = 0; i < rules_.size(); ++i) {
        const DegradeRule& r = rules_[i];
        const double v = values[std::size_t(r.signal)];
        Held& h = held_[i];
        if (v > r.above) {
            if (!h.active) raised_by = raised_by.value_or(i);
            h.active = true;
            h.since = now;
        } else if (h.active && v < r.below && now - h.since >= r.hold_ms) {
            h.active = false;
            lowered_by = lowered_by.value_or(i);
        }
    }
    DegradeLevel level = DegradeLevel::normal;
    for (std::size_t i = 0; i < rules_.size(); ++i)
        if (held_[i].active) level = std::max(level, rules_[i].level);
    if (level == level_) return std::nullopt;
    Change c{level_, level};
    level_ = level;
    const bool up = level > c.from;
    const std::size_t i = up ? raised_by.value_or(0) : lowered_by.value_or(0);
    if (i < rules_.size()) {
        c.signal = std::string(to_string(rules_[i].signal));
        c.value = values[std::size_t(rules_[i].signal)];
        c.reason = describe(rules_[i], i, c.value, up);
    }
    return c;
}

}  // namespace seckill::node
