#pragma once
// Users this node has seen reach a sale's per-user limit, so their repeat buys are
// refused without a ledger call. The ledger stays the judge: an entry only ever causes a
// refusal the ledger would also give, or — after a cancel on another node — a refusal
// for at most `ttl`, after which the user goes to the ledger again.
#include <array>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/clock.h"
#include "core/spread_map.h"

namespace seckill::node {

class HolderCache {
  public:
    explicit HolderCache(Millis ttl = 5000) : ttl_(ttl) {}

    // Whether the user is known to hold `limit` units at `now`.
    bool at_limit(std::string_view user, int limit, Millis now);
    void add(std::string_view user, Millis now);
    // The ledger refused the user for the limit: remember that they hold `limit`.
    void mark_at_limit(std::string_view user, int limit, Millis now);
    void remove(std::string_view user);  // one unit came back (cancel, expiry)
    void clear();  // the ledger's records may differ now (rejoin after a fence or reset)
    // Drops the expired entries of the next shard in turn (the housekeeper calls it every
    // tick): entries of buyers who never come back would otherwise stay for the whole sale.
    void sweep(Millis now);
    std::size_t size();

  private:
    struct Entry {
        int held = 0;
        Millis expires = 0;
    };
    struct alignas(64) Shard {
        std::mutex mu;
        std::unordered_map<std::string, Entry, StringHash, std::equal_to<>> users;
    };
    Shard& shard_for(std::string_view user);

    Millis ttl_;
    // Entries are added only for successful buys and swept once expired, so the table holds
    // the buys of `ttl` plus one sweep round (64 housekeeper ticks). 64 shards: fewer io threads
    // meet on one lock, and a shard's rehash moves 1/64 of the entries (see SpreadMap).
    std::array<Shard, 64> shards_;
    std::size_t next_sweep_ = 0;  // the housekeeper's thread only
};

}  // namespace seckill::node
