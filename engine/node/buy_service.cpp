#include "node/buy_service.h"

#include <exception>

namespace seckill::node {

void BuyService::buy(std::string_view sale, std::string_view user, BuyCallback done) {
    SaleSlot* slot = sales_.find(sale);
    if (!slot) return done(BuyResult{BuyOutcome::not_found});
    const Millis now = clock_.now_ms();
    if (const SaleState state = slot->state(now); state != SaleState::running)
        return done(BuyResult{BuyOutcome::not_open, {}, 0, state});
    if (slot->lease.sold_out()) return done(BuyResult{BuyOutcome::sold_out});
    if (slot->holders.at_limit(user, slot->per_user_limit(), now))
        return done(BuyResult{BuyOutcome::limit_reached});
    bool took = false;
    try {
        took = leases_.take(*slot);
    } catch (const std::exception&) {
        return done(BuyResult{BuyOutcome::unavailable});
    }
    if (!took) return done(BuyResult{BuyOutcome::sold_out});
    commit_.submit(*slot, store::CommitItem{std::string(user), ids_.next_string()},
                   std::move(done));
}

}  // namespace seckill::node
