#pragma once
// The ledger as a fault plan disturbs it: slow, failing, hanging until the caller's
// deadline, down, or deaf to heartbeats. Nodes always run behind one (an empty plan costs
// a relaxed load per call), so an injected fault takes exactly the path a real one would.
#include "store/fault_plan.h"
#include "store/ledger_decorator.h"

namespace seckill::store {

class FaultyLedger final : public LedgerDecorator {
  public:
    // `call_timeout`: how long a real ledger call may take before it fails (a Redis
    // command timeout); an injected timeout hangs that long.
    FaultyLedger(Ledger& inner, FaultPlan& plan, std::chrono::milliseconds call_timeout)
        : LedgerDecorator(inner), plan_(plan), call_timeout_(call_timeout) {}

  protected:
    void before(LedgerCall call) override;

  private:
    FaultPlan& plan_;
    const std::chrono::milliseconds call_timeout_;
};

}  // namespace seckill::store
