#include "auth/key_file.h"

#include <fstream>
#include <iterator>

namespace seckill::auth {
namespace {

// The whole file into `text`, or false with a sentence in `error`; refuses files too large
// to be a key (a wrong path to a log file would otherwise be read into memory whole).
bool read_small_file(const std::string& path, const char* what, std::string& text,
                     std::string& error) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = std::string(what) + " file " + path + " cannot be read";
        return false;
    }
    char buf[4096];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
        text.append(buf, std::size_t(in.gcount()));
        if (text.size() > max_key_file_bytes) {
            error = std::string(what) + " file " + path + " is over 64 KiB; is it the right file?";
            return false;
        }
    }
    return true;
}

}  // namespace

std::variant<JwtKey, std::string> load_jwt_secret(const std::string& path) {
    std::string secret, error;
    if (!read_small_file(path, "--jwt-secret-file", secret, error)) return error;
    while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r' ||
                               secret.back() == ' ' || secret.back() == '\t'))
        secret.pop_back();
    if (secret.size() < min_secret_bytes)
        return "--jwt-secret-file " + path + " holds " + std::to_string(secret.size()) +
               " bytes; an HS256 secret needs at least 32";
    return JwtKey{JwtKey::Kind::hs256_secret, std::move(secret)};
}

std::variant<JwtKey, std::string> load_jwt_public_key(const std::string& path) {
    std::string pem, error;
    if (!read_small_file(path, "--jwt-public-key", pem, error)) return error;
    if (pem.find("-----BEGIN PUBLIC KEY-----") == std::string::npos &&
        pem.find("-----BEGIN RSA PUBLIC KEY-----") == std::string::npos)
        return "--jwt-public-key " + path + " is not a PEM public key (-----BEGIN PUBLIC KEY-----)";
    if (pem.find("PRIVATE KEY") != std::string::npos)
        return "--jwt-public-key " + path +
               " holds a private key; give the node only the public half";
    return JwtKey{JwtKey::Kind::public_key, std::move(pem)};
}

}  // namespace seckill::auth
