#include "auth/jwt_mint.h"

#include <jwt.h>

#include <boost/json.hpp>
#include <cstdlib>
#include <memory>
#include <stdexcept>

namespace seckill::auth {

std::string mint_jwt(std::string_view alg, std::string_view key, std::string_view claims_json) {
    jwt_t* raw = nullptr;
    if (jwt_new(&raw) != 0) throw std::runtime_error("libjwt: jwt_new failed");
    std::unique_ptr<jwt_t, decltype(&jwt_free)> jwt(raw, &jwt_free);
    const std::string claims(claims_json);
    if (jwt_add_grants_json(jwt.get(), claims.c_str()) != 0)
        throw std::runtime_error("libjwt: the claims are not a JSON object");
    const std::string alg_name(alg);
    const jwt_alg_t a = jwt_str_alg(alg_name.c_str());
    if (a == JWT_ALG_INVAL) throw std::runtime_error("libjwt: unknown algorithm " + alg_name);
    const auto* k = reinterpret_cast<const unsigned char*>(key.data());
    if (jwt_set_alg(jwt.get(), a, a == JWT_ALG_NONE ? nullptr : k,
                    a == JWT_ALG_NONE ? 0 : int(key.size())) != 0)
        throw std::runtime_error("libjwt: the key does not suit " + alg_name);
    std::unique_ptr<char, decltype(&std::free)> text(jwt_encode_str(jwt.get()), &std::free);
    if (!text) throw std::runtime_error("libjwt: signing failed");
    return std::string(text.get());
}

std::string mint_hs256(std::string_view secret, std::string_view subject, std::int64_t now_s,
                       std::int64_t ttl_s) {
    boost::json::object claims{{"sub", subject}, {"iat", now_s}, {"exp", now_s + ttl_s}};
    return mint_jwt("HS256", secret, boost::json::serialize(claims));
}

}  // namespace seckill::auth
