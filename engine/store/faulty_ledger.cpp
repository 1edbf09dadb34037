#include "store/faulty_ledger.h"

namespace seckill::store {

void FaultyLedger::before(LedgerCall call) {
    // A dropped heartbeat is lost on the way: the node hears nothing back, as with a
    // partition that lets buys through but not beats.
    if (call == LedgerCall::heartbeat && plan_.strike(FaultKind::heartbeat_drop))
        throw InjectedFault("heartbeat dropped (injected fault)");
    plan_.disturb(FaultPlan::Target::ledger, call_timeout_);
}

}  // namespace seckill::store
