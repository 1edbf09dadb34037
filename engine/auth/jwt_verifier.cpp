#include "auth/jwt_verifier.h"

#include <jwt.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <optional>

#include "core/ids.h"

namespace seckill::auth {
namespace {

namespace json = boost::json;

JwtCheck refuse(std::string why) { return JwtCheck{false, {}, std::move(why)}; }

// Three base64url segments (header.payload.signature) and nothing else: cheap to check and
// keeps odd bytes away from libjwt's parser.
bool well_formed(std::string_view token) {
    int dots = 0;
    for (char c : token) {
        if (c == '.')
            ++dots;
        else if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                   c == '-' || c == '_'))
            return false;
    }
    return dots == 2 && token.front() != '.';
}

// A NumericDate claim as whole seconds. Fractions are allowed by RFC 7519 and rounded
// toward the safe side by the caller's comparison; values beyond year ~5000 are refused so
// that no later arithmetic can overflow.
constexpr double max_time_s = 1e11;
std::optional<std::int64_t> numeric_date(const json::value& v) {
    double d = 0;
    if (v.is_int64())
        d = double(v.as_int64());
    else if (v.is_uint64())
        d = double(v.as_uint64());
    else if (v.is_double())
        d = v.as_double();
    else
        return std::nullopt;
    if (!std::isfinite(d) || d < -max_time_s || d > max_time_s) return std::nullopt;
    return std::int64_t(std::floor(d));
}

bool allowed(JwtKey::Kind kind, jwt_alg_t alg) {
    // HS256 with a public key would let anyone who has the public key (everyone) sign
    // tokens with it as an HMAC secret; `none` would need no key at all.
    if (kind == JwtKey::Kind::hs256_secret) return alg == JWT_ALG_HS256;
    return alg == JWT_ALG_RS256 || alg == JWT_ALG_ES256;
}

}  // namespace

JwtVerifier::JwtVerifier(JwtKey key, std::int64_t leeway_s)
    : key_(std::move(key)), leeway_s_(std::clamp<std::int64_t>(leeway_s, 0, max_leeway_s)) {}

JwtCheck JwtVerifier::verify(std::string_view token, std::int64_t now_s) const {
    if (token.empty()) return refuse("the bearer token is empty");
    if (token.size() > max_token_bytes) return refuse("the bearer token is over 4096 bytes");
    if (!well_formed(token))
        return refuse("the bearer token is not a JWT (header.payload.signature)");

    const std::string text(token);  // libjwt wants a terminated string
    jwt_t* raw = nullptr;
    const int rc =
        jwt_decode(&raw, text.c_str(), reinterpret_cast<const unsigned char*>(key_.bytes.data()),
                   int(key_.bytes.size()));
    std::unique_ptr<jwt_t, decltype(&jwt_free)> jwt(raw, &jwt_free);
    if (rc != 0 || !jwt) return refuse("the bearer token's signature does not verify");
    // libjwt accepts alg "none" without looking at the key, so the algorithm is checked
    // here, after decoding and before trusting any claim.
    if (!allowed(key_.kind, jwt_get_alg(jwt.get())))
        return refuse(key_.kind == JwtKey::Kind::hs256_secret
                          ? "the bearer token must be signed with HS256"
                          : "the bearer token must be signed with RS256 or ES256");

    std::unique_ptr<char, decltype(&std::free)> grants(jwt_get_grants_json(jwt.get(), nullptr),
                                                       &std::free);
    if (!grants) return refuse("the bearer token has no claims");
    boost::system::error_code ec;
    const json::value claims = json::parse(grants.get(), ec);
    if (ec || !claims.is_object()) return refuse("the bearer token's claims are not a JSON object");
    const json::object& c = claims.as_object();

    const json::value* sub = c.if_contains("sub");
    if (!sub || !sub->is_string()) return refuse("the bearer token has no sub (the user id)");
    if (!is_valid_user_id(sub->as_string()))
        return refuse("the bearer token's sub must match [A-Za-z0-9_-]{1,64}");

    // A token without an expiry would be good forever once leaked; refuse it.
    const json::value* exp_v = c.if_contains("exp");
    if (!exp_v) return refuse("the bearer token has no exp");
    const auto exp = numeric_date(*exp_v);
    if (!exp) return refuse("the bearer token's exp is not a time in seconds");
    // Both sides are within ±1e11 and the leeway within an hour: no overflow possible.
    if (now_s - leeway_s_ >= *exp) return refuse("the bearer token has expired");
    if (const json::value* nbf_v = c.if_contains("nbf")) {
        const auto nbf = numeric_date(*nbf_v);
        if (!nbf) return refuse("the bearer token's nbf is not a time in seconds");
        if (now_s + leeway_s_ < *nbf) return refuse("the bearer token is not valid yet (nbf)");
    }
    return JwtCheck{true, std::string(sub->as_string()), {}};
}

}  // namespace seckill::auth
