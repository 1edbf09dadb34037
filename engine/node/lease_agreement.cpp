#include "node/lease_agreement.h"

namespace seckill::node {
namespace {

std::int64_t units_of(const std::map<std::string, std::int64_t>& m, const std::string& sale) {
    const auto it = m.find(sale);
    return it == m.end() ? 0 : it->second;
}

}  // namespace

std::map<std::string, LeaseDisagreement> LeaseAgreement::observe(
    const std::map<std::string, std::int64_t>& local,
    const std::map<std::string, std::int64_t>& ledger) {
    std::map<std::string, LeaseDisagreement> now, persisted;
    const auto look = [&](const std::string& sale) {
        const LeaseDisagreement d{units_of(local, sale), units_of(ledger, sale)};
        if (d.local == d.ledger) return;
        now[sale] = d;
        if (const auto it = last_.find(sale); it != last_.end() && it->second == d)
            persisted[sale] = d;
    };
    for (const auto& [sale, units] : local) look(sale);
    for (const auto& [sale, units] : ledger)
        if (!local.contains(sale)) look(sale);
    last_ = std::move(now);
    return persisted;
}

}  // namespace seckill::node
