#include "node/http/router.h"

#include <array>

#include "node/http/admin_token.h"
#include "node/http/json_reply.h"
#include "node/http/prometheus.h"

namespace seckill::node::http {
namespace {

constexpr std::size_t max_segments = 6;

// Splits "/a/b/c" into {"a","b","c"}; false when there are too many parts or empty ones.
bool split_path(std::string_view path, std::array<std::string_view, max_segments>& out,
                std::size_t& n) {
    n = 0;
    if (path.empty() || path.front() != '/') return false;
    path.remove_prefix(1);
    while (!path.empty()) {
        if (n == max_segments) return false;
        const auto slash = path.find('/');
        out[n++] = path.substr(0, slash);
        if (out[n - 1].empty()) return false;
        if (slash == std::string_view::npos) break;
        path.remove_prefix(slash + 1);
    }
    return true;
}

Response not_found() { return error_reply(404, "not_found", "no such route"); }

Response wrong_method(std::string_view allow) {
    Response r = error_reply(405, "method_not_allowed", "this route does not take that method");
    r.allow = allow;
    return r;
}

}  // namespace

Route Router::handle(const Request& req, Responder respond) {
    std::array<std::string_view, max_segments> seg;
    std::size_t n = 0;
    if (!split_path(req.path, seg, n) || n == 0) {
        respond(not_found());
        return Route::unknown;
    }
    const std::span<const std::string_view> parts(seg.data(), n);
    if (!options_.serve_api && (parts[0] == "v1" || parts[0] == "admin")) {
        respond(not_found());
        return Route::unknown;
    }
    if (parts[0] == "v1") return shopper(req, parts, respond);
    if (parts[0] == "admin") return admin(req, parts, respond);
    return ops(req, req.path, respond);
}

Route Router::shopper(const Request& req, std::span<const std::string_view> s, Responder& respond) {
    const Verb m = req.method;
    if (s.size() >= 3 && s[1] == "sales") {
        if (s.size() == 4 && s[3] == "buy") {
            if (m != Verb::post) return respond(wrong_method("POST")), Route::buy;
            shopper_.buy(req, s[2], std::move(respond));
            return Route::buy;
        }
        if (s.size() == 3) {
            if (m != Verb::get) return respond(wrong_method("GET")), Route::sale;
            shopper_.sale(req, s[2], std::move(respond));
            return Route::sale;
        }
    }
    if (s.size() >= 3 && s[1] == "orders") {
        if (s.size() == 3) {
            if (m != Verb::get) return respond(wrong_method("GET")), Route::order;
            shopper_.order(req, s[2], std::move(respond));
            return Route::order;
        }
        if (s.size() == 4 && (s[3] == "pay" || s[3] == "cancel")) {
            const Route route = s[3] == "pay" ? Route::pay : Route::cancel;
            if (m != Verb::post) return respond(wrong_method("POST")), route;
            if (route == Route::pay)
                shopper_.pay(req, s[2], std::move(respond));
            else
                shopper_.cancel(req, s[2], std::move(respond));
            return route;
        }
    }
    respond(not_found());
    return Route::unknown;
}

std::optional<Response> Router::check_token(const Request& req) const {
    constexpr std::string_view scheme = "Bearer ";
    if (req.authorization.empty()) {
        Response r = error_reply(401, "unauthorized", "send Authorization: Bearer <admin token>");
        r.bearer_challenge = true;
        return r;
    }
    if (!req.authorization.starts_with(scheme) ||
        !token_matches(options_.admin_token, req.authorization.substr(scheme.size())))
        return error_reply(403, "forbidden", "the admin token is wrong");
    return std::nullopt;
}

Route Router::admin(const Request& req, std::span<const std::string_view> s, Responder& respond) {
    const Verb m = req.method;
    if (s.size() < 3 || s[1] != "v1") return respond(not_found()), Route::unknown;
    // Unknown admin routes answer 404 before the token check: the route table is public
    // in the docs anyway, and a 401 for a typo would mislead.
    const std::string_view what = s[2];
    const bool known = what == "sales" || what == "degrade" || what == "limits" ||
                       what == "nodes" || what == "faults" || what == "protection" ||
                       what == "events" || what == "orders";
    if (!known) return respond(not_found()), Route::unknown;
    if (auto denied = check_token(req)) return respond(std::move(*denied)), Route::admin;

    auto reply = [&](Response r) {
        respond(std::move(r));
        return Route::admin;
    };
    if (what == "sales") {
        if (s.size() == 3) {
            if (m == Verb::post) return reply(admin_.create_sale(req));
            if (m == Verb::get) return reply(admin_.list_sales());
            return reply(wrong_method("GET, POST"));
        }
        if (s.size() == 5) {
            const std::string_view action = s[4];
            if (action == "invariants")
                return reply(m == Verb::get ? admin_.invariants(s[3]) : wrong_method("GET"));
            if (action == "audit")
                return reply(m == Verb::get ? admin_.audit(s[3]) : wrong_method("GET"));
            if (action == "rebalance")
                return reply(m == Verb::post ? admin_.rebalance(s[3], req) : wrong_method("POST"));
            std::optional<SaleState> to;
            if (action == "start") to = SaleState::running;
            if (action == "pause") to = SaleState::paused;
            if (action == "end") to = SaleState::ended;
            if (to)
                return reply(m == Verb::post ? admin_.set_state(s[3], *to) : wrong_method("POST"));
        }
        if (s.size() == 6 && s[4] == "orders" && s[5] == "tally")
            return reply(m == Verb::get ? admin_.order_tally(s[3]) : wrong_method("GET"));
        return reply(not_found());
    }
    if (what == "orders")
        return reply(s.size() != 4    ? not_found()
                     : m == Verb::get ? admin_.order(s[3])
                                      : wrong_method("GET"));
    if (s.size() != 3) return reply(not_found());
    if (what == "degrade") {
        if (m == Verb::get) return reply(admin_.get_degrade());
        if (m == Verb::put) return reply(admin_.put_degrade(req));
        return reply(wrong_method("GET, PUT"));
    }
    if (what == "limits") {
        if (m == Verb::get) return reply(admin_.get_limits());
        if (m == Verb::put) return reply(admin_.put_limits(req));
        return reply(wrong_method("GET, PUT"));
    }
    if (what == "faults") {
        if (m == Verb::get) return reply(admin_.get_faults());
        if (m != Verb::put && m != Verb::post && m != Verb::delete_)
            return reply(wrong_method("GET, POST, PUT, DELETE"));
        if (!options_.allow_faults)
            return reply(
                error_reply(403, "forbidden",
                            "fault injection is off on this node: start it with --allow-faults"));
        if (m == Verb::delete_) return reply(admin_.delete_faults());
        return reply(admin_.put_faults(req, m == Verb::put));
    }
    if (what == "protection") {
        if (m == Verb::get) return reply(admin_.get_protection());
        if (m == Verb::put) return reply(admin_.put_protection(req));
        return reply(wrong_method("GET, PUT"));
    }
    if (what == "events") return reply(m == Verb::get ? admin_.events(req) : wrong_method("GET"));
    return reply(m == Verb::get ? admin_.nodes() : wrong_method("GET"));
}

Route Router::ops(const Request& req, std::string_view path, Responder& respond) {
    Route route;
    if (path == "/healthz")
        route = Route::healthz;
    else if (path == "/readyz")
        route = Route::readyz;
    else if (path == "/metrics" && options_.serve_metrics)
        route = Route::metrics;
    else
        return respond(not_found()), Route::unknown;
    if (req.method != Verb::get) return respond(wrong_method("GET")), route;

    if (route == Route::healthz) {
        respond(json_reply(200, {{"status", "ok"}}));
    } else if (route == Route::readyz) {
        const std::string why = engine_.membership().not_ready_reason();
        if (why.empty())
            respond(json_reply(200, {{"status", "ready"}}));
        else
            respond(error_reply(503, "unavailable", why, 1));
    } else {
        if (options_.metrics_need_token)
            if (auto denied = check_token(req)) return respond(std::move(*denied)), route;
        Response r;
        r.body = render_prometheus(engine_, open_connections_ ? open_connections_() : 0);
        r.content_type = "text/plain; version=0.0.4; charset=utf-8";
        respond(std::move(r));
    }
    return route;
}

}  // namespace seckill::node::http
