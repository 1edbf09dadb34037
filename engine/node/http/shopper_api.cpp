#include "node/http/shopper_api.h"

#include <atomic>
#include <boost/json.hpp>
#include <memory>

#include "core/ids.h"
#include "core/time_format.h"
#include "node/http/json_reply.h"
#include "node/http/request_body.h"
#include "node/http/views_json.h"
#include "node/operations/operation_result.h"

namespace seckill::node::http {
namespace json = boost::json;
namespace {

constexpr int degraded_retry_s = 5;

int seconds_up(Millis ms) { return int((ms + 999) / 1000); }

// One answer for "no such order" and "not your order", byte for byte, so that order ids
// cannot be probed by asking about other people's.
Response no_such_order() { return error_reply(404, "not_found", "no such order"); }

}  // namespace

Response buy_reply(const BuyResult& r, std::string_view sale, std::string_view user) {
    const BuyOutcomeInfo& o = info(r.outcome);
    const std::string status(o.name);
    switch (r.outcome) {
        case BuyOutcome::reserved:
            return json_reply(o.http_status, {{"status", status},
                                              {"order_id", r.order_id},
                                              {"sale", sale},
                                              {"user", user},
                                              {"pay_before", format_rfc3339(r.pay_before)}});
        case BuyOutcome::limit_reached:
            return error_reply(o.http_status, status,
                               "this user already holds the most units the sale allows");
        case BuyOutcome::sold_out:
            return error_reply(o.http_status, status, "every unit of this sale is sold");
        case BuyOutcome::not_open:
            return json_reply(o.http_status, {{"status", status},
                                              {"state", to_string(r.state)},
                                              {"error", "the sale is not open for buying"}});
        case BuyOutcome::not_found:
            return error_reply(o.http_status, status, "no such sale");
        case BuyOutcome::rate_limited:
            return error_reply(o.http_status, status, "too many requests", 1);
        case BuyOutcome::degraded:
            return error_reply(o.http_status, status, "buying is switched off for now",
                               degraded_retry_s);
        case BuyOutcome::unavailable:
            return error_reply(o.http_status, status, ledger_unreachable, 1);
    }
    return error_reply(500, "internal", "unknown buy outcome");
}

std::variant<Response, Millis> ShopperApi::door(const Request& req, std::string_view user,
                                                Kind kind) {
    const DegradeLevel level = engine_.admission().degrade();
    const bool shut = (kind == Kind::buy && level >= DegradeLevel::reject_buys) ||
                      (kind == Kind::order && level >= DegradeLevel::paused);
    if (shut) {
        if (kind == Kind::buy) engine_.metrics().record_buy(BuyOutcome::degraded);
        return error_reply(503, "degraded",
                           // Level 3 closes this node's buy and order routes whatever
                           // state the sales are in: no sale is paused (docs/glossary.md).
                           level == DegradeLevel::paused
                               ? "buying and orders are closed by operators for now"
                               : "buying is switched off for now",
                           degraded_retry_s);
    }
    const limit::Decision d =
        engine_.admission().check(req.client_ip, user, engine_.clock().now_ms());
    if (!d.allowed) {
        if (kind == Kind::buy) engine_.metrics().record_buy(BuyOutcome::rate_limited);
        return error_reply(429, "rate_limited", "too many requests, slow down",
                           seconds_up(d.retry_after_ms));
    }
    return req.deferrer ? d.delay_ms : Millis(0);
}

void ShopperApi::admit(const Request& req, std::string_view user, Kind kind, Responder& respond,
                       std::function<void(Responder)> serve) {
    auto verdict = door(req, user, kind);
    if (auto* refusal = std::get_if<Response>(&verdict)) return respond(std::move(*refusal));
    if (const Millis delay = std::get<Millis>(verdict); delay > 0) {
        req.deferrer->defer(std::chrono::milliseconds(delay),
                            [serve = std::move(serve), respond = std::move(respond)]() mutable {
                                serve(std::move(respond));
                            });
        return;
    }
    serve(std::move(respond));
}

void ShopperApi::buy_now(std::string_view sale, std::string_view user, Request::Deferrer* timer,
                         Responder respond) {
    // Refusals answer from here with no allocation beyond the reply; only a buy that holds
    // a unit builds a callback for the committer.
    const auto began = std::chrono::steady_clock::now();
    auto started = engine_.buys().start(sale, user);
    if (auto* result = std::get_if<BuyResult>(&started)) {
        engine_.metrics().record_buy(result->outcome);
        return respond(buy_reply(*result, sale, user));
    }
    auto pending = std::get<BuyService::Pending>(started);
    engine_.metrics().lease_taken.add();
    const auto budget = std::chrono::milliseconds(engine_.options().buy_budget_ms);
    // A refill from the ledger may already have spent part of the budget (start() runs it
    // on this thread); the commit gets what is left, and nothing when it is all gone.
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        budget - (std::chrono::steady_clock::now() - began));
    if (timer && left.count() <= 0) {
        engine_.buys().give_back(pending);
        engine_.metrics().record_buy(BuyOutcome::unavailable);
        return respond(error_reply(503, "unavailable",
                                   "the stock ledger did not answer within the buy budget", 1));
    }
    // Whichever comes first answers the buyer: the committer with the verdict, or the
    // timer at the end of the budget. They race for `answered`; the committer cancels a
    // reservation whose buyer the timer already answered.
    GroupCommit::Answered answered;
    if (timer) {
        answered = std::make_shared<std::atomic<bool>>(false);
        auto shared_respond = std::make_shared<Responder>(std::move(respond));
        respond = [shared_respond](Response&& r) { (*shared_respond)(std::move(r)); };
        timer->defer(left, [this, answered, shared_respond] {
            if (answered->exchange(true, std::memory_order_acq_rel)) return;
            engine_.metrics().record_buy(BuyOutcome::unavailable);
            (*shared_respond)(error_reply(
                503, "unavailable", "the stock ledger did not answer within the buy budget", 1));
        });
    }
    engine_.buys().finish(
        pending, user,
        [this, sale = std::string(sale), user = std::string(user),
         respond = std::move(respond)](BuyResult result) {
            engine_.metrics().record_buy(result.outcome);
            respond(buy_reply(result, sale, user));
        },
        std::move(answered));
}

