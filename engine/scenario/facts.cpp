#include "scenario/facts.h"

#include <filesystem>
#include <map>

#include "scenario/ledger_view.h"
#include "scenario/sqlite_reader.h"

namespace seckill::scenario {

Gathered gather_facts(const ScenarioSpec& spec, Cluster& cluster, const load::History& history,
                      LogLine log) {
    Gathered g;
    Facts& f = g.facts;
    f.total = spec.sale.total;
    f.per_user_limit = spec.sale.per_user_limit;
    std::map<std::string, std::string> confirmed;  // order id -> the buyer told 201
    for (const auto& a : history.answers)
        if (a.op == load::Op::buy && a.http_status == 201 && !a.order_id.empty())
            confirmed.emplace(a.order_id, a.user);
    const std::chrono::milliseconds limit(spec.recovery_ms);
    auto record = [&](WaitOutcome w) {
        log(w.sentence());
        g.waits.push_back(std::move(w));
        return g.waits.back().ok;
    };

    // Nodes still running must be serving again (a node resumed or restarted late).
    for (auto& n : cluster.nodes())
        if (n.alive()) record(cluster.wait_ready(n));

    std::unique_ptr<LedgerView> view;
    record(wait_for("the ledger to answer", limit, [&](std::string& seen) {
        view = open_ledger_view(spec, cluster);
        const auto s = view->stock();
        seen = s.read ? "ok" : "the sale is not in the ledger";
        return s.read;
    }));
    if (!view) {
        g.notes.push_back("the ledger could not be read; order and stock checks fail");
        return g;
    }
    record(wait_for("survivors to reclaim every dead node's lease (node TTL " +
                        std::to_string(spec.cluster.node_ttl_ms) + " ms)",
                    limit, [&](std::string& seen) {
                        const auto s = view->stock();
                        seen = std::to_string(s.leased_to_dead) + " units leased to dead nodes; " +
                               view->nodes_text();
                        return s.read && s.leased_to_dead == 0;
                    }));

    std::vector<std::string> files;
    for (const auto& file : cluster.order_db_files())
        if (std::filesystem::exists(file)) files.push_back(file);
    if (!cluster.order_db_files().empty() && files.empty())
        g.notes.push_back("no order DB file was written (looked for " +
                          cluster.order_db_files().front() + ")");
    if (!files.empty())
        record(wait_for(
            "the order DB to hold every order the ledger has", limit, [&](std::string& seen) {
                const std::int64_t in_ledger = view->order_count();
                std::int64_t in_db = 0;
                for (const auto& file : files) in_db += OrdersFile(file).count(spec.sale.id);
                const std::int64_t want =
                    in_ledger >= 0 ? in_ledger : std::int64_t(confirmed.size());
                seen = "order DB " + std::to_string(in_db) + " of " + std::to_string(want);
                return in_db >= want;
            }));

    // The engine's invariants, asked of an order-writing node when there is one (its
    // report includes the order DB half of I4).
    std::optional<Endpoint> judge_on;
    for (auto& n : cluster.nodes())
        if (!judge_on && (n.spec.order_writer || !cluster.redis()) && n.alive())
            judge_on = n.endpoint;
    g.invariants = wait_for(
        "sale " + spec.sale.id + "'s invariants (I1-I8) to hold", std::chrono::milliseconds(10'000),
        [&](std::string& seen) {
            const Endpoint at =
                judge_on ? *judge_on : cluster.any_ready_node().value_or(Endpoint{});
            const auto a = http_call(at, "GET", "/admin/v1/sales/" + spec.sale.id + "/invariants",
                                     {}, cluster.admin_token());
            seen = a.status ? a.body.substr(0, 600) : a.error;
            const auto j = a.json();
            const auto* ok = j.is_object() ? j.as_object().if_contains("ok") : nullptr;
            return a.status == 200 && ok && ok->is_bool() && ok->as_bool();
        });
    log(g.invariants->sentence());

    try {
        f.stock = view->stock();
        for (const auto& [id, user] : confirmed) f.orders[id].ledger = view->order(id, user);
        f.ledger_read = true;
    } catch (const std::exception& e) {
        g.notes.push_back(std::string("reading the ledger failed: ") + e.what());
    }
    try {
        std::vector<std::unique_ptr<OrdersFile>> dbs;
        for (const auto& file : files) dbs.push_back(std::make_unique<OrdersFile>(file));
        for (const auto& [id, user] : confirmed)
            for (auto& db : dbs)
                if (auto o = db->find(id)) {
                    f.orders[id].order_db = o;
                    break;
                }
        f.order_db_read = !dbs.empty();
    } catch (const std::exception& e) {
        g.notes.push_back(std::string("reading the order DB failed: ") + e.what());
    }
    return g;
}

}  // namespace seckill::scenario
