#pragma once
// An enum's wire names as one table, and the two lookups every such enum needs: a value's
// name and a name's value. The table is the only list of the names, so a to_string and its
// parse cannot drift apart (they were a switch and a hand-kept list before).
#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace seckill {

template <class E>
struct EnumName {
    E value;
    std::string_view name;
};

template <class E, std::size_t N>
constexpr std::string_view name_of(const std::array<EnumName<E>, N>& table, E value,
                                   std::string_view unknown = "unknown") {
    for (const EnumName<E>& row : table)
        if (row.value == value) return row.name;
    return unknown;  // a value cast from a number no row has
}

template <class E, std::size_t N>
constexpr std::optional<E> value_of(const std::array<EnumName<E>, N>& table,
                                    std::string_view name) {
    for (const EnumName<E>& row : table)
        if (row.name == name) return row.value;
    return std::nullopt;
}

}  // namespace seckill
