#include "node/http/admin_token.h"

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>

namespace seckill::node::http {
namespace {

std::string read_token(const std::filesystem::path& p) {
    std::ifstream in(p);
    if (!in) throw std::runtime_error("cannot read admin token file " + p.string());
    std::string token;
    std::getline(in, token);
    while (!token.empty() && (token.back() == '\r' || token.back() == ' ')) token.pop_back();
    if (token.empty()) throw std::runtime_error("admin token file " + p.string() + " is empty");
    return token;
}

std::string random_token() {
    std::random_device rd;  // the kernel's CSPRNG on Linux
    static constexpr char hex[] = "0123456789abcdef";
    std::string t;
    for (int i = 0; i < 32; ++i) t += hex[rd() & 15];
    return t;
}

}  // namespace

AdminToken load_admin_token(const std::string& token_file, const std::string& data_dir) {
    if (!token_file.empty()) return {read_token(token_file), false};
    if (const char* env = std::getenv("SECKILL_ADMIN_TOKEN"); env && *env) return {env, false};
    const std::filesystem::path path = std::filesystem::path(data_dir) / "admin-token";
    if (std::filesystem::exists(path)) return {read_token(path), false};
    const std::string token = random_token();
    const std::filesystem::path tmp = path.string() + ".tmp";
    {
        // Created 0600 from the start, then renamed into place, so no reader ever sees
        // a half-written or world-readable token.
        const mode_t old = ::umask(077);
        std::ofstream out(tmp, std::ios::trunc);
        ::umask(old);
        if (!out) throw std::runtime_error("cannot write admin token into " + data_dir);
        out << token << '\n';
    }
    std::filesystem::permissions(
        tmp, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    std::filesystem::rename(tmp, path);
    return {token, true};
}

bool token_matches(std::string_view expected, std::string_view presented) {
    if (expected.empty()) return false;
    unsigned char diff = expected.size() == presented.size() ? 0 : 1;
    for (std::size_t i = 0; i < presented.size(); ++i)
        diff |= static_cast<unsigned char>(expected[i % expected.size()] ^ presented[i]);
    return diff == 0;
}

}  // namespace seckill::node::http
