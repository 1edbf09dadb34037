#pragma once
// Integer arithmetic on numbers that came from outside (requests, heartbeats, files): an
// overflow is an answer the caller turns into a refusal, never a wrapped value.
#include <cstdint>
#include <optional>

namespace seckill {

inline std::optional<std::int64_t> checked_add(std::int64_t a, std::int64_t b) {
    std::int64_t r = 0;
    if (__builtin_add_overflow(a, b, &r)) return std::nullopt;
    return r;
}

inline std::optional<std::int64_t> checked_mul(std::int64_t a, std::int64_t b) {
    std::int64_t r = 0;
    if (__builtin_mul_overflow(a, b, &r)) return std::nullopt;
    return r;
}

}  // namespace seckill
