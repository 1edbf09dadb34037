#pragma once
// Routes shoppers use: buy, read a sale, read / pay / cancel an order. Each passes the
// door first: degrade level, then the rate limits (which may delay it, nginx-style).
// Order routes act only for the order's own buyer (BuyerIdentity says who is asking);
// anyone else hears exactly what an order that does not exist answers.
#include <functional>
#include <string_view>
#include <variant>

#include "node/engine.h"
#include "node/http/buyer_identity.h"
#include "node/http/http_types.h"
#include "node/http/ledger_calls.h"

namespace seckill::node::http {

class ShopperApi {
  public:
    ShopperApi(Engine& engine, const BuyerIdentity& buyers) : engine_(engine), buyers_(buyers) {}

    // Finishes the ledger calls under way (their replies still go out); before the io
    // threads stop.
    void stop() { calls_.stop(); }

    void buy(const Request& req, std::string_view sale, Responder respond);
    void sale(const Request& req, std::string_view sale, Responder respond);
    void order(const Request& req, std::string_view order_id, Responder respond);
    void pay(const Request& req, std::string_view order_id, Responder respond);
    void cancel(const Request& req, std::string_view order_id, Responder respond);

  private:
    enum class Kind { buy, read, order };
    // The door: a refusal (503 degraded, 429 rate limited), or how long nginx-style
    // limiting holds the request (0: serve now).
    std::variant<Response, Millis> door(const Request& req, std::string_view user, Kind kind);
    // Runs `serve` after the door's delay, or answers its refusal.
    void admit(const Request& req, std::string_view user, Kind kind, Responder& respond,
               std::function<void(Responder)> serve);
    void buy_now(std::string_view sale, std::string_view user, Request::Deferrer* timer,
                 Responder respond);
    // Reads, pays or cancels one order on behalf of `user`.
    void order_route(const Request& req, std::string_view order_id, Responder respond,
                     Response (ShopperApi::*act)(const std::string& id, const std::string& user));
    // The order from the ledger, or from the order DB once the ledger has let it go.
    std::optional<store::Order> find_order(const std::string& id);
    Response read_order(const std::string& id, const std::string& user);
    Response pay_order(const std::string& id, const std::string& user);
    Response cancel_order(const std::string& id, const std::string& user);
    Response order_update(const std::string& id, const std::string& user, bool pay);

    // Runs `serve` on a ledger-call thread, or answers 503 when too many already wait.
    void off_io_thread(Responder& respond, std::function<Response()> serve);

    Engine& engine_;
    const BuyerIdentity& buyers_;
    // Last: destroyed first, so its threads finish while the members they use still exist.
    LedgerCalls calls_{4, 4096};
};

Response buy_reply(const BuyResult& result, std::string_view sale, std::string_view user);

}  // namespace seckill::node::http
