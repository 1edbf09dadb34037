#pragma once
// A string-keyed hash map that grows without a pause proportional to its whole size: the
// entries are spread by hash over `Parts` std::unordered_maps, so each growth step rehashes
// one part (1/Parts of the entries). The embedded ledger's order and holdings tables reach
// millions of entries in a sale, and one rehash of a whole std::unordered_map held the
// ledger's mutex for up to 110 ms (measured on the success-path bench) while every buyer
// waited. No library at hand grows incrementally (std, Boost.Unordered and Abseil maps all
// rehash in one step), and spreading is a few lines over the standard map.
#include <array>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace seckill {

static_assert(sizeof(std::size_t) == 8, "parts are picked by a 64-bit hash's high bits");

struct StringHash {
    using is_transparent = void;  // find(string_view) without building a std::string
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

template <class V, std::size_t Parts = 64>
class SpreadMap {
  public:
    using Map = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

    V* find(std::string_view key) {
        Map& m = part(key);
        auto it = m.find(key);
        return it == m.end() ? nullptr : &it->second;
    }
    const V* find(std::string_view key) const { return const_cast<SpreadMap*>(this)->find(key); }

    // The entry for `key`, made from `args` when there was none; second: whether it was made.
    template <class... Args>
    std::pair<V*, bool> try_emplace(std::string_view key, Args&&... args) {
        auto [it, made] = part(key).try_emplace(std::string(key), std::forward<Args>(args)...);
        if (made) ++size_;
        return {&it->second, made};
    }
    V& operator[](std::string_view key) { return *try_emplace(key).first; }

    bool erase(std::string_view key) {
        Map& m = part(key);
        auto it = m.find(key);
        if (it == m.end()) return false;
        m.erase(it);
        --size_;
        return true;
    }

    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    void clear() {
        for (Map& m : parts_) m.clear();
        size_ = 0;
    }

    // f(const std::string& key, V& value), every entry, in no particular order.
    template <class F>
    void for_each(F&& f) {
        for (Map& m : parts_)
            for (auto& [key, value] : m) f(key, value);
    }
    template <class F>
    void for_each(F&& f) const {
        for (const Map& m : parts_)
            for (const auto& [key, value] : m) f(key, value);
    }

  private:
    // The high bits pick the part: the low ones pick the bucket inside it.
    Map& part(std::string_view key) { return parts_[(StringHash{}(key) >> 48) % Parts]; }

    std::array<Map, Parts> parts_;
    std::size_t size_ = 0;
};

}  // namespace seckill
