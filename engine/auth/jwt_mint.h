#pragma once
// Makes HS256 tokens for virtual buyers (seckill-load) and for tests.
#include <cstdint>
#include <string>
#include <string_view>

namespace seckill::auth {

// A compact JWT signed with `secret` (HS256): sub = `subject`, iat = now_s,
// exp = now_s + ttl_s. Throws std::runtime_error if libjwt fails.
std::string mint_hs256(std::string_view secret, std::string_view subject, std::int64_t now_s,
                       std::int64_t ttl_s);

// The same with any algorithm libjwt knows ("HS256", "RS256", "ES256", "none") and key
// (a secret, or a PEM private key), and optional extra claims as JSON; for tests that
// need tokens a node must refuse.
std::string mint_jwt(std::string_view alg, std::string_view key, std::string_view claims_json);

}  // namespace seckill::auth