void ShopperApi::buy(const Request& req, std::string_view sale, Responder respond) {
    if (!is_valid_sale_id(sale))
        return respond(error_reply(400, "bad_request", "sale id must match [A-Za-z0-9_-]{1,32}"));
    auto who = buyers_.identify(req, engine_.clock().now_ms());
    if (auto* refusal = std::get_if<Response>(&who)) return respond(std::move(*refusal));
    const std::string& user = std::get<std::string>(who);
    auto verdict = door(req, user, Kind::buy);
    if (auto* refusal = std::get_if<Response>(&verdict)) return respond(std::move(*refusal));
    if (const Millis delay = std::get<Millis>(verdict); delay > 0) {
        req.deferrer->defer(std::chrono::milliseconds(delay),
                            [this, sale = std::string(sale), user, timer = req.deferrer,
                             respond = std::move(respond)]() mutable {
                                buy_now(sale, user, timer, std::move(respond));
                            });
        return;
    }
    buy_now(sale, user, req.deferrer, std::move(respond));
}

void ShopperApi::sale(const Request& req, std::string_view sale, Responder respond) {
    if (!is_valid_sale_id(sale))
        return respond(error_reply(400, "bad_request", "sale id must match [A-Za-z0-9_-]{1,32}"));
    admit(req, {}, Kind::read, respond, [this, sale = std::string(sale)](Responder r) {
        // Level 1 and up serve the snapshot the housekeeper refreshes; below, the ledger.
        if (engine_.admission().degrade() >= DegradeLevel::cached_reads) {
            SaleSlot* slot = engine_.sales().find(sale);
            if (!slot) return r(error_reply(404, "not_found", "no such sale"));
            SaleView v = *slot->view();
            v.state = slot->state(engine_.clock().now_ms());
            return r(json_reply(200, sale_json(v)));
        }
        off_io_thread(r, [this, sale] {
            try {
                auto view = engine_.ledger().get_sale(sale, engine_.clock().now_ms());
                if (!view) return error_reply(404, "not_found", "no such sale");
                return json_reply(200, sale_json(*view));
            } catch (const std::exception&) {
                return error_reply(503, "unavailable", ledger_unreachable, 1);
            }
        });
    });
}

