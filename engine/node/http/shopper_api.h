#pragma once
// Routes shoppers use: buy, read a sale, read / pay / cancel an order. Each passes the
// door first: degrade level, then the rate limits (which may delay it, nginx-style).
#include <functional>
#include <string_view>

#include "node/engine.h"
#include "node/http/http_types.h"

namespace seckill::node::http {

class ShopperApi {
public:
    explicit ShopperApi(Engine& engine) : engine_(engine) {}

    void buy(const Request& req, std::string_view sale, Responder respond);
    void sale(const Request& req, std::string_view sale, Responder respond);
    void order(const Request& req, std::string_view order_id, Responder respond);
    void pay(const Request& req, std::string_view order_id, Responder respond);
    void cancel(const Request& req, std::string_view order_id, Responder respond);

private:
    enum class Kind { buy, read, order };
    // Answers 429 / 503 itself when the door refuses, else runs `serve` (maybe later).
    void admit(const Request& req, std::string_view user, Kind kind, Responder& respond,
               std::function<void(Responder)> serve);
    Response order_update(std::string_view order_id, bool pay);

    Engine& engine_;
};

Response buy_reply(const BuyResult& result, std::string_view sale, std::string_view user);

}  // namespace seckill::node::http
