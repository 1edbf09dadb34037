#pragma once
// One in-process node for every fuzz input: an Engine over a MemoryLedger with a running
// sale "s", and the Router the server uses. Answers are checked for what the adversarial
// test promises: a status the API has, and a JSON body with a status (a sentence on errors).
#include <boost/json.hpp>
#include <cstdio>
#include <cstdlib>
#include <future>

#include "core/clock.h"
#include "node/engine.h"
#include "node/http/router.h"
#include "store/memory_ledger.h"

namespace seckill::fuzz {

inline constexpr const char* admin_token = "test-admin-token";  // the adversarial test's

class FuzzNode {
  public:
    static FuzzNode& instance() {
        static FuzzNode node;  // lives for the process: libFuzzer never returns from main
        return node;
    }

    // Routes `req` and waits for its answer (a buy answers from the committer's thread).
    node::http::Response answer(node::http::Request req) {
        req.client_ip = "127.0.0.1";
        std::promise<node::http::Response> done;
        auto answered = done.get_future();
        router_.handle(req, [&done](node::http::Response&& r) { done.set_value(std::move(r)); });
        return answered.get();
    }

    // Aborts (a finding) unless `r` is an answer API v1 can give.
    static void check(const node::http::Response& r) {
        if (r.status < 200 || r.status > 599 || r.status == 500) fail("status", r);
        if (r.content_type != "application/json") return;  // /metrics is Prometheus text
        boost::system::error_code ec;
        const auto doc = boost::json::parse(r.body, ec);
        if (ec || !doc.is_object() || !doc.as_object().contains("status")) fail("body", r);
        if (r.status >= 400 && !doc.as_object().contains("error")) fail("sentence", r);
    }

    // Aborts unless sale "s" still accounts for every unit: whatever the requests did,
    // pool + leased + reserved + paid is its total.
    void check_stock() {
        const auto view = ledger_.get_sale("s", clock_.now_ms());
        if (!view) return;
        const StockCounts& k = view->stock;
        if (k.pool < 0 || k.leased < 0 || k.pool + k.leased + k.reserved + k.paid != k.total) {
            std::fprintf(
                stderr,
                "stock of s lost count: pool %lld leased %lld reserved %lld paid %lld total %lld\n",
                static_cast<long long>(k.pool), static_cast<long long>(k.leased),
                static_cast<long long>(k.reserved), static_cast<long long>(k.paid),
                static_cast<long long>(k.total));
            std::abort();
        }
    }

  private:
    FuzzNode()
        : engine_(ledger_, nullptr, clock_, options()),
          router_(engine_, router_options(), [] { return std::int64_t(1); }) {
        engine_.start();
        SaleConfig c;
        c.id = c.name = "s";
        c.total = 1'000'000;
        ledger_.create_sale(c, SaleState::running, clock_.now_ms());
        engine_.refresh_sale("s");
    }
    static node::EngineOptions options() {
        node::EngineOptions o;
        o.tick_ms = 20;
        return o;
    }
    static node::http::RouterOptions router_options() {
        node::http::RouterOptions o;
        o.admin_token = admin_token;
        return o;
    }
    [[noreturn]] static void fail(const char* what, const node::http::Response& r) {
        std::fprintf(stderr, "bad answer (%s): %d %s\n", what, r.status, r.body.c_str());
        std::abort();
    }

    ManualClock clock_;
    store::MemoryLedger ledger_;
    node::Engine engine_;
    node::http::Router router_;
};

}  // namespace seckill::fuzz
