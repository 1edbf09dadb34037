#include "limit/keyed_table.h"

#include <algorithm>
#include <array>
#include <functional>
#include <limits>
#include <memory>
#include <new>
#include <stdexcept>
#include <string>

namespace seckill::limit {
namespace {

constexpr std::uint32_t no_entry = std::numeric_limits<std::uint32_t>::max();
constexpr std::size_t index_slots_per_key = 2;

struct Entry {
    alignas(8) std::byte state[KeyedTable::state_bytes];
    std::uint32_t newer;  // LRU neighbours, as slab indexes; no_entry at the ends
    std::uint32_t older;
    std::uint32_t hash;  // low half of the key's hash: finds its index slot on eviction
    std::uint8_t key_length;
    char key[KeyedTable::max_key_bytes];

    std::string_view key_view() const { return {key, key_length}; }
};

// Linear-probing index over the slab. Keeping the hash beside the entry number lets a probe
// skip other keys without reading their entries.
struct IndexSlot {
    std::uint32_t entry_plus_one;  // 0 marks an empty slot
    std::uint32_t hash;
};

static_assert(sizeof(Entry) + index_slots_per_key * sizeof(IndexSlot) == KeyedTable::bytes_per_key,
              "bytes_per_key in the header must state the real cost of a key");

// A key as stored: itself when short enough, else folded (see max_key_bytes).
class StoredKey {
  public:
    explicit StoredKey(std::string_view key) : view_(key) {
        if (key.size() <= KeyedTable::max_key_bytes) return;
        constexpr std::size_t prefix = KeyedTable::max_key_bytes - 17;
        constexpr char hex[] = "0123456789abcdef";
        std::uint64_t hash = std::hash<std::string_view>{}(key);
        std::copy_n(key.data(), prefix, folded_.data());
        folded_[prefix] = '#';
        for (std::size_t i = 0; i < 16; ++i) {
            folded_[prefix + 1 + i] = hex[(hash >> (60 - 4 * i)) & 0xf];
        }
        view_ = std::string_view(folded_.data(), folded_.size());
    }
    // view_ may point into this object, so it must not be copied.
    StoredKey(const StoredKey&) = delete;
    StoredKey& operator=(const StoredKey&) = delete;

    std::string_view view() const { return view_; }

  private:
    std::array<char, KeyedTable::max_key_bytes> folded_{};
    std::string_view view_;
};

// Maps a 32-bit value onto [0, n) without a division (Lemire's multiply-shift).
std::uint32_t scale_to(std::uint32_t value, std::uint32_t n) {
    return static_cast<std::uint32_t>((std::uint64_t{value} * n) >> 32);
}

}  // namespace

struct alignas(64) KeyedTable::Shard {
    std::mutex mutex;
    Entry* entries = nullptr;    // capacity of them, inside the table's block
    IndexSlot* slots = nullptr;  // slot_count of them, likewise
    std::uint32_t capacity = 0;
    std::uint32_t slot_count = 0;
    std::uint32_t used = 0;  // entries [0, used) are live; the slab fills once, then recycles
    std::uint32_t newest = no_entry;
    std::uint32_t oldest = no_entry;

    std::uint32_t next_slot(std::uint32_t slot) const {
        return slot + 1 == slot_count ? 0 : slot + 1;
    }

    // The key's slot, or the empty slot where it would go.
    std::uint32_t probe(std::string_view key, std::uint32_t hash) const {
        std::uint32_t slot = scale_to(hash, slot_count);
        while (slots[slot].entry_plus_one != 0) {
            const IndexSlot& candidate = slots[slot];
            if (candidate.hash == hash && entries[candidate.entry_plus_one - 1].key_view() == key) {
                return slot;
            }
            slot = next_slot(slot);
        }
        return slot;
    }

    // Backward-shift deletion: pulls later members of the probe run into the hole so
    // lookups never need tombstones and the index never degrades.
    void erase_slot(std::uint32_t hole) {
        slots[hole] = IndexSlot{0, 0};
        for (std::uint32_t slot = next_slot(hole); slots[slot].entry_plus_one != 0;
             slot = next_slot(slot)) {
            std::uint32_t home = scale_to(slots[slot].hash, slot_count);
            // Moved into the hole, an entry whose home lies in (hole, slot] would sit before
            // its home, where no probe for it starts.
            bool home_after_hole =
                hole <= slot ? (hole < home && home <= slot) : (hole < home || home <= slot);
            if (home_after_hole) continue;
            slots[hole] = slots[slot];
            slots[slot] = IndexSlot{0, 0};
            hole = slot;
        }
    }

    void unlink(std::uint32_t index) {
        Entry& entry = entries[index];
        if (entry.newer != no_entry) {
            entries[entry.newer].older = entry.older;
        } else {
            newest = entry.older;
        }
        if (entry.older != no_entry) {
            entries[entry.older].newer = entry.newer;
        } else {
            oldest = entry.newer;
        }
    }

    void link_as_newest(std::uint32_t index) {
        Entry& entry = entries[index];
        entry.newer = no_entry;
        entry.older = newest;
        if (newest != no_entry) entries[newest].newer = index;
        newest = index;
        if (oldest == no_entry) oldest = index;
    }

