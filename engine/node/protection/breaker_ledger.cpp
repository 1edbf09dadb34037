#include "node/protection/breaker_ledger.h"

namespace seckill::node {

void BreakerLedger::after(store::LedgerCall call, bool failed,
                          std::chrono::steady_clock::duration took) {
    // Background calls (heartbeats, expiry, control) are left out: their timing says
    // nothing a buyer waits on, and a heartbeat must never be refused by the breaker.
    if (call != store::LedgerCall::commit && call != store::LedgerCall::grant_lease) return;
    breaker_.record(failed, std::chrono::duration_cast<std::chrono::milliseconds>(took).count(),
                    steady_ms());
}

}  // namespace seckill::node
