#pragma once
// Feeds the ledger's circuit breaker with the outcome and duration of the calls a buy
// waits on (commit, and the lease refill it may need). The breaker itself refuses buys
// at the door (BuyService), before a unit is taken; this only records.
#include "core/circuit_breaker.h"
#include "store/ledger_decorator.h"

namespace seckill::node {

class BreakerLedger final : public store::LedgerDecorator {
  public:
    BreakerLedger(store::Ledger& inner, CircuitBreaker& breaker)
        : LedgerDecorator(inner), breaker_(breaker) {}

  protected:
    void after(store::LedgerCall call, bool failed,
               std::chrono::steady_clock::duration took) override;

  private:
    CircuitBreaker& breaker_;
};

}  // namespace seckill::node
