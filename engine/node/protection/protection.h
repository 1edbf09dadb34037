#pragma once
// A node's self-protection in one place: the ledger's and the order DB's circuit breakers,
// automatic degradation, and the config operators set for both. Every decision it makes
// lands in the event log with its reason.
#include <mutex>
#include <string>

#include "core/circuit_breaker.h"
#include "node/admission.h"
#include "node/protection/auto_degrade.h"
#include "node/protection/event_log.h"
#include "node/protection/protection_config.h"

namespace seckill::node {

class Protection {
  public:
    Protection(Admission& admission, EventLog& events);

    CircuitBreaker& ledger_breaker() { return ledger_breaker_; }
    CircuitBreaker& order_db_breaker() { return order_db_breaker_; }

    // The cluster's config as the control state carries it ("" = defaults). Applying the
    // text already in force changes nothing (breaker windows keep counting).
    void apply(const std::string& protection_json);
    ProtectionConfig config() const;

    // One evaluation of the automatic degrade rules; sets the admission's automatic level.
    void tick(const SignalValues& values, Millis now_steady_ms);
    DegradeLevel auto_level() const;

  private:
    Admission& admission_;
    EventLog& events_;
    CircuitBreaker ledger_breaker_;
    CircuitBreaker order_db_breaker_;
    mutable std::mutex mu_;  // config_, applied_, rules_
    ProtectionConfig config_;
    std::string applied_;
    AutoDegrade rules_;
};

}  // namespace seckill::node
