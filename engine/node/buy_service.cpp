#include "node/buy_service.h"

#include <exception>

namespace seckill::node {

std::variant<BuyResult, BuyService::Pending> BuyService::start(std::string_view sale,
                                                               std::string_view user) {
    SaleSlot* slot = sales_.find(sale);
    if (!slot || slot->gone.load(std::memory_order_relaxed))
        return BuyResult{BuyOutcome::not_found};
    const Millis now = clock_.now_ms();
    if (const SaleState state = slot->state(now); state != SaleState::running)
        return BuyResult{BuyOutcome::not_open, {}, 0, state};
    // The ledger failed the last call: answer at once instead of waiting on it again; the
    // housekeeper probes it every tick and lets buys through when it answers. (So a
    // sold-out answer below always rests on a ledger that answered.)
    if (!membership_.ledger_reachable()) return BuyResult{BuyOutcome::unavailable};
    if (const StockLease::State lease = slot->lease.state(); lease.sold_out) {
        // I8: refusing with units in this node's own lease is always a bug. Flag and units
        // come from one atomic load (StockLease), and a correct node never has both (adding
        // units clears the flag; it is raised only on an empty lease), so no benign race
        // counts here. The pool hint is not used: the housekeeper stores it and clears the
        // flag in two steps, and a buyer between them would be counted wrongly.
        if (lease.units > 0) slot->undersold.fetch_add(1, std::memory_order_relaxed);
        return BuyResult{BuyOutcome::sold_out};
    }
    if (slot->holders.at_limit(user, slot->per_user_limit(), now))
        return BuyResult{BuyOutcome::limit_reached};
    // The breaker judged the ledger failing or too slow: refuse now rather than make the
    // buyer wait on it (half-open, a few probes go through and decide). After the sold-out
    // flag, which needs no ledger, and read without the clock while closed.
    if (breaker_.state() != BreakerState::closed && !breaker_.allow(steady_ms()))
        return BuyResult{BuyOutcome::unavailable};
    // The lease is only this node's while its heartbeat is fresh (see Membership).
    if (!membership_.may_sell()) return BuyResult{BuyOutcome::unavailable};
    const std::uint64_t gen = slot->lease_gen.load(std::memory_order_acquire);
    try {
        if (!leases_.take(*slot)) return BuyResult{BuyOutcome::sold_out};
    } catch (const Fenced&) {
        return BuyResult{BuyOutcome::unavailable};
    } catch (const std::exception&) {
        membership_.set_ledger_reachable(false);
        return BuyResult{BuyOutcome::unavailable};
    }
    return Pending{slot, gen};
}

void BuyService::finish(Pending pending, std::string_view user, BuyCallback done,
                        GroupCommit::Answered answered) {
    commit_.submit(*pending.slot, pending.lease_gen,
                   store::CommitItem{std::string(user), ids_.next_string()}, std::move(done),
                   std::move(answered));
}

void BuyService::buy(std::string_view sale, std::string_view user, BuyCallback done) {
    auto started = start(sale, user);
    if (auto* result = std::get_if<BuyResult>(&started)) return done(std::move(*result));
    finish(std::get<Pending>(started), user, std::move(done));
}

}  // namespace seckill::node
