#include "core/ids.h"

#include <stdexcept>

namespace seckill {
namespace {

bool is_id_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-';
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
    if (id.empty() || id.size() > 20) return false;
    for (char c : id)
        if (c < '0' || c > '9') return false;
    return true;
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
    return (ms << (worker_bits + sequence_bits)) | (std::uint64_t(worker_.load(std::memory_order_relaxed)) << sequence_bits) | seq;
}

}  // namespace seckill
