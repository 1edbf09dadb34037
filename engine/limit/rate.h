#pragma once
// Request rates written the way nginx writes them ("10r/s", "600r/m"), held as an integer
// number of milli-requests per second like nginx's ctx->rate, so every limiter does exact
// integer arithmetic and a rule behaves as the same rule would in nginx.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace seckill::limit {

// Thousandths of a request per second: "10r/s" -> 10000, "600r/m" -> 10000, "1r/m" -> 16.
using MilliRate = std::int64_t;

// The largest count accepted before the unit; keeps rate * elapsed products far from
// overflow while allowing any rate a single node could see.
inline constexpr std::int64_t max_requests_per_unit = 1'000'000'000;

// Accepts "<N>r/s" or "<N>r/m" with 1 <= N <= max_requests_per_unit, nothing else (no spaces,
// signs or bare numbers). On failure returns nullopt and, if `error` is given, a sentence.
std::optional<MilliRate> parse_rate(std::string_view text, std::string* error = nullptr);

// "Nr/s" when the rate is a whole number per second, else "Nr/m" when an r/m rate parses back
// to exactly this value, else the nearest r/m (lossy; only for rates parse_rate never makes).
std::string format_rate(MilliRate rate);

}  // namespace seckill::limit
