#pragma once
// Per-key limiter state in a fixed amount of memory, like an nginx limit_req zone: when the
// table is full the least recently used key is forgotten, so a flood of distinct addresses
// costs old keys their history instead of costing the process its memory.
//
// Everything is allocated up front, in one block, by the constructor; lookups, inserts and
// evictions never touch the heap. The table is split into shards, each with its own mutex, its own
// slab of entries and its own LRU list, so io threads checking different keys rarely contend.
// Recency is per shard: a key is evicted when it is the oldest of its own shard.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <string_view>
#include <type_traits>

namespace seckill::limit {

class KeyedTable {
  public:
    // Enough for an IPv6 address in text and for any user id the API accepts (1-64 chars).
    // A longer key is folded to its first 47 bytes, '#', and 16 hex digits of a 64-bit hash
    // of the whole key: long keys stay readable in a dump, and two of them share a state only
    // if they share the prefix and the hash.
    static constexpr std::size_t max_key_bytes = 64;
    static constexpr std::size_t state_bytes = 16;
    // Exact cost of one key: a 96-byte entry (state 16, LRU links 8, hash 4, key length 1,
    // key 64, padding 3) plus two 8-byte index slots (the open-addressing index is kept at
    // most half full). keyed_table.cpp asserts this against the real types.
    static constexpr std::size_t bytes_per_key = 96 + 2 * 8;
    static constexpr std::size_t default_shards = 16;
    // Beyond byte_budget, memory_bytes() also counts the shard headers: a mutex, two pointers
    // and the LRU ends, padded to two cache lines so neighbouring shards never share one.
    static constexpr std::size_t shard_header_bytes = 128;
    static constexpr std::size_t max_fixed_overhead = default_shards * shard_header_bytes;

    // capacity() = byte_budget / bytes_per_key, rounded down to a multiple of the shard count.
    // Uses fewer shards when the budget holds fewer keys than shards (one key: one shard).
    // Throws std::invalid_argument when the budget cannot hold a single key.
    explicit KeyedTable(std::size_t byte_budget, std::size_t shards = default_shards);
    ~KeyedTable();
    KeyedTable(const KeyedTable&) = delete;
    KeyedTable& operator=(const KeyedTable&) = delete;

    // Finds the key or creates it (evicting its shard's least recently used key when full),
    // marks it most recently used, and runs f(State&, bool is_new) under the shard lock.
    // A new key's State is value-initialised. Returns what f returns.
    template <class State, class F>
    auto with_state(std::string_view key, F&& f) {
        check_state_type<State>();
        Access access = find_or_insert(key);
        State state{};
        if (!access.is_new) std::memcpy(&state, access.state, sizeof(State));
        auto result = std::forward<F>(f)(state, access.is_new);
        std::memcpy(access.state, &state, sizeof(State));
        return result;
    }

    // Runs f(const State*) under the shard lock with the key's state, or nullptr when the key
    // is absent. Neither creates the key nor changes its recency.
    template <class State, class F>
    auto peek(std::string_view key, F&& f) const {
        check_state_type<State>();
        Access access = find(key);
        if (!access.state) return std::forward<F>(f)(static_cast<const State*>(nullptr));
        State state{};
        std::memcpy(&state, access.state, sizeof(State));
        return std::forward<F>(f)(static_cast<const State*>(&state));
    }

    bool contains(std::string_view key) const;
    std::size_t size() const;
    std::size_t capacity() const { return capacity_; }
    std::size_t shard_count() const { return shard_count_; }
    // Every byte the table allocated: the size of its one block (shard headers, slabs and
    // indexes), which is the only allocation it ever makes.
    std::size_t memory_bytes() const { return allocated_bytes_; }

  private:
    struct Shard;
    struct Access {
        std::unique_lock<std::mutex> lock;
        std::byte* state = nullptr;
        bool is_new = false;
    };

    template <class State>
    static constexpr void check_state_type() {
        static_assert(std::is_trivially_copyable_v<State>, "states are copied as bytes");
        static_assert(sizeof(State) <= state_bytes, "a limiter state must fit in 16 bytes");
        static_assert(alignof(State) <= 8, "entries align states to 8 bytes");
    }

    Access find_or_insert(std::string_view key);
    Access find(std::string_view key) const;

    std::size_t shard_count_ = 0;
    std::size_t capacity_ = 0;
    std::size_t allocated_bytes_ = 0;
    void* block_ = nullptr;
    Shard* shards_ = nullptr;  // at the start of block_
};

}  // namespace seckill::limit