    // A slab entry for a new key: a never-used one while the slab fills, then the oldest.
    std::uint32_t take_entry() {
        if (used < capacity) return used++;
        std::uint32_t victim = oldest;
        unlink(victim);
        const Entry& entry = entries[victim];
        erase_slot(probe(entry.key_view(), entry.hash));
        return victim;
    }
};

KeyedTable::KeyedTable(std::size_t byte_budget, std::size_t shards) {
    static_assert(sizeof(Shard) <= shard_header_bytes, "max_fixed_overhead must hold");
    static_assert(sizeof(Shard) % alignof(Entry) == 0 && sizeof(Entry) % alignof(IndexSlot) == 0 &&
                  sizeof(IndexSlot) % alignof(Entry) == 0);
    std::size_t keys = byte_budget / bytes_per_key;
    if (keys == 0) {
        throw std::invalid_argument("a keyed limiter table needs at least " +
                                    std::to_string(bytes_per_key) + " bytes");
    }
    shard_count_ = std::clamp<std::size_t>(shards, 1, keys);
    std::size_t keys_per_shard = keys / shard_count_;
    if (keys_per_shard * index_slots_per_key > std::numeric_limits<std::uint32_t>::max() / 2) {
        throw std::invalid_argument("a keyed limiter table shard is limited to 2^30 keys");
    }
    capacity_ = keys_per_shard * shard_count_;
    std::size_t slots_per_shard = keys_per_shard * index_slots_per_key;
    std::size_t shard_bytes = keys_per_shard * sizeof(Entry) + slots_per_shard * sizeof(IndexSlot);

    // One block: [shard headers][entries 0][slots 0][entries 1][slots 1]... A single
    // allocation makes memory_bytes() exact and keeps each shard's data together.
    allocated_bytes_ = shard_count_ * sizeof(Shard) + shard_count_ * shard_bytes;
    block_ = ::operator new (allocated_bytes_, std::align_val_t{alignof(Shard)});
    auto* bytes = static_cast<std::byte*>(block_);
    shards_ = reinterpret_cast<Shard*>(bytes);
    std::uninitialized_default_construct_n(shards_, shard_count_);

    std::byte* next = bytes + shard_count_ * sizeof(Shard);
    for (std::size_t i = 0; i < shard_count_; ++i) {
        Shard& shard = shards_[i];
        shard.capacity = static_cast<std::uint32_t>(keys_per_shard);
        shard.slot_count = static_cast<std::uint32_t>(slots_per_shard);
        // Entries are written before they are read; slots must start empty.
        shard.entries = reinterpret_cast<Entry*>(next);
        std::uninitialized_default_construct_n(shard.entries, keys_per_shard);
        shard.slots = reinterpret_cast<IndexSlot*>(next + keys_per_shard * sizeof(Entry));
        std::uninitialized_value_construct_n(shard.slots, slots_per_shard);
        next += shard_bytes;
    }
}

KeyedTable::~KeyedTable() {
    std::destroy_n(shards_, shard_count_);
    ::operator delete (block_, std::align_val_t{alignof(Shard)});
}

namespace {

struct HashedKey {
    StoredKey stored;
    std::uint64_t hash;
    explicit HashedKey(std::string_view key)
        : stored(key), hash(std::hash<std::string_view>{}(stored.view())) {}
    std::uint32_t low() const { return static_cast<std::uint32_t>(hash); }
    std::uint32_t high() const { return static_cast<std::uint32_t>(hash >> 32); }
};

}  // namespace

KeyedTable::Access KeyedTable::find_or_insert(std::string_view raw_key) {
    HashedKey key(raw_key);
    Shard& shard = shards_[scale_to(key.high(), static_cast<std::uint32_t>(shard_count_))];
    std::unique_lock lock(shard.mutex);

    std::uint32_t slot = shard.probe(key.stored.view(), key.low());
    if (shard.slots[slot].entry_plus_one != 0) {
        std::uint32_t index = shard.slots[slot].entry_plus_one - 1;
        if (shard.newest != index) {
            shard.unlink(index);
            shard.link_as_newest(index);
        }
        return Access{std::move(lock), shard.entries[index].state, false};
    }

    bool evicting = shard.used == shard.capacity;
    std::uint32_t index = shard.take_entry();
    // Eviction shifts index slots, so the free slot found above may have moved.
    if (evicting) slot = shard.probe(key.stored.view(), key.low());

    Entry& entry = shard.entries[index];
    std::string_view stored = key.stored.view();
    std::copy(stored.begin(), stored.end(), entry.key);
    entry.key_length = static_cast<std::uint8_t>(stored.size());
    entry.hash = key.low();
    std::fill(std::begin(entry.state), std::end(entry.state), std::byte{0});
    shard.slots[slot] = IndexSlot{index + 1, key.low()};
    shard.link_as_newest(index);
    return Access{std::move(lock), entry.state, true};
}

KeyedTable::Access KeyedTable::find(std::string_view raw_key) const {
    HashedKey key(raw_key);
    Shard& shard = shards_[scale_to(key.high(), static_cast<std::uint32_t>(shard_count_))];
    std::unique_lock lock(shard.mutex);
    std::uint32_t slot = shard.probe(key.stored.view(), key.low());
    if (shard.slots[slot].entry_plus_one == 0) return Access{std::move(lock), nullptr, false};
    return Access{std::move(lock), shard.entries[shard.slots[slot].entry_plus_one - 1].state,
                  false};
}

bool KeyedTable::contains(std::string_view key) const { return find(key).state != nullptr; }

std::size_t KeyedTable::size() const {
    std::size_t total = 0;
    for (std::size_t i = 0; i < shard_count_; ++i) {
        std::lock_guard lock(shards_[i].mutex);
        total += shards_[i].used;
    }
    return total;
}

}  // namespace seckill::limit
