#pragma once
// RFC 3339 timestamps in UTC, the form API v1 uses for starts_at, ends_at and pay_before.
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"

namespace seckill {

std::string format_rfc3339(Millis t);  // 2026-11-21T10:00:00.123Z

// Accepts YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM); nothing on any deviation.
std::optional<Millis> parse_rfc3339(std::string_view text);

}  // namespace seckill
