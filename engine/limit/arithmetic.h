#pragma once
// Integer helpers shared by the limiters. Rates, bursts and elapsed times come from config
// and from the clock, so a product of two of them must saturate instead of wrapping.
#include <cstdint>
#include <limits>

namespace seckill::limit::detail {

inline std::int64_t saturating_multiply(std::int64_t a, std::int64_t b) {
    std::int64_t product = 0;
    if (__builtin_mul_overflow(a, b, &product)) {
        return (a < 0) != (b < 0) ? std::numeric_limits<std::int64_t>::min()
                                  : std::numeric_limits<std::int64_t>::max();
    }
    return product;
}

// For non-negative numerator and positive denominator.
inline std::int64_t ceil_divide(std::int64_t numerator, std::int64_t denominator) {
    return numerator / denominator + (numerator % denominator != 0 ? 1 : 0);
}

// Windows are aligned to multiples of their length since the epoch; floor, not truncation,
// so a clock before the epoch (only in tests) still lands on a boundary at or before it.
inline std::int64_t floor_to_multiple(std::int64_t value, std::int64_t step) {
    std::int64_t remainder = value % step;
    if (remainder < 0) remainder += step;
    return value - remainder;
}

}  // namespace seckill::limit::detail