void ShopperApi::order_route(const Request& req, std::string_view order_id, Responder respond,
                             Response (ShopperApi::*act)(const std::string&, const std::string&)) {
    if (!is_valid_order_id(order_id))
        return respond(error_reply(400, "bad_request", std::string(order_id_rule)));
    auto who = buyers_.identify(req, engine_.clock().now_ms());
    if (auto* refusal = std::get_if<Response>(&who)) return respond(std::move(*refusal));
    std::string user = std::get<std::string>(std::move(who));
    admit(req, user, Kind::order, respond,
          [this, act, id = std::string(order_id), user = std::move(user)](Responder r) {
              off_io_thread(r, [this, act, id, user] { return (this->*act)(id, user); });
          });
}

void ShopperApi::off_io_thread(Responder& respond, std::function<Response()> serve) {
    auto shared = std::make_shared<Responder>(std::move(respond));
    if (!calls_.submit([shared, serve = std::move(serve)] { (*shared)(serve()); }))
        (*shared)(error_reply(503, "unavailable",
                              "too many requests are waiting on the stock ledger", 1));
}

std::optional<store::Order> ShopperApi::find_order(const std::string& id) {
    auto o = engine_.ledger().get_order(id);
    if (!o && engine_.order_db()) o = engine_.order_db()->find(id);
    return o;
}

Response ShopperApi::read_order(const std::string& id, const std::string& user) {
    try {
        auto o = find_order(id);
        if (!o || o->user != user) return no_such_order();
        return json_reply(200, order_json(*o));
    } catch (const std::exception&) {
        return error_reply(503, "unavailable", ledger_unreachable, 1);
    }
}

Response ShopperApi::pay_order(const std::string& id, const std::string& user) {
    return order_update(id, user, true);
}

Response ShopperApi::cancel_order(const std::string& id, const std::string& user) {
    return order_update(id, user, false);
}

Response ShopperApi::order_update(const std::string& id, const std::string& user, bool pay) {
    try {
        // Check, then act: an order's user is set when it is made and never changes, so
        // the answer of this read still holds when the ledger pays or cancels below.
        if (auto o = find_order(id); !o || o->user != user) return no_such_order();
        const Millis now = engine_.clock().now_ms();
        store::OrderUpdate u =
            pay ? engine_.ledger().pay(id, now) : engine_.ledger().cancel(id, now);
        using Result = store::OrderUpdate::Result;
        if (u.result == Result::not_found) return no_such_order();
        // This call gave the unit back if it cancelled, or if paying found the deadline past.
        const bool released =
            (!pay && u.result == Result::done) ||
            (pay && u.order.status == store::OrderStatus::expired && u.order.updated_at == now);
        if (released) {
            if (SaleSlot* slot = engine_.sales().find(u.order.sale)) {
                slot->holders.remove(u.order.user);
                engine_.leases().reopen_if_restocked(*slot, 1);
            }
        }
        if (u.result == Result::done) return json_reply(200, order_json(u.order));
        json::object body = order_json(u.order);
        body["error"] =
            pay ? "the order can no longer be paid" : "the order can no longer be cancelled";
        return json_reply(409, std::move(body));
    } catch (const std::exception&) {
        return error_reply(503, "unavailable", ledger_unreachable, 1);
    }
}

void ShopperApi::order(const Request& req, std::string_view order_id, Responder respond) {
    order_route(req, order_id, std::move(respond), &ShopperApi::read_order);
}

void ShopperApi::pay(const Request& req, std::string_view order_id, Responder respond) {
    order_route(req, order_id, std::move(respond), &ShopperApi::pay_order);
}

void ShopperApi::cancel(const Request& req, std::string_view order_id, Responder respond) {
    order_route(req, order_id, std::move(respond), &ShopperApi::cancel_order);
}

}  // namespace seckill::node::http
