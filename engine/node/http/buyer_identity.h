#pragma once
// Who a shopper request speaks for. Open mode (the default): the buyer names themself with
// ?user= or a body {"user":…}. JWT mode: `Authorization: Bearer <JWT>` and its `sub`.
// In both, a --trusted-proxy peer may pass the user in X-Seckill-User when the node was
// told to believe it (the proxy then authenticates buyers and must overwrite the header).
#include <memory>
#include <optional>
#include <string>
#include <variant>

#include "auth/jwt_verifier.h"
#include "core/clock.h"
#include "node/http/http_types.h"

namespace seckill::node::http {

enum class BuyerAuthMode { open, jwt };

struct BuyerAuthOptions {
    BuyerAuthMode mode = BuyerAuthMode::open;
    std::optional<auth::JwtKey> jwt_key;  // required in jwt mode
    std::int64_t jwt_leeway_s = 30;
    bool proxy_user_header = false;  // believe X-Seckill-User from --trusted-proxy peers
};

class BuyerIdentity {
  public:
    // Throws std::invalid_argument when jwt mode has no key.
    explicit BuyerIdentity(BuyerAuthOptions options);

    // The user the request speaks for, or the answer to send instead: 400 when the request
    // names nobody or contradicts itself, 401 (with WWW-Authenticate) for a missing or bad
    // token. Reads the query, the JSON body's "user", the Authorization header and
    // X-Seckill-User; `now_ms` checks exp / nbf.
    std::variant<std::string, Response> identify(const Request& req, Millis now_ms) const;

    BuyerAuthMode mode() const { return options_.mode; }

  private:
    BuyerAuthOptions options_;
    std::unique_ptr<auth::JwtVerifier> verifier_;
};

std::string_view to_string(BuyerAuthMode mode);

}  // namespace seckill::node::http
