#include "core/ids.h"

#include <sys/random.h>

#include <array>
#include <cerrno>
#include <stdexcept>

namespace seckill {
namespace {

bool is_id_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
}

bool matches(std::string_view id, std::size_t max_len) {
    if (id.empty() || id.size() > max_len) return false;
    for (char c : id)
        if (!is_id_char(c)) return false;
    return true;
}

}  // namespace

bool is_valid_sale_id(std::string_view id) { return matches(id, 32); }
bool is_valid_user_id(std::string_view id) { return matches(id, 64); }
bool is_valid_node_id(std::string_view id) { return matches(id, 32); }

bool is_valid_order_id(std::string_view id) {
    if (id.size() != 32) return false;
    for (char c : id)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

namespace {

// 64 random bits from getrandom(2), the kernel's CSPRNG. A per-thread buffer refilled in
// blocks keeps it to one system call per 512 ids on the buy path. (This is the one call
// into the kernel in seckill_core; a seeded user-space generator would make every id
// predictable from a few others.)
std::uint64_t random_u64() {
    constexpr std::size_t block = 512;
    thread_local std::array<std::uint64_t, block> buf;
    thread_local std::size_t used = block;
    if (used == block) {
        auto* p = reinterpret_cast<unsigned char*>(buf.data());
        std::size_t want = sizeof buf;
        while (want > 0) {
            const ssize_t got = ::getrandom(p, want, 0);
            if (got < 0) {
                if (errno == EINTR) continue;
                throw std::runtime_error("getrandom failed: no random bits for order ids");
            }
            p += got;
            want -= std::size_t(got);
        }
        used = 0;
    }
    return buf[used++];
}

void append_hex16(std::string& out, std::uint64_t v) {
    static constexpr char digits[] = "0123456789abcdef";
    for (int shift = 60; shift >= 0; shift -= 4) out += digits[(v >> shift) & 0xf];
}

}  // namespace

std::string OrderIdGenerator::next_string() {
    std::string out;
    out.reserve(32);
    append_hex16(out, next());
    append_hex16(out, random_u64());
    return out;
}

std::uint64_t OrderIdGenerator::snowflake_of(std::string_view id) {
    std::uint64_t v = 0;
    for (char c : id.substr(0, 16)) v = (v << 4) | std::uint64_t(c <= '9' ? c - '0' : c - 'a' + 10);
    return v;
}

OrderIdGenerator::OrderIdGenerator(const Clock& clock, std::uint32_t worker)
    : clock_(clock), worker_(0) {
    set_worker(worker);
}

void OrderIdGenerator::set_worker(std::uint32_t worker) {
    if (worker > max_worker) throw std::invalid_argument("order id worker number above 1023");
    worker_.store(worker, std::memory_order_relaxed);
}

std::uint64_t OrderIdGenerator::next() {
    const std::uint64_t now = std::uint64_t(clock_.now_ms() - epoch_ms) << sequence_bits;
    std::uint64_t last = last_.load(std::memory_order_relaxed);
    std::uint64_t candidate;
    do {
        // A later millisecond restarts the sequence; otherwise (same millisecond, clock
        // stepped back, or sequence exhausted) continue one past the last id handed out.
        candidate = now > last ? now : last + 1;
    } while (!last_.compare_exchange_weak(last, candidate, std::memory_order_relaxed));
    const std::uint64_t ms = candidate >> sequence_bits;
    const std::uint64_t seq = candidate & ((1u << sequence_bits) - 1);
    return (ms << (worker_bits + sequence_bits)) |
           (std::uint64_t(worker_.load(std::memory_order_relaxed)) << sequence_bits) | seq;
}

}  // namespace seckill
