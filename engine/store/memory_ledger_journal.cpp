// MemoryLedger's durable half: rebuilding from the journal at start, and writing each change
// to it before the change is answered.
#include <stdexcept>

#include "store/memory_ledger.h"

namespace seckill::store {

MemoryLedger::MemoryLedger(LedgerJournal& journal) : journal_(&journal) { restore(journal.load()); }

void MemoryLedger::restore(const LedgerImage& image) {
    for (const auto& js : image.sales) {
        SaleRecord rec;
        rec.config = js.config;
        rec.stored_state = js.stored_state;
        rec.allocation = js.allocation;
        rec.stock.total = js.config.total;
        sales_.emplace(js.config.id, std::move(rec));
    }
    acked_through_ = image.acked_through;
    for (const auto& jo : image.orders) {
        SaleRecord* s = find_sale(jo.order.sale);
        if (!s) continue;  // cannot happen: a sale is stored before its first order
        ++s->orders;
        ++s->reserved_events;
        if (jo.order.status == OrderStatus::reserved) {
            ++s->stock.reserved;
            ++s->holdings[jo.order.user];
            deadlines_.emplace(jo.order.pay_before, jo.order.order_id);
        } else if (jo.order.status == OrderStatus::paid) {
            ++s->stock.paid;
            ++s->holdings[jo.order.user];
        }
        OrderRecord rec{jo.order, jo.created_seq, jo.seq};
        last_seq_ = std::max(last_seq_, jo.seq);
        if (jo.seq > acked_through_) {
            // Not yet in the order DB: queue it again as one event with the order as it is
            // now (the order DB keeps the latest seq, so the steps in between add nothing).
            const bool creates = jo.created_seq > acked_through_;
            if (creates) rec.created_seq = jo.seq;
            events_.emplace(jo.seq, OrderEvent{jo.seq, jo.order, creates, std::to_string(jo.seq)});
        }
        orders_.try_emplace(jo.order.order_id, std::move(rec));
    }
    last_seq_ = std::max(last_seq_, acked_through_);
    // No node holds a unit after a restart (see ledger_journal.h): what is not sold is in
    // the pool.
    for (auto& [id, s] : sales_) s.stock.pool = s.stock.total - s.stock.reserved - s.stock.paid;
    control_ = image.control;
}

void MemoryLedger::continue_after(std::uint64_t seq) {
    std::lock_guard lock(mu_);
    last_seq_ = std::max(last_seq_, seq);
}

void MemoryLedger::check_usable() const {
    if (!broken_.empty())
        throw std::runtime_error("the ledger journal could not be written (" + broken_ +
                                 "); restart the node once the disk is fixed");
}

void MemoryLedger::persist(const std::function<void()>& write) {
    if (!journal_) return;
    try {
        write();
    } catch (const std::exception& e) {
        broken_ = e.what();
        throw;
    }
}

JournaledSale MemoryLedger::journaled(const SaleRecord& s) const {
    return JournaledSale{s.config, s.stored_state, s.allocation};
}

JournaledOrder MemoryLedger::journaled(const OrderRecord& rec) const {
    return JournaledOrder{rec.order, rec.created_seq, rec.last_seq};
}

void MemoryLedger::persist_sale(const SaleRecord& s) {
    persist([&] { journal_->put_sale(journaled(s)); });
}

void MemoryLedger::persist_orders(std::span<const OrderRecord* const> recs) {
    if (!journal_ || recs.empty()) return;
    std::vector<JournaledOrder> rows;
    rows.reserve(recs.size());
    for (const OrderRecord* r : recs) rows.push_back(journaled(*r));
    persist([&] { journal_->put_orders(rows); });
}

}  // namespace seckill::store
