#pragma once
// A node on an ephemeral loopback port with a MemoryLedger, a temp order DB and a
// ManualClock, for tests that drive it over real HTTP.
#include <QTemporaryDir>
#include <QTest>
#include <memory>

#include "core/clock.h"
#include "node/engine.h"
#include "node/http/server.h"
#include "store/memory_ledger.h"
#include "store/order_db.h"
#include "support/eventually.h"
#include "support/http_client.h"

namespace seckill::testing {

struct NodeFixture {
    static constexpr const char* token = "test-admin-token";

    QTemporaryDir dir;
    ManualClock clock;
    store::MemoryLedger ledger;
    std::unique_ptr<store::OrderDb> db;
    std::unique_ptr<node::Engine> engine;
    std::unique_ptr<node::http::Server> server;

    explicit NodeFixture(node::http::ServerOptions server_options = {},
                         node::EngineOptions engine_options = {},
                         node::http::RouterOptions router_options = {}) {
        db = std::make_unique<store::OrderDb>(
            dir.filePath(QStringLiteral("orders.db")).toStdString());
        engine_options.tick_ms = 20;
        engine = std::make_unique<node::Engine>(ledger, db.get(), clock, engine_options);
        engine->start();
        server_options.port = 0;
        server_options.threads = 2;
        router_options.admin_token = token;
        server = std::make_unique<node::http::Server>(*engine, std::move(router_options),
                                                      server_options);
        server->start();
    }
    ~NodeFixture() {
        server->stop();
        engine->stop();
    }

    HttpClient client() const { return HttpClient(server->port()); }
};

}  // namespace seckill::testing
