#pragma once
// Automatic degradation: each tick the node's signals are held against the rules; a rule
// whose signal rose above its trigger holds its level until the signal falls below the
// recovery threshold and the hold time has passed. The automatic level is the highest
// level any rule holds. Time is passed in (steady milliseconds) so tests drive it.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "node/protection/protection_config.h"

namespace seckill::node {

using SignalValues = std::array<double, signals.size()>;

class AutoDegrade {
  public:
    struct Change {
        DegradeLevel from = DegradeLevel::normal;
        DegradeLevel to = DegradeLevel::normal;
        std::string reason;  // which rule, the signal's value and the threshold
        std::string signal;
        double value = 0;
    };

    // New rules start from normal.
    void set_rules(std::vector<DegradeRule> rules);
    std::optional<Change> evaluate(const SignalValues& values, Millis now_steady_ms);
    DegradeLevel level() const { return level_; }

  private:
    struct Held {
        bool active = false;
        Millis since = 0;  // the latest time the signal was above the trigger
    };
    std::vector<DegradeRule> rules_;
    std::vector<Held> held_;
    DegradeLevel level_ = DegradeLevel::normal;
};

}  // namespace seckill::node
