#include "node/buy_service.h"

#include <exception>

namespace seckill::node {

std::variant<BuyResult, BuyService::Pending> BuyService::start(std::string_view sale,
                                                               std::string_view user) {
    SaleSlot* slot = sales_.find(sale);
    if (!slot) return BuyResult{BuyOutcome::not_found};
    const Millis now = clock_.now_ms();
    if (const SaleState state = slot->state(now); state != SaleState::running)
        return BuyResult{BuyOutcome::not_open, {}, 0, state};
    if (slot->lease.sold_out()) return BuyResult{BuyOutcome::sold_out};
    if (slot->holders.at_limit(user, slot->per_user_limit(), now))
        return BuyResult{BuyOutcome::limit_reached};
    try {
        if (!leases_.take(*slot)) return BuyResult{BuyOutcome::sold_out};
    } catch (const std::exception&) {
        return BuyResult{BuyOutcome::unavailable};
    }
    return Pending{slot};
}

void BuyService::finish(Pending pending, std::string_view user, BuyCallback done) {
    commit_.submit(*pending.slot, store::CommitItem{std::string(user), ids_.next_string()},
                   std::move(done));
}

void BuyService::buy(std::string_view sale, std::string_view user, BuyCallback done) {
    auto started = start(sale, user);
    if (auto* result = std::get_if<BuyResult>(&started)) return done(std::move(*result));
    finish(std::get<Pending>(started), user, std::move(done));
}

}  // namespace seckill::node
