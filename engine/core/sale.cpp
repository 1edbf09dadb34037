#include "core/sale.h"

#include "core/enum_names.h"
#include "core/ids.h"

namespace seckill {

namespace {
constexpr std::array<EnumName<SaleState>, 4> sale_state_names{{
    {SaleState::scheduled, "scheduled"},
    {SaleState::running, "running"},
    {SaleState::paused, "paused"},
    {SaleState::ended, "ended"},
}};
}  // namespace

std::string_view to_string(SaleState s) { return name_of(sale_state_names, s); }

std::optional<SaleState> parse_sale_state(std::string_view text) {
    return value_of(sale_state_names, text);
}

std::optional<std::string> validate(const SaleConfig& c) {
    if (!is_valid_sale_id(c.id)) return "sale id must match [A-Za-z0-9_-]{1,32}";
    if (c.name.size() > 200) return "name must be at most 200 bytes";
    if (c.total < 1 || c.total > max_sale_total) return "total must be between 1 and 100000000";
    if (c.per_user_limit < 1 || c.per_user_limit > max_per_user_limit)
        return "per_user_limit must be between 1 and 1000";
    if (c.pay_timeout_s < 1 || c.pay_timeout_s > max_pay_timeout_s)
        return "pay_timeout_s must be between 1 and 604800";
    if (c.starts_at && c.ends_at && *c.ends_at <= *c.starts_at)
        return "ends_at must be after starts_at";
    return std::nullopt;
}

SaleState effective_state(SaleState stored, const SaleConfig& c, Millis now) {
    if (stored == SaleState::ended) return stored;
    if (c.ends_at && now >= *c.ends_at) return SaleState::ended;
    if (stored == SaleState::scheduled && c.starts_at && now >= *c.starts_at)
        return SaleState::running;
    return stored;
}

}  // namespace seckill
