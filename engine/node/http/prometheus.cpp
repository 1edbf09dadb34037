#include "node/http/prometheus.h"

#include <algorithm>
#include <cstdio>
#include <utility>
#include <vector>

#include "node/pipeline.h"
#include "node/sale_invariants.h"

namespace seckill::node::http {
namespace {

class Writer {
  public:
    void family(const char* name, const char* type, const char* help) {
        out_ += "# HELP ";
        out_ += name;
        out_ += ' ';
        out_ += help;
        out_ += "\n# TYPE ";
        out_ += name;
        out_ += ' ';
        out_ += type;
        out_ += '\n';
    }
    void sample(std::string_view name, std::string_view labels, double value) {
        out_ += name;
        if (!labels.empty()) {
            out_ += '{';
            out_ += labels;
            out_ += '}';
        }
        char buf[32];
        std::snprintf(buf, sizeof buf, " %.17g\n", value);
        out_ += buf;
    }
    std::string take() { return std::move(out_); }

  private:
    std::string out_;
};

std::string label(std::string_view k, std::string_view v) {
    return std::string(k) + "=\"" + std::string(v) + '"';
}

// seckill_invariant_ok{sale,id}: 1 while the invariant holds. The checks read counters,
// never the orders (see sale_invariants.h), so a scrape costs the same on any sale size.
// While the ledger is unreachable the family has no samples rather than stale ones:
// the ledger-down alert covers that time.
void write_invariants(Writer& w, Engine& engine, const std::string& node) {
    std::vector<std::pair<std::string, store::InvariantReport>> reports;
    const InvariantTiming timing{engine.options().node_ttl_ms, engine.options().expiry_grace_ms};
    try {
        engine.sales().for_each([&](SaleSlot& slot) {
            auto r = sale_invariants(engine.ledger(), engine.order_db(), slot.id(),
                                     engine.clock().now_ms(), timing, engine.order_writer_name());
            if (r) reports.emplace_back(std::string(slot.id()), std::move(*r));
        });
    } catch (const std::exception&) {
        reports.clear();
    }
    w.family("seckill_invariant_ok", "gauge",
             "1 while the sale's invariant holds, 0 while it fails (I1-I8).");
    for (const auto& [sale, report] : reports)
        for (const auto& c : report.checks)
            w.sample("seckill_invariant_ok",
                     node + ',' + label("sale", sale) + ',' + label("id", c.id), c.ok ? 1 : 0);
}

}  // namespace

std::string render_prometheus(Engine& engine, std::int64_t open_connections) {
    Writer w;
    NodeMetrics& m = engine.metrics();
    const std::string node = label("node", engine.options().node_id);

    w.family("seckill_http_requests_total", "counter", "HTTP requests by route and status.");
    for (std::size_t r = 0; r < route_count; ++r) {
        for (int status : NodeMetrics::statuses) {
            const auto n = m.requests(Route(r), status);
            if (n == 0) continue;
            w.sample("seckill_http_requests_total",
                     node + ',' + label("route", to_string(Route(r))) + ',' +
                         label("status", status ? std::to_string(status) : "other"),
                     double(n));
        }
    }

    w.family("seckill_buys_total", "counter", "Buy attempts by result.");
    for (int i = 0; i < buy_outcome_count; ++i)
        w.sample("seckill_buys_total", node + ',' + label("result", to_string(BuyOutcome(i))),
                 double(m.buys(BuyOutcome(i))));

    w.family("seckill_pipeline_total", "counter",
             "Buys by stage of the buy path (node/pipeline.h): arrived, refused at a stage, "
             "passed on; ledger_commit counts ledger calls, order_db order events written.");
    const StageCounts stages = pipeline_counts(engine);
    for (const StageInfo& s : pipeline_stages)
        w.sample("seckill_pipeline_total", node + ',' + label("stage", s.key),
                 double(stages[std::size_t(s.stage)]));

    w.family("seckill_http_request_duration_seconds", "histogram",
             "Time from a request's arrival to its response, by route.");
    for (std::size_t r = 0; r < route_count; ++r) {
        const auto snap = m.latency(Route(r)).snapshot();
        if (snap.count == 0) continue;
        const std::string base = node + ',' + label("route", to_string(Route(r)));
        std::uint64_t cumulative = 0;
        for (std::size_t b = 0; b < metrics::Histogram::bucket_count; ++b) {
            cumulative += snap.buckets[b];
            char le[32];
            if (b < metrics::Histogram::bounds_us.size())
                std::snprintf(le, sizeof le, "%g", double(metrics::Histogram::bounds_us[b]) / 1e6);
            else
                std::snprintf(le, sizeof le, "+Inf");
            w.sample("seckill_http_request_duration_seconds_bucket", base + ',' + label("le", le),
                     double(cumulative));
        }
        w.sample("seckill_http_request_duration_seconds_sum", base, double(snap.sum_us) / 1e6);
        w.sample("seckill_http_request_duration_seconds_count", base, double(snap.count));
    }

    // The text format wants each family's samples together: one pass over the sales per
    // family, never two families interleaved in one pass.
    w.family("seckill_stock_units", "gauge",
             "Units of each sale by where they are (ledger view, up to a tick old).");
    engine.sales().for_each([&](SaleSlot& slot) {
        const auto v = slot.view();
        const std::string sale = node + ',' + label("sale", slot.id());
        w.sample("seckill_stock_units", sale + ',' + label("where", "pool"), double(v->stock.pool));
        w.sample("seckill_stock_units", sale + ',' + label("where", "leased"),
                 double(v->stock.leased));
        w.sample("seckill_stock_units", sale + ',' + label("where", "reserved"),
                 double(v->stock.reserved));
        w.sample("seckill_stock_units", sale + ',' + label("where", "paid"), double(v->stock.paid));
    });
    w.family("seckill_node_lease_units", "gauge", "Units this node holds in its lease, by sale.");
    engine.sales().for_each([&](SaleSlot& slot) {
        w.sample("seckill_node_lease_units", node + ',' + label("sale", slot.id()),
                 double(slot.lease.available()));
    });
    write_invariants(w, engine, node);

    std::int64_t depth = -1;
    try {
        depth = engine.ledger().queue_depth();
    } catch (const std::exception&) {
    }
    w.family("seckill_order_queue_depth", "gauge",
             "Order events waiting for the order DB (-1: unknown).");
    w.sample("seckill_order_queue_depth", node, double(depth));
    w.family("seckill_degrade_level", "gauge", "Degrade level in force on this node (0-3).");
    w.sample("seckill_degrade_level", node, double(int(engine.admission().degrade())));
    w.family("seckill_group_commit_batches_total", "counter", "Ledger commit calls made.");
    w.sample("seckill_group_commit_batches_total", node, double(engine.group_commit().batches()));
    w.family("seckill_expired_total", "counter", "Reservations this node expired.");
    w.sample("seckill_expired_total", node, double(engine.housekeeper().expired_total()));
    w.family("seckill_open_connections", "gauge", "Client connections open now.");
    w.sample("seckill_open_connections", node, double(open_connections));
    w.family("seckill_ledger_up", "gauge", "1 when the last ledger call succeeded.");
    w.sample("seckill_ledger_up", node, engine.ledger_reachable() ? 1 : 0);
    w.family("seckill_ledger_round_trip_seconds", "gauge",
             "Round-trip time of the last heartbeat the ledger answered (0 before the first).");
    w.sample("seckill_ledger_round_trip_seconds", node,
             double(engine.housekeeper().ledger_rtt_us()) / 1e6);
    if (const store::OrderWriter* writer = engine.order_writer()) {
        w.family("seckill_order_writer_lag_seconds", "gauge",
                 "Time since this node's order writer last had every queued event written.");
        w.sample("seckill_order_writer_lag_seconds", node, double(writer->lag_ms()) / 1e3);
    }
    w.family("seckill_node_may_sell", "gauge",
             "1 while the node may sell from its lease (registered, heartbeat fresh).");
    w.sample("seckill_node_may_sell", node, engine.membership().may_sell() ? 1 : 0);
    w.family("seckill_node_fenced_total", "counter",
             "Times the ledger fenced this node or lost its data, and the node rejoined.");
    w.sample("seckill_node_fenced_total", node, double(engine.membership().fenced_total()));
    w.family("seckill_degrade_level_by_source", "gauge",
             "The operator's (manual) and the automatic degrade level on this node.");
    w.sample("seckill_degrade_level_by_source", node + ",source=\"manual\"",
             double(int(engine.admission().manual_degrade())));
    w.sample("seckill_degrade_level_by_source", node + ",source=\"auto\"",
             double(int(engine.admission().auto_degrade())));
    w.family("seckill_circuit_breaker_state", "gauge",
             "Circuit breaker state by target: 0 closed, 1 open, 2 half-open.");
    for (auto [target, b] : {std::pair{"ledger", &engine.protection().ledger_breaker()},
                             std::pair{"order_db", &engine.protection().order_db_breaker()}})
        w.sample("seckill_circuit_breaker_state", node + "," + label("target", target),
                 double(int(b->state())));
    w.family("seckill_circuit_breaker_opened_total", "counter",
             "Times the breaker opened, by target.");
    for (auto [target, b] : {std::pair{"ledger", &engine.protection().ledger_breaker()},
                             std::pair{"order_db", &engine.protection().order_db_breaker()}})
        w.sample("seckill_circuit_breaker_opened_total", node + "," + label("target", target),
                 double(b->opened_total()));
    // Injected faults (QA): which kinds are active now, and how many calls each has hit.
    const auto active = engine.faults().active();
    w.family("seckill_fault_active", "gauge", "1 while an injected fault of this kind is active.");
    for (const auto& k : store::fault_kinds) {
        const bool on = std::any_of(active.begin(), active.end(), [&](const store::ActiveFault& f) {
            return f.spec.kind == k.kind;
        });
        w.sample("seckill_fault_active", node + "," + label("kind", k.name), on ? 1 : 0);
    }
    w.family("seckill_fault_hits_total", "counter",
             "Calls an injected fault of this kind has hit.");
    for (const auto& k : store::fault_kinds)
        w.sample("seckill_fault_hits_total", node + "," + label("kind", k.name),
                 double(engine.faults().hits(k.kind)));
    w.family("seckill_events_total", "counter",
             "Automatic decisions and fault injections this node logged.");
    w.sample("seckill_events_total", node, double(engine.events().recorded()));
    if (store::OrderDb* db = engine.order_db()) {
        w.family("seckill_order_conflicts_total", "counter",
                 "Order events refused because their id was stored for another buyer.");
        w.sample("seckill_order_conflicts_total", node, double(db->conflicts_total()));
    }
    return w.take();
}

}  // namespace seckill::node::http
