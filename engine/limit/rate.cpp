#include "limit/rate.h"

#include <charconv>

namespace seckill::limit {
namespace {

std::optional<MilliRate> fail(std::string* error, std::string message) {
    if (error) *error = std::move(message);
    return std::nullopt;
}

std::string quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

}  // namespace

std::optional<MilliRate> parse_rate(std::string_view text, std::string* error) {
    constexpr std::string_view per_second = "r/s";
    constexpr std::string_view per_minute = "r/m";
    if (text.empty())
        return fail(error, "the rate is empty; write it like \"10r/s\" or \"600r/m\"");

    std::int64_t seconds_per_unit = 0;
    if (text.ends_with(per_second)) {
        seconds_per_unit = 1;
    } else if (text.ends_with(per_minute)) {
        seconds_per_unit = 60;
    } else {
        return fail(error, "the rate " + quoted(text) + " must end in r/s or r/m");
    }

    std::string_view digits = text.substr(0, text.size() - per_second.size());
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string_view::npos) {
        return fail(error, "the rate " + quoted(text) + " must start with a whole number");
    }
    std::int64_t requests = 0;
    auto [end, status] = std::from_chars(digits.data(), digits.data() + digits.size(), requests);
    if (status == std::errc::result_out_of_range || requests > max_requests_per_unit) {
        return fail(error, "the rate " + quoted(text) + " is too large (at most " +
                               std::to_string(max_requests_per_unit) + " per unit)");
    }
    if (status != std::errc{} || end != digits.data() + digits.size()) {
        return fail(error, "the rate " + quoted(text) + " must start with a whole number");
    }
    if (requests == 0) return fail(error, "the rate " + quoted(text) + " must be at least 1");

    // Same truncation as nginx: rate * 1000 / scale.
    return requests * 1000 / seconds_per_unit;
}

std::string format_rate(MilliRate rate) {
    if (rate % 1000 == 0) return std::to_string(rate / 1000) + "r/s";
    std::int64_t per_minute = (rate * 60 + 999) / 1000;
    if (per_minute * 1000 / 60 != rate) per_minute = (rate * 60 + 500) / 1000;
    return std::to_string(per_minute) + "r/m";
}

}  // namespace seckill::limit
