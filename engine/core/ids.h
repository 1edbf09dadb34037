#pragma once
// Identifier rules of API v1 and the order id generator.
#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/clock.h"

namespace seckill {

bool is_valid_sale_id(std::string_view id);   // [A-Za-z0-9_-]{1,32}
bool is_valid_user_id(std::string_view id);   // [A-Za-z0-9_-]{1,64}
bool is_valid_node_id(std::string_view id);   // [A-Za-z0-9_-]{1,32}
bool is_valid_order_id(std::string_view id);  // exactly 32 of [0-9a-f]
// The sentence a 400 gives for an id that fails is_valid_order_id.
inline constexpr std::string_view order_id_rule = "order id must be 32 lowercase hex digits";

// Order ids as API v1 shows them: 32 lowercase hex digits. The first 16 are a Snowflake
// number — 41 bits of milliseconds since 2024-01-01, 10 bits of worker number, 12 bits of
// sequence — so ids are unique across nodes with no central counter (the ledger's node
// registry hands out worker numbers) and sort by time as text. The last 16 are 64 bits from
// the kernel's CSPRNG, so knowing one id (or the time and worker) does not tell anyone
// another: a guessed neighbour misses with probability 1 - 2^-64.
class OrderIdGenerator {
  public:
    static constexpr Millis epoch_ms = 1'704'067'200'000;  // 2024-01-01T00:00:00Z
    static constexpr int worker_bits = 10;
    static constexpr int sequence_bits = 12;
    static constexpr std::uint32_t max_worker = (1u << worker_bits) - 1;

    OrderIdGenerator(const Clock& clock, std::uint32_t worker);

    // Lock-free; when one millisecond's 4096 ids run out, the generator borrows the next
    // millisecond instead of sleeping, so time in the id never goes backwards.
    std::uint64_t next();
    // The worker number is known only once the node has registered with the ledger.
    void set_worker(std::uint32_t worker);
    // next() as 16 hex digits followed by 16 random hex digits.
    std::string next_string();

    // The Snowflake half of a valid id text (the first 16 hex digits).
    static std::uint64_t snowflake_of(std::string_view id);

    static Millis time_of(std::uint64_t id) {
        return Millis(id >> (worker_bits + sequence_bits)) + epoch_ms;
    }
    static std::uint32_t worker_of(std::uint64_t id) {
        return std::uint32_t(id >> sequence_bits) & max_worker;
    }

  private:
    const Clock& clock_;
    std::atomic<std::uint32_t> worker_;
    // Packs (ms since epoch << sequence_bits | sequence) so one CAS advances both.
    std::atomic<std::uint64_t> last_{0};
};

}  // namespace seckill
