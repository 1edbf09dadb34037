#pragma once
// The one sentence for a number outside its range, in the words core's validate(SaleConfig)
// uses, so the JSON reader, the operations and the console all say it alike.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace seckill::node {

inline std::optional<std::string> check_range(std::string_view name, std::int64_t v, std::int64_t lo,
                                              std::int64_t hi) {
    if (v >= lo && v <= hi) return std::nullopt;
    return std::string(name) + " must be between " + std::to_string(lo) + " and " + std::to_string(hi);
}

}  // namespace seckill::node
