#pragma once
// The sale a test creates, built in one place: id, stock and the limits most tests leave at
// their defaults (name "item ID", one per user, ten minutes to pay).
#include <cstdint>
#include <string>

#include "core/sale.h"

namespace seckill::testing {

inline SaleConfig sale_config(std::string id, std::int64_t total, int per_user_limit = 1,
                              std::int64_t pay_timeout_s = 600) {
    SaleConfig c;
    c.id = std::move(id);
    c.name = "item " + c.id;
    c.total = total;
    c.per_user_limit = per_user_limit;
    c.pay_timeout_s = pay_timeout_s;
    return c;
}

}  // namespace seckill::testing
