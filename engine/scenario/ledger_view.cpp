#include "scenario/ledger_view.h"

#include <stdexcept>

#include "core/clock.h"
#include "scenario/sqlite_reader.h"
#include "store/redis/redis_ledger.h"

namespace seckill::scenario {
namespace {

class RedisView final : public LedgerView {
  public:
    RedisView(const ScenarioSpec& spec, const std::string& url)
        : spec_(spec), ledger_(parse(url), options()) {}

    StockFacts stock() override {
        const Millis now = SystemClock::instance().now_ms();
        StockFacts s;
        const auto view = ledger_.get_sale(spec_.sale.id, now);
        if (!view) return s;
        s.read = true;
        s.pool = view->stock.pool;
        s.leased = view->stock.leased;
        s.reserved = view->stock.reserved;
        s.paid = view->stock.paid;
        for (const auto& n : ledger_.list_nodes(now, spec_.cluster.node_ttl_ms))
            if (!n.alive)
                if (auto it = n.leases.find(spec_.sale.id); it != n.leases.end())
                    s.leased_to_dead += it->second;
        return s;
    }

    std::optional<OrderRecord> order(const std::string& id, const std::string&) override {
        auto o = ledger_.get_order(id);
        if (!o) return std::nullopt;
        return OrderRecord{o->user, std::string(store::to_string(o->status))};
    }

    std::int64_t order_count() override { return ledger_.order_tally(spec_.sale.id).orders; }

    std::string nodes_text() override {
        std::string out;
        for (const auto& n :
             ledger_.list_nodes(SystemClock::instance().now_ms(), spec_.cluster.node_ttl_ms)) {
            auto it = n.leases.find(spec_.sale.id);
            out += n.id + (n.alive ? " alive" : " dead") + " lease " +
                   std::to_string(it == n.leases.end() ? 0 : it->second) + "; ";
        }
        return out;
    }

  private:
    static store::redis::RedisUrl parse(const std::string& url) {
        auto u = store::redis::parse_redis_url(url);
        if (auto* err = std::get_if<std::string>(&u)) throw std::runtime_error(*err);
        return std::get<store::redis::RedisUrl>(u);
    }
    static store::redis::RedisLedgerOptions options() {
        store::redis::RedisLedgerOptions o;
        o.watch_control = false;  // a reader: no subscription
        return o;
    }

    const ScenarioSpec& spec_;
    store::redis::RedisLedger ledger_;
};

// A node's admin API for the stock and the nodes; the journal (embedded) or the shopper
// API (targets) for orders.
class AdminView final : public LedgerView {
  public:
    AdminView(const ScenarioSpec& spec, Cluster& cluster) : spec_(spec), cluster_(cluster) {
        if (!cluster.journal_file().empty())
            journal_ = std::make_unique<OrdersFile>(cluster.journal_file());
    }

    StockFacts stock() override {
        StockFacts s;
        const auto sales = call("/admin/v1/sales");
        for (const auto& v : sales.at("sales").as_array()) {
            const auto& o = v.as_object();
            if (o.at("sale").as_string() != spec_.sale.id) continue;
            // The API reports remaining = pool + leased; the embedded ledger's leases live
            // in the node's process, so they count as the pool's here.
            s.read = true;
            s.pool = o.at("remaining").to_number<std::int64_t>();
            s.reserved = o.at("reserved").to_number<std::int64_t>();
            s.paid = o.at("paid").to_number<std::int64_t>();
        }
        const auto nodes = call("/admin/v1/nodes");  // kept: the loop reads into it
        for (const auto& v : nodes.at("nodes").as_array()) {
            const auto& n = v.as_object();
            const auto* lease = n.at("leases").as_object().if_contains(spec_.sale.id);
            if (!n.at("alive").as_bool() && lease)
                s.leased_to_dead += lease->to_number<std::int64_t>();
        }
        return s;
    }

    std::optional<OrderRecord> order(const std::string& id, const std::string& user) override {
        if (journal_) return journal_->find(id);
        const auto a = http_call(endpoint(), "GET", "/v1/orders/" + id + "?user=" + user);
        if (a.status == 404)
            return std::nullopt;  // none, or not this buyer's: one answer by design
        if (a.status != 200)
            throw std::runtime_error("order lookup answered " + std::to_string(a.status) + a.error);
        const auto j = a.json();
        return OrderRecord{std::string(j.at("user").as_string()),
                           std::string(j.at("status").as_string())};
    }

    std::int64_t order_count() override { return journal_ ? journal_->count(spec_.sale.id) : -1; }

    std::string nodes_text() override {
        std::string out;
        const auto nodes = call("/admin/v1/nodes");
        for (const auto& v : nodes.at("nodes").as_array()) {
            const auto& n = v.as_object();
            out += std::string(n.at("id").as_string()) +
                   (n.at("alive").as_bool() ? " alive; " : " dead; ");
        }
        return out;
    }

  private:
    Endpoint endpoint() {
        auto e = cluster_.any_ready_node();
        if (!e) throw std::runtime_error("no node answers /readyz 200");
        return *e;
    }
    boost::json::object call(const std::string& target) {
        const auto a = http_call(endpoint(), "GET", target, {}, cluster_.admin_token());
        const auto j = a.json();
        if (a.status != 200 || !j.is_object())
            throw std::runtime_error("GET " + target + " answered " + std::to_string(a.status) +
                                     " " + a.error);
        return j.as_object();
    }

    const ScenarioSpec& spec_;
    Cluster& cluster_;
    std::unique_ptr<OrdersFile> journal_;
};

}  // namespace

std::unique_ptr<LedgerView> open_ledger_view(const ScenarioSpec& spec, Cluster& cluster) {
    if (cluster.redis()) return std::make_unique<RedisView>(spec, cluster.redis_url());
    return std::make_unique<AdminView>(spec, cluster);
}

}  // namespace seckill::scenario
