#pragma once
// Degrade levels of API v1: each level sheds more work while health checks stay up.
#include <optional>
#include <string_view>

#include "core/enum_names.h"

namespace seckill {

enum class DegradeLevel : int {
    normal = 0,        // everything served live
    cached_reads = 1,  // sale reads come from a snapshot refreshed in the background
    reject_buys = 2,   // buys answered 503 + Retry-After without touching stock
    paused = 3,        // buy and order routes 503; health, metrics and admin stay up
};

inline std::optional<DegradeLevel> degrade_level_from_int(long long v) {
    if (v < 0 || v > 3) return std::nullopt;
    return static_cast<DegradeLevel>(v);
}

inline constexpr std::array<EnumName<DegradeLevel>, 4> degrade_level_names{{
    {DegradeLevel::normal, "normal"},
    {DegradeLevel::cached_reads, "cached_reads"},
    {DegradeLevel::reject_buys, "reject_buys"},
    {DegradeLevel::paused, "paused"},
}};
inline std::string_view to_string(DegradeLevel l) { return name_of(degrade_level_names, l); }

}  // namespace seckill
