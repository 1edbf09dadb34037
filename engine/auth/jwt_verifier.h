#pragma once
// Checks a buyer's bearer token: signature with the configured key (libjwt), the algorithm
// the key allows, exp / nbf with a leeway, and a `sub` that is a valid user id.
#include <cstdint>
#include <string>
#include <string_view>

#include "auth/key_file.h"

namespace seckill::auth {

struct JwtCheck {
    bool ok = false;
    std::string subject;  // ok: the user the token speaks for
    std::string error;    // not ok: a sentence for the 401 body
};

class JwtVerifier {
  public:
    static constexpr std::int64_t max_leeway_s = 3600;
    // Longer than any token a buyer needs; the header limit (8 KiB) bounds it anyway.
    static constexpr std::size_t max_token_bytes = 4096;

    JwtVerifier(JwtKey key, std::int64_t leeway_s);

    // `now_s`: Unix seconds. Never throws; every refusal is a sentence.
    JwtCheck verify(std::string_view token, std::int64_t now_s) const;

  private:
    JwtKey key_;
    std::int64_t leeway_s_;
};

}  // namespace seckill::auth
