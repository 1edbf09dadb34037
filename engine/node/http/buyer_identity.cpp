#include "node/http/buyer_identity.h"

#include <stdexcept>

#include "core/ids.h"
#include "node/http/json_reply.h"
#include "node/http/request_body.h"

namespace seckill::node::http {
namespace {

constexpr std::string_view bad_user =
    "user (in ?user= or body {\"user\":…}) must match [A-Za-z0-9_-]{1,64}";

Response bad_request(std::string_view why) { return error_reply(400, "bad_request", why); }

Response unauthorized(std::string_view why) {
    Response r = error_reply(401, "unauthorized", why);
    r.bearer_challenge = true;
    return r;
}

// The user a request names for itself (query and body), if any; a 400 when it names two
// or the body is not JSON.
std::variant<std::optional<std::string>, Response> claimed_user(const Request& req) {
    std::optional<std::string> user;
    if (auto q = query_param(req.query, "user")) user = std::string(*q);
    if (req.body.empty()) return user;
    auto body = parse_json_object(req.body);
    if (auto* err = std::get_if<std::string>(&body)) return bad_request(*err);
    const auto& obj = std::get<boost::json::object>(body);
    const auto* v = obj.if_contains("user");
    if (!v) return user;
    if (!v->is_string()) return bad_request("user must be a string");
    std::string from_body(v->as_string());
    if (user && *user != from_body) return bad_request("user in query and body differ");
    return std::optional<std::string>(std::move(from_body));
}

}  // namespace

std::string_view to_string(BuyerAuthMode mode) {
    return mode == BuyerAuthMode::jwt ? "jwt" : "open";
}

BuyerIdentity::BuyerIdentity(BuyerAuthOptions options) : options_(std::move(options)) {
    if (options_.mode != BuyerAuthMode::jwt) return;
    if (!options_.jwt_key)
        throw std::invalid_argument("--buyer-auth jwt needs --jwt-secret-file or --jwt-public-key");
    verifier_ = std::make_unique<auth::JwtVerifier>(*options_.jwt_key, options_.jwt_leeway_s);
}

std::variant<std::string, Response> BuyerIdentity::identify(const Request& req,
                                                            Millis now_ms) const {
    auto claimed = claimed_user(req);
    if (auto* refusal = std::get_if<Response>(&claimed)) return std::move(*refusal);
    auto& named = std::get<std::optional<std::string>>(claimed);

    // Who vouches for the user: a trusted proxy's header, the token, or (open mode) nobody.
    std::optional<std::string> vouched;
    const char* vouched_by = nullptr;
    if (options_.proxy_user_header && req.peer_trusted && !req.proxy_user.empty()) {
        if (!is_valid_user_id(req.proxy_user))
            return bad_request("X-Seckill-User from the proxy must match [A-Za-z0-9_-]{1,64}");
        vouched = std::string(req.proxy_user);
        vouched_by = "X-Seckill-User";
    } else if (options_.mode == BuyerAuthMode::jwt) {
        constexpr std::string_view scheme = "Bearer ";
        if (req.authorization.empty())
            return unauthorized("send Authorization: Bearer <JWT>; its sub names the buyer");
        if (!req.authorization.starts_with(scheme))
            return unauthorized("the Authorization header must be Bearer <JWT>");
        const auto check =
            verifier_->verify(req.authorization.substr(scheme.size()), now_ms / 1000);
        if (!check.ok) return unauthorized(check.error);
        vouched = check.subject;
        vouched_by = "the token";
    }
    if (vouched) {
        // The identity comes from outside the request's own words; a different name in the
        // query or body is a mistake or an attempt, so it is refused rather than ignored.
        if (named && *named != *vouched)
            return bad_request(
                std::string("user in the query or body differs from the user named by ") +
                vouched_by);
        return std::move(*vouched);
    }
    if (!named) return bad_request("say who is buying: ?user=U or a body {\"user\":\"U\"}");
    if (!is_valid_user_id(*named)) return bad_request(bad_user);
    return std::move(*named);
}

}  // namespace seckill::node::http
