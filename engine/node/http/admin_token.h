#pragma once
// The bearer token of the admin routes: from a file, from SECKILL_ADMIN_TOKEN, or made on
// first start into the data dir (mode 0600) and shown once.
#include <string>
#include <string_view>

namespace seckill::node::http {

struct AdminToken {
    std::string value;
    bool generated = false;  // made just now: the caller prints it once
};

// Throws std::runtime_error when a given file cannot be read or holds no token.
AdminToken load_admin_token(const std::string& token_file, const std::string& data_dir);

// Compares in time independent of where the strings differ, so the token cannot be
// guessed a byte at a time from response timings.
bool token_matches(std::string_view expected, std::string_view presented);

}  // namespace seckill::node::http
