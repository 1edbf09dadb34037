#pragma once
// Maps method + path to the handler of API v1, checks the admin token, and answers 404,
// 405 and 401/403 itself.
#include <functional>
#include <string>

#include "node/engine.h"
#include "node/http/admin_api.h"
#include "node/http/buyer_identity.h"
#include "node/http/http_types.h"
#include "node/http/shopper_api.h"
#include "node/node_metrics.h"

namespace seckill::node::http {

struct RouterOptions {
    std::string admin_token;
    bool metrics_need_token = false;
    // A node with --metrics-listen runs two routers: the main one without /metrics, and
    // one on the metrics address with only /metrics, /healthz and /readyz.
    bool serve_api = true;
    bool serve_metrics = true;
    BuyerAuthOptions buyer_auth;
    // /admin/v1/faults takes faults only when the node was started with --allow-faults.
    bool allow_faults = false;
};

class Router {
  public:
    Router(Engine& engine, RouterOptions options, std::function<std::int64_t()> open_connections)
        : engine_(engine),
          options_(std::move(options)),
          open_connections_(std::move(open_connections)),
          buyers_(options_.buyer_auth),
          shopper_(engine, buyers_),
          admin_(engine) {}

    // Starts serving the request; `respond` runs once, maybe later and on another thread.
    // Returns the route, so the caller can count the response under it.
    Route handle(const Request& req, Responder respond);
    // Lets requests waiting on the ledger off the io threads finish (Server::stop).
    void stop() { shopper_.stop(); }

  private:
    Route shopper(const Request& req, std::span<const std::string_view> seg, Responder& respond);
    Route admin(const Request& req, std::span<const std::string_view> seg, Responder& respond);
    Route ops(const Request& req, std::string_view path, Responder& respond);
    std::optional<Response> check_token(const Request& req) const;

    Engine& engine_;
    RouterOptions options_;
    std::function<std::int64_t()> open_connections_;
    BuyerIdentity buyers_;
    ShopperApi shopper_;
    AdminApi admin_;
};

}  // namespace seckill::node::http
