#pragma once
// The keys buyer tokens are checked with, read from files an operator names on the command
// line. The node and seckill-load read the shared HS256 secret the same way, so a secret
// file that works for one works for the other.
#include <string>
#include <variant>

namespace seckill::auth {

struct JwtKey {
    enum class Kind {
        hs256_secret,  // a shared secret: only HS256 tokens are accepted
        public_key,    // a PEM public key: only RS256 and ES256 tokens are accepted
    };
    Kind kind = Kind::hs256_secret;
    std::string bytes;
};

// HS256 needs a secret of at least 32 bytes (RFC 7518 §3.2: the key as long as the hash).
inline constexpr std::size_t min_secret_bytes = 32;
inline constexpr std::size_t max_key_file_bytes = 64 * 1024;

// The secret in `path` with trailing whitespace removed (a newline left by an editor or
// `echo` is not part of the secret), or a sentence saying why it cannot be used.
std::variant<JwtKey, std::string> load_jwt_secret(const std::string& path);
// A PEM public key (RSA or EC) from `path`, or a sentence.
std::variant<JwtKey, std::string> load_jwt_public_key(const std::string& path);

}  // namespace seckill::auth
