#pragma once
// The sales this node knows, looked up on every request. Readers take no lock: writers
// publish a new immutable map and keep the old ones until the table dies, which is cheap
// because sales are created a handful of times per day, not per request.
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "node/sale_slot.h"

namespace seckill::node {

class SalesTable {
  public:
    using Map = std::map<std::string, std::shared_ptr<SaleSlot>, std::less<>>;

    SalesTable() : current_(publish(Map{})) {}

    SaleSlot* find(std::string_view id) const {
        const Map* m = current_.load(std::memory_order_acquire);
        auto it = m->find(id);
        return it == m->end() ? nullptr : it->second.get();
    }

    // Finds the slot or adds one built from `view`; returns the slot and whether it is new.
    std::pair<SaleSlot*, bool> find_or_add(const SaleView& view) {
        std::lock_guard lock(write_mu_);
        const Map* m = current_.load(std::memory_order_acquire);
        if (auto it = m->find(view.config.id); it != m->end()) return {it->second.get(), false};
        Map next = *m;
        auto slot = std::make_shared<SaleSlot>(view);
        SaleSlot* raw = slot.get();
        next.emplace(view.config.id, std::move(slot));
        current_.store(publish(std::move(next)), std::memory_order_release);
        return {raw, true};
    }

    void for_each(const std::function<void(SaleSlot&)>& f) const {
        const Map* m = current_.load(std::memory_order_acquire);
        for (const auto& [id, slot] : *m) f(*slot);
    }

    std::size_t size() const { return current_.load(std::memory_order_acquire)->size(); }

  private:
    const Map* publish(Map m) {
        versions_.push_back(std::make_unique<const Map>(std::move(m)));
        return versions_.back().get();
    }

    std::mutex write_mu_;
    std::vector<std::unique_ptr<const Map>> versions_;
    std::atomic<const Map*> current_;
};

}  // namespace seckill::node
